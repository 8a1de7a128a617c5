import type { ChargeDraft } from '../../charge-writer';
import { parseInstant, parseSlashedDate } from '../../dates';
import { FileDayOrder, isSlashedDate } from '../azure/day-order';
import { indexHeader } from '../header';
import { RecordReader } from '../record-reader';
import type { ChargeSink, Report, RowMapper } from '../types';
import { setGoogleAiFields } from './ai-sku';
import { gcpChargeCategory } from './cost-type';

const DAY = 86_400;
const UNROUNDED = /^unrounded\s+cost\s*(?:\((.*)\))?$/i;
const ROUNDED = /^(?:total\s+)?cost\s*(?:\((.*)\))?$/i;
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'],
  ['US$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['¥', 'JPY'],
  ['R$', 'BRL'],
]);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** "Aug 1, 2024" or "1 Aug 2024": how a console may write a day (the download's format is unverified). */
const MONTH_FIRST = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const DAY_FIRST = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$/;

/** The cost column (unrounded preferred: it is exact) and the currency its header names. */
export function costColumn(header: string[]): { index: number; currency: string | null; symbol: string } | null {
  const find = (re: RegExp): number => header.findIndex((h) => re.test(h.replace(/^\uFEFF/, '').trim()));
  let index = find(UNROUNDED);
  if (index < 0) index = find(ROUNDED);
  if (index < 0) return null;
  const name = header[index].replace(/^\uFEFF/, '').trim();
  const symbol = (UNROUNDED.exec(name)?.[1] ?? ROUNDED.exec(name)?.[1] ?? '').trim();
  const currency = /^[A-Za-z]{3}$/.test(symbol) ? symbol.toUpperCase() : SYMBOLS.get(symbol) ?? null;
  return { index, currency, symbol };
}

function columns(header: string[]) {
  const h = indexHeader(header);
  return {
    accountId: h.index('Billing account ID'),
    accountName: h.index('Billing account name'),
    projectId: h.index('Project ID'),
    projectName: h.index('Project name'),
    service: h.index('Service description'),
    serviceId: h.index('Service ID'),
    sku: h.index('SKU description'),
    skuId: h.index('SKU ID'),
    creditType: h.index('Credit type'),
    costType: h.index('Cost type'),
    start: h.index('Usage start date'),
    end: h.index('Usage end date'),
    amount: h.index('Usage amount'),
    unit: h.index('Usage unit'),
  };
}

function namedMonthDate(text: string): number | null {
  const a = MONTH_FIRST.exec(text);
  const b = a === null ? DAY_FIRST.exec(text) : null;
  const [monthName, day, year] = a !== null ? [a[1], a[2], a[3]] : b !== null ? [b[2], b[1], b[3]] : ['', '', ''];
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0) return null;
  const ms = Date.UTC(Number(year), month, Number(day));
  return new Date(ms).getUTCDate() === Number(day) ? ms / 1000 : null;
}

/**
 * The Cloud console's Reports → Cost table download (formats.md §4.2), one charge per line.
 * It has one cost per line: BilledCost, EffectiveCost and ListCost are all that cost; credits are
 * lines of their own (Credit type set) with negative cost, so the lines add up to what is owed.
 */
export class GcpCostTableMapper extends RecordReader implements RowMapper {
  private readonly c: ReturnType<typeof columns>;
  private readonly cost: ReturnType<typeof costColumn>;
  private readonly days = new FileDayOrder();
  private readonly unknownCostTypes = new Set<string>();
  private characterRows = 0;

  constructor(file: string, header: string[]) {
    super(file, header);
    this.c = columns(header);
    this.cost = costColumn(header);
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const c = this.c;
    this.begin(f, line, report);
    this.days.learn([this.text(c.start), this.text(c.end)], []);
    const d = sink.next();
    d.rowNumber = line;
    d.chargePeriodStart = this.date(c.start, true, false) ?? 0;
    d.chargePeriodEnd = this.date(c.end, false, true);
    const col = this.cost?.index ?? -1;
    const cost = this.money(col, true);
    if (cost !== null) {
      d.billed = cost;
      d.effective = cost;
      d.list = cost;
    }
    if (this.cost !== null && this.cost.currency === null) {
      this.problem(col, `a cost column whose header names its currency, e.g. Cost (USD) (found "${this.header[col]}")`);
    }
    this.describe(d);
    if (this.ok) sink.emit();
    return this.ok;
  }

  warnings(): string[] {
    const out = ['The cost table has one cost per line: BilledCost, EffectiveCost and ListCost are all that cost.'];
    if (this.cost?.symbol === '$') out.push('The cost column is in "$": taken as US dollars.');
    if (this.unknownCostTypes.size > 0) out.push(`Cost type values taken as Usage: ${[...this.unknownCostTypes].join(', ')}.`);
    if (this.characterRows > 0) {
      out.push(`${this.characterRows} Vertex AI line(s) are billed per character: the characters are kept as consumed quantity, with no token count.`);
    }
    return out;
  }

  /** A day (ISO, slash in the file's order, or "Aug 1, 2024"); an end day is inclusive, so it ends a day later. */
  private date(col: number, required: boolean, inclusiveEnd: boolean): number | null {
    const v = this.text(col);
    if (v === null) {
      if (required && col >= 0) this.problem(col, 'a date such as 2024-08-01 (it is required)');
      return null;
    }
    let t: number | null;
    if (isSlashedDate(v)) {
      t = this.days.order === null ? null : parseSlashedDate(v, this.days.order);
      if (t === null) {
        this.problem(col, this.days.expected());
        return null;
      }
    } else {
      t = parseInstant(v) ?? namedMonthDate(v.trim());
    }
    if (t === null) this.problem(col, 'a date such as 2024-08-01 or Aug 1, 2024');
    return t !== null && inclusiveEnd && !/\d:\d/.test(v) ? t + DAY : t;
  }

  private describe(d: ChargeDraft): void {
    const c = this.c;
    d.setText('BillingCurrency', this.cost?.currency ?? null);
    d.setText('ProviderName', 'Google Cloud');
    d.setText('InvoiceIssuerName', 'Google Cloud');
    d.setText('PublisherName', 'Google Cloud');
    d.setText('BillingAccountId', this.text(c.accountId));
    d.setText('BillingAccountName', this.text(c.accountName));
    d.setText('SubAccountId', this.text(c.projectId));
    d.setText('SubAccountName', this.text(c.projectName));
    const service = this.text(c.service);
    d.setText('ServiceName', service ?? this.text(c.serviceId) ?? 'Unassigned');
    const creditType = this.text(c.creditType);
    const costType = this.text(c.costType);
    const category = gcpChargeCategory(costType);
    if (category === null && costType !== null) this.unknownCostTypes.add(costType);
    d.setText('ChargeCategory', creditType !== null ? 'Credit' : category ?? 'Usage');
    const sku = this.text(c.sku);
    d.setText('SkuId', this.text(c.skuId));
    d.setText('SkuMeter', sku);
    d.setText('ChargeDescription', creditType ?? sku);
    d.consumedQuantity = this.quantity(c.amount);
    const unit = this.text(c.unit);
    d.setText('ConsumedUnit', unit);
    const note = setGoogleAiFields(d, service, sku, d.consumedQuantity, unit);
    if (note === 'characters' && creditType === null) this.characterRows++;
    // A credit line discounts a charge line's usage: it keeps the model, the charge line keeps the tokens.
    if (creditType !== null) d.tokens = null;
  }
}
