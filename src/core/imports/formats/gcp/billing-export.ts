import { ownString } from '../../../db/strings';
import { parseDecimal, splitPico } from '../../../money/decimal';
import type { ChargeDraft } from '../../charge-writer';
import { parseInstant } from '../../dates';
import { canonicalTags } from '../focus';
import { indexHeader } from '../header';
import { RecordReader } from '../record-reader';
import type { ChargeSink, Report, RowMapper } from '../types';
import { setGoogleAiFields } from './ai-sku';
import { gcpChargeCategory } from './cost-type';
import { isNumberText, isRecord, parseRepeated, type Literal } from './repeated-field';

/** GCP billing export columns, dotted (BigQuery) or underscored (other flatteners): matching squashes both. */
function columns(header: string[]) {
  const h = indexHeader(header);
  return {
    billingAccountId: h.index('billing_account_id'),
    serviceId: h.index('service.id'),
    service: h.index('service.description'),
    skuId: h.index('sku.id'),
    sku: h.index('sku.description'),
    start: h.index('usage_start_time'),
    end: h.index('usage_end_time'),
    projectId: h.index('project.id'),
    projectName: h.index('project.name'),
    projectLabels: h.index('project.labels'),
    labels: h.index('labels'),
    region: h.index('location.region'),
    location: h.index('location.location'),
    zone: h.index('location.zone'),
    cost: h.index('cost'),
    currency: h.index('currency'),
    costAtList: h.index('cost_at_list'),
    usageAmount: h.index('usage.amount'),
    usageUnit: h.index('usage.unit'),
    pricingAmount: h.index('usage.amount_in_pricing_units'),
    pricingUnit: h.index('usage.pricing_unit'),
    credits: h.index('credits'),
    invoiceMonth: h.index('invoice.month'),
    costType: h.index('cost_type'),
    resourceName: h.index('resource.name'),
    resourceGlobalName: h.index('resource.global_name'),
    seller: h.index('seller_name'),
  };
}

const INVOICE_MONTH = /^(\d{4})(\d{2})$/;

/**
 * The Cloud Billing export to BigQuery, flattened to CSV, one charge per record (formats.md §4.4).
 * `cost` is before credits (§4.5): BilledCost and EffectiveCost are cost + Σ credits.amount (the
 * credits are negative), so they are what is owed. ListCost is cost_at_list, or the pre-credit
 * cost when the file has no cost_at_list; ContractedCost is the pre-credit cost (the account's
 * prices before credits and discounts).
 */
export class GcpBillingExportMapper extends RecordReader implements RowMapper {
  private readonly c: ReturnType<typeof columns>;
  private readonly unknownCostTypes = new Set<string>();
  private readonly tagCache = new Map<string, Record<string, string | null> | undefined>();
  private characterRows = 0;
  private readonly otherUnits = new Set<string>();

  constructor(file: string, header: string[]) {
    super(file, header);
    this.c = columns(header);
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const c = this.c;
    this.begin(f, line, report);
    const d = sink.next();
    d.rowNumber = line;
    d.chargePeriodStart = this.time(c.start, true) ?? 0;
    d.chargePeriodEnd = this.time(c.end, false);
    this.invoiceMonth(d);
    this.costs(d);
    this.describe(d);
    this.tags(d);
    if (this.ok) sink.emit();
    return this.ok;
  }

  warnings(): string[] {
    const c = this.c;
    const out = ['BilledCost and EffectiveCost are cost plus the credits of each row (GCP\'s cost column is before credits).'];
    if (c.credits < 0) out.push('The file has no credits column: BilledCost is the cost column as it is.');
    if (c.costAtList < 0) out.push('The file has no cost_at_list column: ListCost is the cost before credits.');
    if (this.unknownCostTypes.size > 0) out.push(`cost_type values taken as Usage: ${[...this.unknownCostTypes].join(', ')}.`);
    if (this.characterRows > 0) {
      out.push(`${this.characterRows} Vertex AI row(s) are billed per character: the characters are kept as consumed quantity, with no token count.`);
    }
    if (this.otherUnits.size > 0) out.push(`Vertex AI token SKUs with usage units that are not tokens (${[...this.otherUnits].join(', ')}) have no token count.`);
    return out;
  }

  /** BigQuery writes TIMESTAMPs as "2022-08-01 03:00:00 UTC" when extracting to CSV. */
  private time(col: number, required: boolean): number | null {
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'a date and time such as 2022-08-01 03:00:00+00:00 (it is required)');
      return null;
    }
    const t = parseInstant(v.replace(/\s+UTC$/, 'Z'));
    if (t === null) this.problem(col, 'a date and time such as 2022-08-01 03:00:00+00:00');
    return t;
  }

  private invoiceMonth(d: ChargeDraft): void {
    const v = this.text(this.c.invoiceMonth);
    if (v === null) return;
    const m = INVOICE_MONTH.exec(v);
    const month = m === null ? 0 : Number(m[2]);
    if (m === null || month < 1 || month > 12) {
      this.problem(this.c.invoiceMonth, 'an invoice month as YYYYMM, e.g. 202208');
      return;
    }
    d.billingPeriodStart = Date.UTC(Number(m[1]), month - 1, 1) / 1000;
    d.billingPeriodEnd = Date.UTC(Number(m[1]), month, 1) / 1000;
  }

  private costs(d: ChargeDraft): void {
    const c = this.c;
    const costText = this.text(c.cost);
    const gross = this.money(c.cost, true);
    if (gross === null || costText === null) return;
    let net = parseDecimal(costText) ?? 0n;
    for (const amount of this.creditAmounts()) net += amount;
    const billed = splitPico(net);
    d.billed = billed;
    d.effective = billed;
    d.contracted = gross;
    d.list = this.money(c.costAtList, false) ?? gross;
  }

  /** The amounts of the row's credits, exact; reports the cell when it is not a list of credits. */
  private creditAmounts(): bigint[] {
    const col = this.c.credits;
    const raw = this.text(col);
    if (raw === null) return [];
    const list = parseRepeated(raw);
    const amounts: bigint[] = [];
    for (const credit of list ?? []) {
      const amount: Literal | undefined = isRecord(credit) ? credit.get('amount') : undefined;
      const text = isNumberText(amount) ? amount.number : typeof amount === 'string' ? amount : null;
      const pico = text === null ? null : parseDecimal(text);
      if (pico === null) break;
      amounts.push(pico);
    }
    if (list === undefined || amounts.length !== list.length) {
      this.problem(col, "a list of credits with amounts, e.g. [{'name': 'Free tier', 'amount': -0.5}]");
      return [];
    }
    return amounts;
  }

  private describe(d: ChargeDraft): void {
    const c = this.c;
    const currency = this.text(c.currency);
    if (currency === null) this.problem(c.currency, 'a currency code such as USD (it is required)');
    d.setText('BillingCurrency', currency);
    d.setText('ProviderName', 'Google Cloud');
    d.setText('InvoiceIssuerName', 'Google Cloud');
    d.setText('PublisherName', this.text(c.seller) ?? 'Google Cloud');
    d.setText('BillingAccountId', this.text(c.billingAccountId));
    const service = this.text(c.service);
    d.setText('ServiceName', service ?? this.text(c.serviceId) ?? 'Unassigned');
    const costType = this.text(c.costType);
    const category = gcpChargeCategory(costType);
    if (category === null && costType !== null) this.unknownCostTypes.add(costType);
    d.setText('ChargeCategory', category ?? 'Usage');
    d.setText('SubAccountId', this.text(c.projectId));
    d.setText('SubAccountName', this.text(c.projectName));
    d.setText('RegionId', this.text(c.region) ?? this.text(c.location));
    d.setText('AvailabilityZone', this.text(c.zone));
    d.setText('ResourceId', this.text(c.resourceGlobalName));
    d.setText('ResourceName', this.text(c.resourceName));
    const sku = this.text(c.sku);
    d.setText('SkuId', this.text(c.skuId));
    d.setText('SkuMeter', sku);
    d.setText('ChargeDescription', sku);
    d.consumedQuantity = this.quantity(c.usageAmount);
    const unit = this.text(c.usageUnit);
    d.setText('ConsumedUnit', unit);
    d.pricingQuantity = this.quantity(c.pricingAmount);
    d.setText('PricingUnit', this.text(c.pricingUnit));
    const note = setGoogleAiFields(d, service, sku, d.consumedQuantity, unit);
    if (note === 'characters') this.characterRows++;
    if (note === 'unit' && unit !== null) this.otherUnits.add(unit);
  }

  /** Tags are the project's labels with the row's own labels over them (formats.md §4.4). */
  private tags(d: ChargeDraft): void {
    const merged: Record<string, string | null> = {};
    for (const col of [this.c.projectLabels, this.c.labels]) {
      const raw = this.text(col);
      if (raw === null) continue;
      const labels = this.labels(raw);
      if (labels === undefined) this.problem(col, "a list of labels, e.g. [{'key': 'team', 'value': 'ml'}]");
      else Object.assign(merged, labels);
    }
    d.tagsJson = Object.keys(merged).length ? canonicalTags(JSON.stringify(merged)) ?? null : null;
  }

  private labels(raw: string): Record<string, string | null> | undefined {
    if (this.tagCache.has(raw)) return this.tagCache.get(raw);
    const list = parseRepeated(raw);
    let out: Record<string, string | null> | undefined = {};
    for (const item of list ?? []) {
      const key = isRecord(item) ? item.get('key') : undefined;
      const value = isRecord(item) ? item.get('value') : undefined;
      if (typeof key !== 'string' || !(value === null || value === undefined || typeof value === 'string')) {
        out = undefined;
        break;
      }
      out[key] = value ?? null;
    }
    if (list === undefined) out = undefined;
    if (this.tagCache.size > 100_000) this.tagCache.clear();
    this.tagCache.set(ownString(raw), out);
    return out;
  }
}
