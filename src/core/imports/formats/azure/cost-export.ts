import { parseDecimalSplit, type SplitAmount } from '../../../money/decimal';
import type { ChargeDraft } from '../../charge-writer';
import { parseInstant, parseSlashedDate } from '../../dates';
import { indexHeader } from '../header';
import { RecordReader } from '../record-reader';
import type { ChargeSink, Detection, Report, RowMapper } from '../types';
import { chargeCategory, chargeFrequency, commitmentOf, costViewEvidence, pricingCategory, type CostView } from './charge-type';
import { azureColumns, type AzureColumns } from './columns';
import { FileDayOrder, isSlashedDate } from './day-order';
import { decimalProduct, isZeroDecimal } from './decimal-product';
import { parseAzureAiMeter, tokenBlockSize } from './meters';
import { TagCache } from './tags';

export type AzureLayout = 'ea' | 'mca' | 'legacy';

export const AZURE_LABELS: Record<AzureLayout, string> = {
  ea: 'Azure EA cost export',
  mca: 'Azure MCA cost export',
  legacy: 'Azure usage details (legacy)',
};

const DAY = 86_400;
/** Azure's own word for "no value" on Marketplace and adjustment rows (formats.md §3.5). */
const UNASSIGNED = new Set(['unassigned', '0 unassigned']);
const OPENAI = /^azure openai\b/i;
const FOUNDRY = /^foundry models$/i;

function isZero(s: SplitAmount): boolean {
  return s.hi === 0 && s.lo === 0;
}

/**
 * Azure Cost Management exports (EA, MCA, legacy usage details) to FOCUS charges, one per record
 * (formats.md §3.3): BilledCost is the cost in billing currency, EffectiveCost the same (an
 * amortized export's cost is amortized: see warnings()), ListCost PaygCostInBillingCurrency or
 * PayGPrice × Quantity, ContractedCost UnitPrice × Quantity. Dates are daily: ChargePeriodEnd
 * is Date + 1 day and BillingPeriodEnd the inclusive BillingPeriodEndDate + 1 day.
 */
export class AzureCostMapper extends RecordReader implements RowMapper {
  private readonly c: AzureColumns;
  /** Columns whose value names Azure OpenAI (meter subcategory, product, category). */
  private readonly openAiColumns: readonly number[];
  private readonly days = new FileDayOrder();
  private readonly tags = new TagCache();
  private readonly views = new Set<CostView>();
  private readonly unknownChargeTypes = new Set<string>();
  private readonly unreadTokenUnits = new Set<string>();
  private listFromBilled = 0;
  /** A file with an amortized cost column beside the actual one needs no telling apart. */
  private readonly bothCosts: boolean;

  constructor(
    file: string,
    header: string[],
    private readonly detection: Detection,
    private readonly layout: AzureLayout,
  ) {
    super(file, header);
    this.c = azureColumns(indexHeader(header));
    this.openAiColumns = [this.c.meterSubCategory, this.c.product, this.c.meterCategory].filter((i) => i >= 0);
    this.bothCosts = this.c.amortizedCost >= 0;
    if (this.bothCosts) this.observe('actual');
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const c = this.c;
    this.begin(f, line, report);
    if (this.days.order === null) {
      const at = [c.date, c.billingPeriodStart, c.billingPeriodEnd, c.servicePeriodStart, c.servicePeriodEnd];
      this.days.learn(
        at.map((i) => this.text(i)),
        [this.text(c.billingPeriodStart), this.text(c.servicePeriodStart)],
      );
    }
    const d = sink.next();
    d.rowNumber = line;
    const start = this.date(c.date, true);
    d.chargePeriodStart = start ?? 0;
    d.chargePeriodEnd = start === null ? null : start + DAY;
    d.billingPeriodStart = this.date(c.billingPeriodStart, false);
    const periodEnd = this.date(c.billingPeriodEnd, false);
    d.billingPeriodEnd = periodEnd === null ? null : periodEnd + DAY;
    this.costs(d);
    this.describe(d);
    this.service(d);
    const rawTags = this.text(c.tags);
    if (rawTags !== null) {
      const tags = this.tags.get(rawTags);
      if (tags === undefined) this.problem(c.tags, 'tags as JSON, e.g. {"team": "search"} or "team": "search","env": "prod"');
      else d.tagsJson = tags;
    }
    if (this.ok) sink.emit();
    return this.ok;
  }

  warnings(): string[] {
    const out: string[] = [];
    if (this.bothCosts) {
      out.push('BilledCost is the actual cost and EffectiveCost the amortized cost, from the two cost columns of the file.');
    } else if (this.views.size === 0) {
      out.push(
        'Actual or amortized cost could not be told from this file: it has no reservation or savings-plan rows, where the two differ. ' +
          'Its cost is used as BilledCost and EffectiveCost; importing both exports of one period would count it twice.',
      );
    } else if (this.views.size === 2) {
      out.push(
        'The file has rows of an actual-cost export (a commitment purchase, or covered usage at zero cost) and rows of an amortized one ' +
          '(unused-commitment rows, or covered usage with a cost); it is labelled as neither. Check which export it is.',
      );
    } else if (this.views.has('amortized')) {
      out.push(
        'Amortized-cost export: reservation and savings-plan purchases are spread over the usage they cover, so BilledCost and ' +
          'EffectiveCost are both the amortized cost, not the invoice. Import the actual-cost export for invoiced totals, not both for one period.',
      );
    } else {
      out.push('Actual-cost export: EffectiveCost is taken as BilledCost (the amortized export spreads commitment purchases over usage).');
    }
    if (this.listFromBilled > 0) {
      const n = this.listFromBilled;
      out.push(
        `${n} row${n === 1 ? ' has' : 's have'} no pay-as-you-go price (no PayGPrice, or 0 on a charged row such as a purchase): ListCost is their BilledCost.`,
      );
    }
    if (this.unknownChargeTypes.size > 0) out.push(`ChargeType values taken as Usage: ${[...this.unknownChargeTypes].join(', ')}.`);
    if (this.unreadTokenUnits.size > 0) {
      out.push(`AI token meters whose UnitOfMeasure is not a token count (${[...this.unreadTokenUnits].join(', ')}) have no token count.`);
    }
    return out;
  }

  /** The header cannot tell actual from amortized (§3.5), the records can: the detection the pipeline reports after the last record is refined as they do. */
  private observe(view: CostView): void {
    if (this.views.has(view)) return;
    this.views.add(view);
    const base = AZURE_LABELS[this.layout];
    this.detection.version = this.views.size === 1 ? view : null;
    this.detection.label = this.views.size === 1 ? `${base} (${view})` : base;
  }

  /** Text, with Azure's "Unassigned" placeholders as no value. */
  private known(col: number): string | null {
    const v = this.text(col);
    return v === null || (v.length <= 12 && UNASSIGNED.has(v.toLowerCase())) ? null : v;
  }

  private date(col: number, required: boolean): number | null {
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'a date such as 2023-09-21 or 09/21/2023 (it is required)');
      return null;
    }
    if (!isSlashedDate(v)) {
      const t = parseInstant(v);
      if (t === null) this.problem(col, 'a date such as 2023-09-21 or 09/21/2023');
      return t;
    }
    const t = this.days.order === null ? null : parseSlashedDate(v, this.days.order);
    if (t === null) this.problem(col, this.days.expected());
    return t;
  }

  /** A unit price: checked as a plain decimal, kept as its text. */
  private price(col: number): string | null {
    const v = this.text(col);
    if (v !== null && parseDecimalSplit(v) === null) {
      this.problem(col, 'a plain decimal number such as 0.0025');
      return null;
    }
    return v;
  }

  private product(price: string, quantity: string, col: number): SplitAmount | null {
    const p = decimalProduct(price, quantity);
    const s = p === null ? null : parseDecimalSplit(p);
    if (s === null) this.problem(col, 'a price whose product with Quantity is an amount under a trillion');
    return s;
  }

  private costs(d: ChargeDraft): void {
    const c = this.c;
    const billed = this.money(c.cost, true);
    if (billed !== null) d.billed = billed;
    d.effective = this.bothCosts ? this.money(c.amortizedCost, false) ?? d.billed : d.billed;
    const quantity = this.quantity(c.quantity);
    const quantityText = quantity === null ? null : this.text(c.quantity);
    d.pricingQuantity = quantity;
    d.consumedQuantity = quantity;
    const payg = this.price(c.paygPrice);
    const unit = this.price(c.unitPrice);
    d.setText('ListUnitPrice', payg);
    d.setText('ContractedUnitPrice', unit);
    d.contracted = unit !== null && quantityText !== null ? this.product(unit, quantityText, c.unitPrice) : null;

    const paygCost = this.money(c.paygCost, false);
    if (paygCost !== null) d.list = paygCost;
    else if (payg !== null && quantityText !== null && !(isZeroDecimal(payg) && !isZero(d.billed))) {
      d.list = this.product(payg, quantityText, c.paygPrice) ?? d.billed;
    } else {
      d.list = d.billed;
      this.listFromBilled++;
    }
  }

  private describe(d: ChargeDraft): void {
    const c = this.c;
    const currency = this.text(c.currency);
    if (currency === null) this.problem(c.currency, 'a currency code such as USD (it is required)');
    d.setText('BillingCurrency', currency);
    d.setText('ProviderName', 'Microsoft');
    d.setText('InvoiceIssuerName', this.known(c.partnerName) ?? 'Microsoft');
    d.setText('PublisherName', this.known(c.publisherName) ?? 'Microsoft');
    // Microsoft's FOCUS mapping bills MCA to the billing profile, EA to the enrollment.
    const profile = this.layout === 'mca' && c.billingProfileId >= 0;
    d.setText('BillingAccountId', this.text(profile ? c.billingProfileId : c.billingAccountId));
    d.setText('BillingAccountName', this.text(profile ? c.billingProfileName : c.billingAccountName));
    d.setText('SubAccountId', this.text(c.subscriptionId));
    d.setText('SubAccountName', this.text(c.subscriptionName));
    d.setText('InvoiceId', this.text(c.invoiceId));

    const chargeType = this.text(c.chargeType);
    let category = chargeCategory(chargeType);
    if (category === null) {
      if (chargeType !== null) this.unknownChargeTypes.add(chargeType);
      category = { category: 'Usage', chargeClass: null, unused: false };
    }
    d.setText('ChargeCategory', category.category);
    d.setText('ChargeClass', category.chargeClass);
    d.setText('ChargeFrequency', chargeFrequency(this.text(c.frequency)));
    const pricingModel = this.text(c.pricingModel);
    d.setText('PricingCategory', pricingCategory(pricingModel));
    const benefitId = this.text(c.benefitId) ?? this.text(c.reservationId);
    const commitment = commitmentOf(pricingModel, benefitId);
    if (benefitId !== null) {
      d.setText('CommitmentDiscountId', benefitId);
      d.setText('CommitmentDiscountName', this.text(c.benefitName) ?? this.text(c.reservationName));
      d.setText('CommitmentDiscountType', commitment);
      d.setText('CommitmentDiscountCategory', commitment === 'Savings Plan' ? 'Spend' : commitment === 'Reservation' ? 'Usage' : null);
      d.setText('CommitmentDiscountStatus', category.unused ? 'Unused' : category.category === 'Usage' ? 'Used' : null);
    }
    if (!this.bothCosts) {
      const view = costViewEvidence(chargeType, commitment, isZero(d.billed));
      if (view !== null) this.observe(view);
    }

    d.setText('ChargeDescription', this.known(c.product));
    const unit = this.known(c.unitOfMeasure);
    d.setText('PricingUnit', unit);
    d.setText('ConsumedUnit', unit);
    const location = this.known(c.location);
    // ARM names (eastus2, EastUS2) are ids; display names ("US East 2") are only names.
    d.setText('RegionId', location !== null && !/\s/.test(location) ? location.toLowerCase() : null);
    d.setText('RegionName', this.known(c.locationName) ?? location);
    d.setText('AvailabilityZone', this.known(c.availabilityZone));
    d.setText('ResourceId', this.known(c.resourceId));
    d.setText('ResourceName', this.known(c.resourceName));
    d.setText('ResourceType', this.known(c.resourceType));
    d.setText('SkuId', this.known(c.meterId));
    d.setText('SkuMeter', this.known(c.meterName));
  }

  /** ServiceName, x_Project and, on Azure OpenAI / Foundry meters, model, token class, tier and tokens. */
  private service(d: ChargeDraft): void {
    const c = this.c;
    const category = this.known(c.meterCategory);
    const openAi = this.openAiColumns.some((i) => OPENAI.test(this.f[i]));
    const foundry = category !== null && FOUNDRY.test(category);
    const resourceGroup = this.known(c.resourceGroup);
    d.setText(
      'ServiceName',
      openAi
        ? 'Azure OpenAI'
        : category ?? this.known(c.legacyServiceName) ?? this.known(c.consumedService) ?? this.known(c.product) ?? this.known(c.publisherName) ?? 'Unassigned',
    );
    if (!openAi && !foundry) {
      d.setText('x_Project', resourceGroup);
      return;
    }
    d.setText('ServiceCategory', 'AI and Machine Learning');
    d.setText('x_Project', this.aiResourceName() ?? resourceGroup);
    const meterName = this.known(c.meterName);
    if (meterName === null) return;
    const meter = parseAzureAiMeter(meterName);
    d.setText('x_Model', meter.model);
    d.setText('x_TokenClass', meter.tokenClass);
    d.setText('x_ServiceTier', meter.tier);
    const quantity = d.consumedQuantity === null ? null : this.text(c.quantity);
    if (meter.tokenClass === null || quantity === null) return;
    const unit = this.known(c.unitOfMeasure) ?? '';
    const block = tokenBlockSize(unit);
    if (block === null) {
      this.unreadTokenUnits.add(unit === '' ? '(empty)' : unit);
      return;
    }
    const tokens = decimalProduct(quantity, block);
    d.tokens = tokens === null ? null : Math.round(Number(tokens));
  }

  /** The Azure OpenAI resource (account) the charge belongs to: the cost data has no deployment names. */
  private aiResourceName(): string | null {
    const name = this.known(this.c.resourceName);
    if (name !== null) return name;
    const id = this.known(this.c.resourceId);
    return id?.split('/').filter((s) => s !== '').pop() ?? null;
  }
}
