import { joinSplit, splitPico, type SplitAmount } from '../../../money/decimal';
import { parseInstant } from '../../dates';
import { TEXT_INDEX, type ChargeDraft } from '../../charge-writer';
import { RecordReader } from '../record-reader';
import type { ChargeSink, Report, RowMapper } from '../types';
import { parseBedrockUsageType, parseMarketplaceBedrock, PER_TOKEN_RATE_CEILING, tokensPerUnit, type BedrockUsage } from './bedrock';
import { CUR_COLUMNS, cur2TagKey, resolveCurColumns, tagColumns, type CurColumn, type CurLayout, type TagColumn } from './cur-columns';
import { lineItemRule, pricingCategory, type LineItemRule } from './line-items';
import { MapCells, type MapCell } from './map-cells';
import { ownString } from '../../../db/strings';
import { TextMap } from '../../perf/text-map';

const ZERO: SplitAmount = { hi: 0, lo: 0 };
const AWS_ISSUER = 'Amazon Web Services, Inc.';

/** Tags as canonical JSON: keys sorted. */
function sortedJson(tags: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(tags).sort()) sorted[k] = tags[k];
  return JSON.stringify(sorted);
}

/** Adds the tags of a `resource_tags` cell that have a value; whether there was one. */
function addCellTags(tags: Record<string, string>, map: MapCell): boolean {
  let any = false;
  for (const [k, v] of map) {
    if (v.trim() !== '') {
      tags[cur2TagKey(k)] = v;
      any = true;
    }
  }
  return any;
}

/** A `resource_tags` cell as canonical tags JSON, or null when it holds no tag with a value. */
function tagsJson(map: MapCell): string | null {
  const tags: Record<string, string> = {};
  return addCellTags(tags, map) ? sortedJson(tags) : null;
}

/**
 * One CUR line item -> one charge, for the three layouts (legacy slash headers, Athena snake_case,
 * CUR 2.0). Mapping rules are in line-items.ts (costs, categories) and bedrock.ts (AI fields).
 */
export class CurMapper extends RecordReader implements RowMapper {
  private readonly c: Record<CurColumn, number>;
  private readonly tags: TagColumn[];
  private readonly maps = new MapCells();
  /** Canonical tags JSON of each `resource_tags` cell met, when no other column holds tags. */
  private readonly tagsOfCell = new Map<MapCell, string | null>();
  /** Bedrock usage types read so far (a few dozen per bill), and what each means. */
  private readonly usageTypes = new TextMap<BedrockUsage | null>();
  private readonly unknownTypes = new Set<string>();
  /** Lines whose amortized cost column was missing or empty, by line item type. */
  private readonly amortizationFallbacks = new Map<string, number>();
  private listFallbacks = 0;
  private currencyFallbacks = 0;
  private tokenLines = 0;
  private highTokenRate: string | null = null;
  private readonly explicitTokenUnits = new Set<string>();
  private readonly amortizedTypes = new Set<string>();
  private marketplaceTokenLines = 0;

  constructor(
    file: string,
    header: string[],
    private readonly layout: CurLayout,
  ) {
    super(file, header);
    this.c = resolveCurColumns(header);
    this.tags = tagColumns(header, layout);
  }

  /** The file's own name for a column, or the legacy name when the file lacks it. */
  private name(key: CurColumn): string {
    const i = this.c[key];
    return i >= 0 ? this.header[i].replace(/^\uFEFF/, '').trim() : CUR_COLUMNS[key];
  }

  warnings(): string[] {
    const notes = [
      `BilledCost is ${this.name('unblendedCost')}, the amount on the invoice; discounts, credits and refunds are line items of their own.`,
      this.amortizedTypes.size === 0
        ? 'EffectiveCost is the unblended cost: the file has no Reserved Instance or Savings Plan lines.'
        : `EffectiveCost is the amortized cost for ${[...this.amortizedTypes].sort().join(', ')} (commitments spread over the usage ` +
          'they cover; SavingsPlanNegation and upfront fees count 0) and the unblended cost for every other line.',
    ];
    if (this.c.usageAccountName < 0) notes.push('The file has no account names: SubAccountName and BillingAccountName are the account ids.');
    if (this.c.netUnblendedCost >= 0) {
      notes.push(`${this.name('netUnblendedCost')} is not used: the invoice is the sum of unblended costs, with discounts as line items of their own.`);
    }
    if (this.c.publicOnDemandCost < 0) notes.push(`The file has no ${CUR_COLUMNS.publicOnDemandCost} column: ListCost is the unblended cost.`);
    else if (this.listFallbacks > 0) {
      notes.push(`${this.listFallbacks} line${this.listFallbacks === 1 ? ' has' : 's have'} no ${this.name('publicOnDemandCost')}: their ListCost is their unblended cost.`);
    }
    for (const [type, n] of this.amortizationFallbacks) {
      notes.push(`${n} ${type} line${n === 1 ? ' lacks' : 's lack'} their amortized cost columns: their EffectiveCost is their unblended cost.`);
    }
    if (this.unknownTypes.size) notes.push(`Unknown line item types kept as Adjustment: ${[...this.unknownTypes].sort().join(', ')}.`);
    if (this.currencyFallbacks > 0) notes.push(`${this.currencyFallbacks} line${this.currencyFallbacks === 1 ? ' has' : 's have'} no ${this.name('currency')}: taken as USD.`);
    if (this.tokenLines > 0) {
      const units = this.explicitTokenUnits.size ? ` (${[...this.explicitTokenUnits].join(', ')} scaled to tokens)` : '';
      const mp = this.marketplaceTokenLines > 0 ? ` (for ${this.marketplaceTokenLines} AWS Marketplace lines, the model is the product name)` : '';
      notes.push(`Amazon Bedrock: ${this.tokenLines} token lines; tokens are ${this.name('usageAmount')}${units}, model and token class come from ${this.name('usageType')}${mp}.`);
    }
    if (this.highTokenRate !== null) {
      notes.push(`A Bedrock token line is priced ${this.highTokenRate} per unit, more than any per-token price: its usage may be in thousands of tokens.`);
    }
    return notes;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const c = this.c;
    this.begin(f, line, report);
    const d = sink.next();
    d.rowNumber = line;

    const type = this.text(c.lineItemType);
    if (type === null && c.lineItemType >= 0) this.problem(c.lineItemType, 'a line item type such as Usage, Tax or Credit');
    const { rule, known } = lineItemRule(type ?? 'Usage');
    if (!known && type !== null) this.unknownTypes.add(type);

    this.readDates(d);
    const billed = this.money(c.unblendedCost, true) ?? ZERO;
    d.billed = billed;
    d.effective = this.effectiveCost(rule, type ?? 'Usage', billed);
    if (d.effective !== billed && type !== null) this.amortizedTypes.add(type);
    const list = this.money(c.publicOnDemandCost, false);
    if (list === null && c.publicOnDemandCost >= 0) this.listFallbacks++;
    d.list = list ?? billed;
    const amount = this.quantity(c.usageAmount);
    d.pricingQuantity = amount;
    if (rule.consumes) d.consumedQuantity = amount;

    this.readText(d, rule);
    this.readTags(d);
    this.readAi(d, rule, amount);
    if (this.ok) sink.emit();
    return this.ok;
  }

  private readDates(d: ChargeDraft): void {
    const c = this.c;
    // identity/TimeInterval ("start/end") stands in when a usage date cell is empty.
    const interval = this.text(c.timeInterval)?.split('/') ?? [];
    const fromInterval = interval.length === 2 ? interval.map(parseInstant) : [null, null];
    let start = this.text(c.usageStart) === null ? fromInterval[0] : null;
    if (start === null) start = this.instant(c.usageStart, true);
    d.chargePeriodStart = start ?? 0;
    d.chargePeriodEnd = (this.text(c.usageEnd) === null ? fromInterval[1] : null) ?? this.instant(c.usageEnd, false);
    d.billingPeriodStart = this.instant(c.billingPeriodStart, false);
    d.billingPeriodEnd = this.instant(c.billingPeriodEnd, false);
  }

  private effectiveCost(rule: LineItemRule, type: string, billed: SplitAmount): SplitAmount {
    const c = this.c;
    switch (rule.effective) {
      case 'unblended':
        return billed;
      case 'zero':
        return ZERO;
      case 'ri-upfront':
        // A Fee line carrying a reservation is the RI's upfront payment, amortized over DiscountedUsage.
        return this.text(c.reservationArn) === null ? billed : ZERO;
      case 'reservation':
        return this.amortized(type, billed, [c.reservationEffectiveCost], 1);
      case 'savings-plan':
        return this.amortized(type, billed, [c.savingsPlanEffectiveCost], 1);
      case 'ri-fee':
        return this.amortized(type, billed, [c.unusedUpfront, c.unusedRecurring], 1);
      case 'sp-recurring':
        return this.amortized(type, billed, [c.totalCommitment, c.usedCommitment], -1);
    }
  }

  /** cols[0] + sign × (cols[1] + …), exactly; the unblended cost when none of the cells has a value. */
  private amortized(type: string, billed: SplitAmount, cols: number[], sign: 1 | -1): SplitAmount {
    if (cols.every((col) => this.text(col) === null)) {
      this.amortizationFallbacks.set(type, (this.amortizationFallbacks.get(type) ?? 0) + 1);
      return billed;
    }
    let total = 0n;
    cols.forEach((col, i) => {
      const v = this.money(col, false);
      if (v !== null) total += (i === 0 ? 1n : BigInt(sign)) * joinSplit(v.hi, v.lo);
    });
    return splitPico(total);
  }

  private readText(d: ChargeDraft, rule: LineItemRule): void {
    const c = this.c;
    const product = this.layout === 'cur2' ? this.mapCell(c.product, '{"product_name":"Amazon Bedrock","region":"us-east-1"}') : null;
    const productCode = this.text(c.productCode);
    const currency = this.text(c.currency);
    if (currency === null) this.currencyFallbacks++;
    d.setText('BillingCurrency', currency ?? 'USD');
    d.setText('ProviderName', 'AWS');
    const marketplace = (this.text(c.billingEntity) ?? '').toLowerCase() === 'aws marketplace';
    d.setText('PublisherName', marketplace ? (this.text(c.legalEntity) ?? 'AWS Marketplace') : 'AWS');
    d.setText('InvoiceIssuerName', this.text(c.invoicingEntity) ?? AWS_ISSUER);
    d.setText('InvoiceId', this.text(c.invoiceId));
    // Legacy and Athena files carry account ids only; the id stands in for the name so that
    // grouping by account (which groups by name) keeps accounts apart.
    const payer = this.text(c.payerAccountId);
    const account = this.text(c.usageAccountId);
    d.setText('BillingAccountId', payer);
    d.setText('BillingAccountName', this.text(c.payerAccountName) ?? payer);
    d.setText('SubAccountId', account);
    d.setText('SubAccountName', this.text(c.usageAccountName) ?? account);
    d.setText('ServiceName', this.text(c.productName) ?? product?.get('product_name') ?? productCode ?? this.text(c.serviceCode));
    d.setText('ChargeCategory', rule.category);
    d.setText('ChargeFrequency', rule.frequency);
    // A refund for usage before this bill's period corrects an earlier invoice.
    if (this.text(c.lineItemType)?.toLowerCase() === 'refund' && d.billingPeriodStart !== null && d.chargePeriodStart < d.billingPeriodStart) {
      d.setText('ChargeClass', 'Correction');
    }
    d.setText('ChargeDescription', this.text(c.description));
    d.setText('PricingCategory', pricingCategory(this.text(c.term), rule));
    const unit = this.text(c.pricingUnit);
    d.setText('PricingUnit', unit);
    if (rule.consumes) d.setText('ConsumedUnit', unit);
    d.setText('ListUnitPrice', this.money(c.publicOnDemandRate, false) === null ? null : this.text(c.publicOnDemandRate));
    d.setText('RegionId', this.text(c.regionCode) ?? this.text(c.region) ?? product?.get('region') ?? null);
    d.setText('RegionName', this.text(c.location) ?? product?.get('location') ?? null);
    d.setText('AvailabilityZone', this.text(c.availabilityZone));
    d.setText('ResourceId', this.text(c.resourceId));
    d.setText('SkuId', this.text(c.sku));
    d.setText('SkuPriceId', this.text(c.rateCode));
    d.setText('SkuMeter', this.text(c.usageType));
    d.setText('x_User', this.text(c.iamPrincipal));
    if (rule.commitment === 'reservation' || (rule.effective === 'ri-upfront' && this.text(c.reservationArn) !== null)) {
      d.setText('CommitmentDiscountId', this.text(c.reservationArn));
      d.setText('CommitmentDiscountCategory', 'Usage');
      d.setText('CommitmentDiscountType', 'Reserved Instance');
    } else if (rule.commitment === 'savings-plan') {
      d.setText('CommitmentDiscountId', this.text(c.savingsPlanArn));
      d.setText('CommitmentDiscountCategory', 'Spend');
      d.setText('CommitmentDiscountType', 'Savings Plan');
    }
  }

  /** A CUR 2.0 map cell's entries; null (with a problem when malformed) when there are none. */
  private mapCell(col: number, example: string): MapCell | null {
    const text = this.text(col);
    if (text === null) return null;
    const map = this.maps.parse(text);
    if (map === null) this.problem(col, `a JSON object such as ${example}`);
    return map;
  }

  private readTags(d: ChargeDraft): void {
    const map = this.layout === 'cur2' ? this.mapCell(this.c.resourceTags, '{"user_team":"search"}') : null;
    if (this.tags.length === 0) {
      // Tags only in `resource_tags`, if anywhere: the same few cells on every line, each made into JSON once.
      if (map === null) return;
      let json = this.tagsOfCell.get(map);
      if (json === undefined) {
        json = tagsJson(map);
        if (this.tagsOfCell.size > 50_000) this.tagsOfCell.clear();
        this.tagsOfCell.set(map, json);
      }
      d.tagsJson = json;
      return;
    }
    const tags: Record<string, string> = {};
    let any = false;
    for (const t of this.tags) {
      const v = this.text(t.index);
      if (v !== null && v.trim() !== '') {
        tags[t.key] = v;
        any = true;
      }
    }
    if (map !== null && addCellTags(tags, map)) any = true;
    if (any) d.tagsJson = sortedJson(tags);
  }

  private readAi(d: ChargeDraft, rule: LineItemRule, amount: number | null): void {
    const c = this.c;
    const productCode = this.text(c.productCode) ?? '';
    const service = d.text[TEXT_INDEX.ServiceName] ?? '';
    if (productCode.toLowerCase() !== 'amazonbedrock' && !/bedrock/i.test(service)) return;
    d.setText('ServiceCategory', 'AI and Machine Learning');
    const usageType = this.text(c.usageType);
    if (usageType === null) return;
    let usage: BedrockUsage | null = this.usageTypes.get(usageType) ?? null;
    if (usage === null && !this.usageTypes.has(usageType)) {
      usage = parseBedrockUsageType(usageType);
      if (this.usageTypes.size > 10_000) this.usageTypes.clear();
      this.usageTypes.set(ownString(usageType), usage);
    }
    const marketplace = usage === null;
    usage ??= parseMarketplaceBedrock(usageType, this.text(c.productName) ?? service);
    if (usage === null) return;
    d.setText('x_Model', usage.model);
    // Token class and tier stay on negation lines too, so cost by token class nets out as on the invoice.
    d.setText('x_TokenClass', usage.tokenClass);
    d.setText('x_ServiceTier', usage.tier);
    if (usage.provisioned && rule.consumes) d.setText('ConsumedUnit', 'Hours');
    if (usage.tokenClass === null || !rule.consumes || amount === null) return;
    const unit = d.text[TEXT_INDEX.PricingUnit];
    const per = tokensPerUnit(unit);
    if (per === null) return;
    if (per.explicit && unit !== null) this.explicitTokenUnits.add(unit);
    const rate = this.text(c.unblendedRate) ?? this.text(c.publicOnDemandRate);
    if (!per.explicit && rate !== null && Number(rate) > PER_TOKEN_RATE_CEILING) this.highTokenRate ??= rate;
    d.tokens = Math.round(amount * per.perUnit);
    d.consumedQuantity = d.tokens;
    d.setText('ConsumedUnit', 'Tokens');
    this.tokenLines++;
    if (marketplace) this.marketplaceTokenLines++;
  }
}
