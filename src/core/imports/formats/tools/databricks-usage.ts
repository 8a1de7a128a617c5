import type { ChargeDraft } from '../../charge-writer';
import { canonicalTags } from '../focus';
import { indexHeader } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { columnsOf, detection, missingOf, scoreOf, type Signature } from './detect';
import { emitTokenLines, isRecord, textOf, ToolsReader, ZERO, type TokenClass } from './tools-reader';

/**
 * An export of Databricks' `system.billing.usage` table (SQL editor or notebook download; map
 * and struct columns as JSON). It holds quantities, not money: DBUs priced by
 * `system.billing.list_prices` and the account's contract. So it is usage: costs are 0 here,
 * DBUs are the consumed quantity, and it never adds to invoiced totals.
 */

const SIGNATURE: Signature = {
  format: 'databricks-usage',
  required: ['record_id', 'account_id', 'workspace_id', 'sku_name', 'usage_quantity', 'usage_unit', 'usage_start_time'],
  hints: ['usage_end_time', 'usage_date', 'cloud', 'custom_tags', 'usage_metadata', 'identity_metadata', 'record_type', 'billing_origin_product', 'product_features', 'usage_type'],
  lookalike: 4,
};

const COLUMNS = [
  'record_id', 'account_id', 'workspace_id', 'sku_name', 'cloud', 'usage_start_time', 'usage_end_time', 'custom_tags', 'usage_unit',
  'usage_quantity', 'usage_metadata', 'identity_metadata', 'record_type', 'billing_origin_product', 'usage_type',
] as const;

/** Products whose usage is AI work (serving, gateways, vector search, training, agents). */
const AI_PRODUCTS = /MODEL_SERVING|AI_GATEWAY|VECTOR_SEARCH|FOUNDATION_MODEL|AI_FUNCTIONS|AGENT|AI_RUNTIME/;
const TOKEN_UNIT = /^(?:(\d+)\s*([KM])?[\s_]*)?TOKENS?$/i;
const CORRECTION = new Set(['RETRACTION', 'RESTATEMENT']);

/** "MODEL_SERVING" → "Model Serving". */
function humanize(product: string): string {
  return product
    .toLowerCase()
    .split('_')
    .filter((w) => w !== '')
    .map((w) => (w === 'sql' || w === 'ai' || w === 'dlt' ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

/** Tokens per unit when the unit counts tokens ("TOKEN", "1M_TOKENS"), else null. */
function tokenMultiplier(unit: string | null): number | null {
  const m = unit === null ? null : TOKEN_UNIT.exec(unit.trim());
  if (m === null) return null;
  const scale = m[2] === undefined ? 1 : m[2].toUpperCase() === 'K' ? 1000 : 1_000_000;
  return Number(m[1] ?? 1) * scale;
}

/** Input or output, when the SKU says so as one of its words. */
function tokenClassOf(sku: string | null): TokenClass | null {
  if (sku === null) return null;
  const words = sku.toUpperCase().split(/[_\s-]+/);
  if (words.includes('INPUT')) return 'input';
  if (words.includes('OUTPUT')) return 'output';
  return null;
}

class DatabricksMapper extends ToolsReader implements RowMapper {
  private readonly i: Record<(typeof COLUMNS)[number], number>;
  private tokenTypeInDbus = 0;

  constructor(file: string, header: string[]) {
    super(file, header);
    this.i = columnsOf(header, COLUMNS);
  }

  warnings(): string[] {
    const notes = [
      'Databricks billing usage has no prices: costs are 0 and the usage (DBUs ...) is the consumed quantity. It is kept as usage, not invoiced cost; price it with system.billing.list_prices or your contract.',
    ];
    if (this.tokenTypeInDbus > 0) {
      notes.push(`${this.tokenTypeInDbus} pay-per-token row(s) are measured in DBUs, not tokens: their token counts are not in this table.`);
    }
    return notes;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const start = this.instant(i.usage_start_time, true);
    const end = this.instant(i.usage_end_time, false);
    const quantity = this.quantity(i.usage_quantity);
    const usage = this.jsonObject(i.usage_metadata, 'a JSON object (the usage_metadata struct)');
    const identity = this.jsonObject(i.identity_metadata, 'a JSON object (the identity_metadata struct)');
    const rawTags = this.text(i.custom_tags);
    const tags = rawTags === null ? null : canonicalTags(rawTags);
    if (tags === undefined) this.problem(i.custom_tags, 'a JSON object of tags such as {"team":"search"}');
    if (this.text(i.usage_quantity) === null) this.problem(i.usage_quantity, 'a decimal quantity (it is required)');
    if (!this.ok || start === null || quantity === null || tags === undefined) return false;

    const unit = this.text(i.usage_unit);
    const sku = this.text(i.sku_name);
    const product = this.text(i.billing_origin_product);
    const usageType = this.text(i.usage_type);
    const perToken = usageType?.toUpperCase() === 'TOKEN';
    const multiplier = tokenMultiplier(unit);
    if (perToken && multiplier === null) this.tokenTypeInDbus++;
    const ai = perToken || multiplier !== null || (product !== null && AI_PRODUCTS.test(product));
    const endpoint = textOf(usage, 'endpoint_name');
    const gateway = isRecord(usage?.ai_gateway) ? usage.ai_gateway : null;
    // Pay-per-token endpoints are named after their model ("databricks-meta-llama-3-3-70b-instruct").
    const model = perToken || multiplier !== null ? (textOf(gateway, 'destination_model') ?? endpoint) : null;
    const recordType = this.text(i.record_type)?.toUpperCase() ?? null;
    const workspace = this.text(i.workspace_id);
    const fill = (d: ChargeDraft): void => {
      d.rowNumber = line;
      d.chargePeriodStart = start;
      d.chargePeriodEnd = end;
      d.pricingQuantity = quantity;
      d.consumedQuantity = quantity;
      d.tagsJson = tags;
      d.setText('BillingCurrency', 'USD');
      d.setText('ProviderName', 'Databricks');
      d.setText('PublisherName', 'Databricks');
      d.setText('InvoiceIssuerName', 'Databricks');
      d.setText('ServiceName', product === null ? 'Databricks' : `Databricks ${humanize(product)}`);
      d.setText('ServiceCategory', ai ? 'AI and Machine Learning' : 'Analytics');
      d.setText('ChargeCategory', 'Usage');
      d.setText('ChargeClass', recordType !== null && CORRECTION.has(recordType) ? 'Correction' : null);
      d.setText('ChargeFrequency', 'Usage-Based');
      d.setText('ChargeDescription', usageType);
      d.setText('BillingAccountId', this.text(i.account_id));
      d.setText('SubAccountId', workspace);
      d.setText('SubAccountName', workspace);
      d.setText('SkuId', sku);
      d.setText('PricingUnit', unit);
      d.setText('ConsumedUnit', unit);
      d.setText('ResourceId', textOf(usage, 'endpoint_id') ?? textOf(usage, 'cluster_id') ?? textOf(usage, 'warehouse_id') ?? textOf(usage, 'job_id'));
      d.setText('ResourceName', endpoint ?? textOf(usage, 'job_name'));
      d.setText('x_Model', model);
      d.setText('x_User', textOf(identity, 'run_as') ?? textOf(identity, 'created_by'));
    };
    // Only a unit that counts tokens gives tokens; its class comes from the SKU when it names one.
    const tokens = multiplier === null ? null : Math.round(quantity * multiplier);
    const tokenClass = multiplier === null ? null : tokenClassOf(sku);
    emitTokenLines(sink, [{ tokenClass, tokens }], { billed: ZERO, effective: ZERO, list: ZERO, requests: null }, fill);
    return true;
  }
}

export const databricksUsageImporter: TableImporter = {
  kind: 'table',
  id: SIGNATURE.format,
  label: 'Databricks billing usage',
  detect(header: string[]): Detection | null {
    const score = scoreOf(indexHeader(header), SIGNATURE);
    return score === null ? null : detection(SIGNATURE, score, null, 'Databricks billing usage', 'usage');
  },
  missingColumns: (header) => missingOf(header, SIGNATURE),
  createMapper: (file, header) => new DatabricksMapper(file, header),
};
