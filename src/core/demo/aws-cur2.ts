/**
 * An AWS CUR 2.0 (Data Exports) CSV for the demo's Amazon Bedrock spend, daily granularity, with
 * the columns of Costbook's CUR 2.0 fixture: one line per day, usage account, inference profile,
 * IAM principal and usage type (`USE1-Claude4Sonnet-input-tokens`), tokens as the usage amount in
 * "Units" at a per-token rate; map columns (`product`, `resource_tags`) as JSON objects with
 * activated cost-allocation tags keyed `user_<key>`; and a sales-tax line per account and month.
 */
import type { DemoDay } from './calendar';
import { groupCells, type ProviderSim } from './company-sim';
import { csvTable } from './csv-text';
import { COST_SCALE, formatScaled, padDecimals, roundDivide } from './decimal-text';
import { awsProfile } from './provider-accounts';
import { randomId, type Rng } from './random';
import { awsUsageType, region, skuFields } from './sku-names';
import type { UsageCell } from './usage-plan';

const COLUMNS = [
  'bill_bill_type', 'bill_billing_entity', 'bill_billing_period_end_date', 'bill_billing_period_start_date',
  'bill_invoice_id', 'bill_invoicing_entity', 'bill_payer_account_id', 'bill_payer_account_name', 'cost_category',
  'discount', 'identity_line_item_id', 'identity_time_interval', 'line_item_availability_zone', 'line_item_blended_cost',
  'line_item_blended_rate', 'line_item_currency_code', 'line_item_iam_principal', 'line_item_legal_entity',
  'line_item_line_item_description', 'line_item_line_item_type', 'line_item_net_unblended_cost', 'line_item_operation',
  'line_item_product_code', 'line_item_resource_id', 'line_item_tax_type', 'line_item_unblended_cost',
  'line_item_unblended_rate', 'line_item_usage_account_id', 'line_item_usage_account_name', 'line_item_usage_amount',
  'line_item_usage_end_date', 'line_item_usage_start_date', 'line_item_usage_type', 'pricing_currency',
  'pricing_public_on_demand_cost', 'pricing_public_on_demand_rate', 'pricing_unit', 'product', 'product_product_family',
  'product_region_code', 'product_servicecode', 'resource_tags',
] as const;

type Column = (typeof COLUMNS)[number];
type Line = Partial<Record<Column, string>>;

const ISSUER = 'Amazon Web Services, Inc.';
/** 8.875 % (New York City), rounded to the cent per account and month as AWS invoices it. */
const SALES_TAX_PER_100K = 8875n;

/** A map cell as CUR 2.0 writes it: a JSON object with ", " and ": " separators. */
function mapCell(entries: Record<string, string>): string {
  const pairs = Object.entries(entries).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{${pairs.join(', ')}}`;
}

/** Activated cost-allocation tags: user-defined keys carry the `user_` prefix, spelling kept. */
function curTags(tags: Record<string, string> | null): string {
  if (tags === null) return '{}';
  return mapCell(Object.fromEntries(Object.entries(tags).map(([k, v]) => [`user_${k}`, v])));
}

/** 2026-08-04T00:00:00.000Z */
function curTime(iso: string): string {
  return iso.replace(/Z$/, '.000Z');
}

/** A per-token rate from a per-1M price at scale 4: "0.0000030000", ten places as CUR prints them. */
function perTokenRate(priceE4: number): string {
  return padDecimals(formatScaled(BigInt(priceE4), COST_SCALE), 10);
}

function product(regionId: string, usageType: string): string {
  return mapCell({ product_name: 'Amazon Bedrock', region: regionId, usagetype: usageType, servicename: 'Amazon Bedrock' });
}

function billFields(sim: ProviderSim, day: DemoDay): Line {
  return {
    bill_bill_type: 'Anniversary',
    bill_billing_entity: 'AWS',
    bill_billing_period_end_date: curTime(day.billingEnd),
    bill_billing_period_start_date: curTime(day.billingStart),
    bill_invoice_id: sim.account.invoiceIds[day.monthIndex],
    bill_invoicing_entity: ISSUER,
    bill_payer_account_id: sim.account.billingAccountId,
    bill_payer_account_name: sim.account.billingAccountName,
    cost_category: '{}',
    discount: '{}',
    line_item_currency_code: 'USD',
    line_item_legal_entity: ISSUER,
    line_item_product_code: 'AmazonBedrock',
    pricing_currency: 'USD',
    product_product_family: 'Amazon Bedrock',
    product_servicecode: 'AmazonBedrock',
  };
}

function usageLine(sim: ProviderSim, rng: Rng, g: readonly UsageCell[]): Line {
  const c = g[0];
  const w = c.key.workload;
  const r = region(w.region ?? 'us-east-1');
  const tier = w.tier ?? 'standard';
  const usageType = awsUsageType(c.model, c.tokenClass, tier, r);
  const sku = skuFields({ provider: 'aws', model: c.model, tokenClass: c.tokenClass, tier, region: r, listPriceE4: c.listE4 });
  let tokens = 0;
  let billed = 0n;
  let list = 0n;
  for (const x of g) {
    tokens += x.tokens;
    billed += x.billed;
    list += BigInt(x.tokens) * BigInt(x.listE4);
  }
  const cost = formatScaled(billed, COST_SCALE);
  const rate = perTokenRate(c.contractedE4);
  return {
    ...billFields(sim, c.day),
    identity_line_item_id: randomId(rng, 52, 'lower'),
    identity_time_interval: `${c.day.start}/${c.day.end}`,
    line_item_blended_cost: cost,
    line_item_blended_rate: rate,
    line_item_iam_principal: c.key.identity.apiKey,
    line_item_line_item_description: sku.description,
    line_item_line_item_type: 'Usage',
    line_item_operation: 'InvokeModelInference',
    line_item_resource_id: awsProfile(w, c.key.project, c.model).id,
    line_item_unblended_cost: cost,
    line_item_unblended_rate: rate,
    line_item_usage_account_id: c.key.project.subAccountId,
    line_item_usage_account_name: c.key.project.subAccountName,
    line_item_usage_amount: String(tokens),
    line_item_usage_end_date: curTime(c.day.end),
    line_item_usage_start_date: curTime(c.day.start),
    line_item_usage_type: usageType,
    pricing_public_on_demand_cost: formatScaled(list, COST_SCALE),
    pricing_public_on_demand_rate: perTokenRate(c.listE4),
    pricing_unit: 'Units',
    product: product(r.id, usageType),
    product_region_code: r.id,
    resource_tags: curTags(sim.tagsOf(c)),
  };
}

/** Sales tax per usage account and month, on that account's Bedrock charges. */
function taxLines(sim: ProviderSim, rng: Rng): Line[] {
  const groups = groupCells(sim.cells, (c) => `${c.day.monthIndex}|${c.key.project.subAccountId}`);
  return groups.map((g) => {
    const c = g[0];
    let usage = 0n;
    for (const x of g) usage += x.billed;
    // Scale 10 × 8875 / 100000, rounded to cents (scale 2), then back to scale 10.
    const cents = roundDivide(usage * SALES_TAX_PER_100K, 100_000n * 100_000_000n);
    const tax = formatScaled(cents * 100_000_000n, COST_SCALE);
    const regionId = c.key.workload.region ?? 'us-east-1';
    return {
      ...billFields(sim, c.day),
      identity_line_item_id: randomId(rng, 52, 'lower'),
      identity_time_interval: `${c.day.billingStart}/${c.day.billingEnd}`,
      line_item_blended_cost: tax,
      line_item_line_item_description: 'Tax for product code AmazonBedrock',
      line_item_line_item_type: 'Tax',
      line_item_unblended_cost: tax,
      line_item_usage_account_id: c.key.project.subAccountId,
      line_item_usage_account_name: c.key.project.subAccountName,
      line_item_usage_amount: '1',
      line_item_usage_end_date: curTime(c.day.billingEnd),
      line_item_usage_start_date: curTime(c.day.billingStart),
      pricing_public_on_demand_cost: '0',
      product: product(regionId, ''),
      product_region_code: regionId,
      resource_tags: '{}',
    };
  });
}

export function awsCur2Csv(sim: ProviderSim, rng: Rng): string {
  const key = (c: UsageCell) => {
    const tier = c.key.workload.tier ?? 'standard';
    const r = region(c.key.workload.region ?? 'us-east-1');
    return `${c.day.index}|${c.key.identity.apiKey}|${c.model.id}|${awsUsageType(c.model, c.tokenClass, tier, r)}`;
  };
  const usage = groupCells(sim.cells, key).map((g) => usageLine(sim, rng, g));
  return csvTable(COLUMNS, [...usage, ...taxLines(sim, rng)]);
}
