/**
 * A generated CUR 2.0 file for the benchmark: the fixture's columns, a mix of EC2, S3 and
 * Bedrock lines over one month, many resource ids, JSON `product` and `resource_tags` maps.
 * Amounts are exact decimals built from integers.
 */
const HEADER =
  'bill_bill_type,bill_billing_entity,bill_billing_period_end_date,bill_billing_period_start_date,bill_invoice_id,bill_invoicing_entity,bill_payer_account_id,bill_payer_account_name,cost_category,discount,identity_line_item_id,identity_time_interval,line_item_availability_zone,line_item_blended_cost,line_item_blended_rate,line_item_currency_code,line_item_iam_principal,line_item_legal_entity,line_item_line_item_description,line_item_line_item_type,line_item_net_unblended_cost,line_item_operation,line_item_product_code,line_item_resource_id,line_item_tax_type,line_item_unblended_cost,line_item_unblended_rate,line_item_usage_account_id,line_item_usage_account_name,line_item_usage_amount,line_item_usage_end_date,line_item_usage_start_date,line_item_usage_type,pricing_currency,pricing_public_on_demand_cost,pricing_public_on_demand_rate,pricing_unit,product,product_product_family,product_region_code,product_servicecode,resource_tags';

type Kind = { code: string; service: string; family: string; usage: string; op: string; unit: string; rateE10: number; desc: string };

const KINDS: Kind[] = [
  { code: 'AmazonEC2', service: 'Amazon Elastic Compute Cloud', family: 'Compute Instance', usage: 'USE1-BoxUsage:m6i.large', op: 'RunInstances', unit: 'Hrs', rateE10: 960_000_000, desc: '$0.096 per On Demand Linux m6i.large Instance Hour' },
  { code: 'AmazonS3', service: 'Amazon Simple Storage Service', family: 'Storage', usage: 'USE1-TimedStorage-ByteHrs', op: 'StandardStorage', unit: 'GB-Mo', rateE10: 230_000_000, desc: '$0.023 per GB - first 50 TB / month of storage used' },
  { code: 'AmazonBedrock', service: 'Amazon Bedrock', family: 'Generative AI', usage: 'USE1-Claude4.6Sonnet-input-tokens', op: 'InvokeModelInference', unit: 'Units', rateE10: 30_000, desc: 'Claude Sonnet 4.6 input tokens' },
  { code: 'AmazonBedrock', service: 'Amazon Bedrock', family: 'Generative AI', usage: 'USE1-Claude4.6Sonnet-output-tokens', op: 'InvokeModelInference', unit: 'Units', rateE10: 150_000, desc: 'Claude Sonnet 4.6 output tokens' },
];

const TEAMS = ['search', 'chatbot', 'platform', 'data', 'billing', 'growth'];

function decimal(e10: bigint): string {
  const neg = e10 < 0n;
  const s = (neg ? -e10 : e10).toString().padStart(11, '0');
  const frac = s.slice(-10).replace(/0+$/, '');
  return `${neg ? '-' : ''}${s.slice(0, -10)}${frac ? '.' + frac : ''}`;
}

function csv(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function* generateCur2Lines(rows: number, seed: number): Generator<string> {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  yield HEADER + '\n';
  for (let i = 0; i < rows; i++) {
    const k = KINDS[Math.floor(next() * KINDS.length)];
    const day = 1 + Math.floor(next() * 29); // September has 30 days; the line ends the next day
    const d = String(day).padStart(2, '0');
    const d2 = String(day + 1).padStart(2, '0');
    const account = String(100000000000 + Math.floor(next() * 40));
    const team = TEAMS[Math.floor(next() * TEAMS.length)];
    const quantity = k.code === 'AmazonBedrock' ? BigInt(1000 + Math.floor(next() * 2_000_000)) : BigInt(1 + Math.floor(next() * 24));
    const cost = decimal(quantity * BigInt(k.rateE10));
    const rate = decimal(BigInt(k.rateE10));
    const resource = k.code === 'AmazonEC2' ? `i-${(Math.floor(next() * 50_000) + 0x10000).toString(16)}abc` : `arn:aws:${k.code === 'AmazonS3' ? 's3:::bucket-' + Math.floor(next() * 5000) : 'bedrock:us-east-1:' + account + ':inference-profile/p' + Math.floor(next() * 200)}`;
    const product = JSON.stringify({ product_name: k.service, region: 'us-east-1', servicename: k.service });
    const tags = next() < 0.15 ? '{}' : JSON.stringify({ user_team: team, user_environment: next() < 0.8 ? 'prod' : 'staging' });
    const fields = [
      'Anniversary', 'AWS', '2026-10-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z', 'INV-2026-09', 'Amazon Web Services, Inc.',
      '111122223333', 'Example Payer', '{}', '{}', `li${i}`, `2026-09-${d}T00:00:00Z/2026-09-${d2}T00:00:00Z`, 'us-east-1a',
      cost, rate, 'USD', `arn:aws:iam::${account}:role/${team}-app`, 'Amazon Web Services, Inc.', k.desc, 'Usage', '', k.op,
      k.code, resource, '', cost, rate, account, `${team}-prod`, quantity.toString(), `2026-09-${d2}T00:00:00.000Z`,
      `2026-09-${d}T00:00:00.000Z`, k.usage, 'USD', cost, rate, k.unit, product, k.family, 'us-east-1', k.code, tags,
    ];
    yield fields.map(csv).join(',') + '\n';
  }
}
