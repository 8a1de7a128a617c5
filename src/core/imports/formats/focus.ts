import { ownString } from '../../db/strings';
import { TextMap } from '../perf/text-map';
import { parseDecimalSplit } from '../../money/decimal';
import { TEXT_INDEX, type TextColumn } from '../charge-writer';
import { indexHeader, type HeaderIndex } from './header';
import { RecordReader } from './record-reader';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from './types';

/**
 * FOCUS 1.0–1.3 cost and usage files, whole or as a subset (at least ChargePeriodStart, BilledCost
 * and ServiceName or ProviderName). The version is told from the set of columns, never from one.
 */

const REQUIRED = ['ChargePeriodStart', 'BilledCost'];
const ONE_OF_SERVICE = ['ServiceName', 'ProviderName', 'ServiceProviderName'];
const FOCUS_10_MANDATORY = [
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargePeriodEnd', 'ChargePeriodStart', 'ContractedCost',
  'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity', 'PricingUnit', 'ProviderName',
  'PublisherName', 'ServiceCategory', 'ServiceName',
];
const V13 = ['ServiceProviderName', 'HostProviderName', 'ContractApplied', 'AllocatedMethodId', 'AllocatedMethodDetails', 'AllocatedResourceId', 'AllocatedTags'];
const V12 = ['PricingCurrency', 'PricingCurrencyContractedUnitPrice', 'PricingCurrencyEffectiveCost', 'PricingCurrencyListUnitPrice', 'InvoiceId'];
const V11 = ['CapacityReservationId', 'CapacityReservationStatus', 'CommitmentDiscountQuantity', 'CommitmentDiscountUnit', 'SkuMeter', 'SkuPriceDetails', 'ServiceSubcategory'];

function countPresent(h: HeaderIndex, names: string[]): number {
  return names.filter((n) => h.has(n)).length;
}

function detectVersion(h: HeaderIndex): string {
  if (countPresent(h, V13) >= 1) return '1.3';
  if (countPresent(h, V12) >= 1) return '1.2';
  // Microsoft's 1.0 export already carries some 1.1-era columns: ask for two signals.
  if (countPresent(h, V11) >= 2) return '1.1';
  return '1.0';
}

const TOKEN_UNIT = /^(?:(\d+)\s*([kKmM])?\s+)?tokens?$/i;

/** Text columns copied as they are, with the header names that feed them. */
const TEXT_SOURCES: [TextColumn, string[]][] = [
  ['BillingCurrency', ['BillingCurrency']],
  ['ProviderName', ['ServiceProviderName', 'ProviderName']],
  ['PublisherName', ['PublisherName']],
  ['InvoiceIssuerName', ['InvoiceIssuerName']],
  ['InvoiceId', ['InvoiceId']],
  ['BillingAccountId', ['BillingAccountId']],
  ['BillingAccountName', ['BillingAccountName']],
  ['SubAccountId', ['SubAccountId']],
  ['SubAccountName', ['SubAccountName']],
  ['ServiceName', ['ServiceName']],
  ['ServiceCategory', ['ServiceCategory']],
  ['ServiceSubcategory', ['ServiceSubcategory']],
  ['ChargeCategory', ['ChargeCategory']],
  ['ChargeClass', ['ChargeClass']],
  ['ChargeFrequency', ['ChargeFrequency']],
  ['ChargeDescription', ['ChargeDescription']],
  ['PricingCategory', ['PricingCategory']],
  ['PricingUnit', ['PricingUnit']],
  ['ConsumedUnit', ['ConsumedUnit']],
  ['RegionId', ['RegionId']],
  ['RegionName', ['RegionName']],
  ['AvailabilityZone', ['AvailabilityZone']],
  ['ResourceId', ['ResourceId']],
  ['ResourceName', ['ResourceName']],
  ['ResourceType', ['ResourceType']],
  ['SkuId', ['SkuId']],
  ['SkuPriceId', ['SkuPriceId']],
  ['SkuMeter', ['SkuMeter']],
  ['CommitmentDiscountId', ['CommitmentDiscountId']],
  ['CommitmentDiscountName', ['CommitmentDiscountName']],
  ['CommitmentDiscountCategory', ['CommitmentDiscountCategory']],
  ['CommitmentDiscountType', ['CommitmentDiscountType']],
  ['CommitmentDiscountStatus', ['CommitmentDiscountStatus']],
  ['x_Model', ['x_Model']],
  ['x_TokenClass', ['x_TokenClass']],
  ['x_Project', ['x_Project']],
  ['x_ApiKey', ['x_ApiKey']],
  ['x_User', ['x_User']],
  ['x_ServiceTier', ['x_ServiceTier']],
];

function firstIndex(h: HeaderIndex, names: string[]): number {
  for (const n of names) {
    const i = h.index(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Canonical tags JSON: an object with sorted keys and scalar values as text. */
export function canonicalTags(text: string): string | null | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null) return null;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) return null;
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Record<string, string | null> = {};
  for (const [k, v] of entries) out[k] = v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return JSON.stringify(out);
}

class FocusMapper extends RecordReader implements RowMapper {
  private readonly notes = new Set<string>();
  private readonly i: Record<string, number>;
  /** Pairs of (draft text index, field index), flat so the per-row loop allocates nothing. */
  private readonly textCols: Int32Array;
  private readonly tokenUnitCache = new Map<string, number | null>();
  private readonly tagCache = new TextMap<string | null | undefined>();

  constructor(file: string, header: string[]) {
    super(file, header);
    const h = indexHeader(header);
    const idx = (n: string): number => h.index(n);
    this.i = {
      ChargePeriodStart: idx('ChargePeriodStart'),
      ChargePeriodEnd: idx('ChargePeriodEnd'),
      BillingPeriodStart: idx('BillingPeriodStart'),
      BillingPeriodEnd: idx('BillingPeriodEnd'),
      BilledCost: idx('BilledCost'),
      EffectiveCost: idx('EffectiveCost'),
      ListCost: idx('ListCost'),
      ContractedCost: idx('ContractedCost'),
      PricingQuantity: idx('PricingQuantity'),
      ConsumedQuantity: idx('ConsumedQuantity'),
      ListUnitPrice: idx('ListUnitPrice'),
      ContractedUnitPrice: idx('ContractedUnitPrice'),
      Tags: idx('Tags'),
      x_Tokens: idx('x_Tokens'),
      x_Requests: idx('x_Requests'),
      ConsumedUnit: idx('ConsumedUnit'),
    };
    const pairs: number[] = [];
    for (const [col, names] of TEXT_SOURCES) {
      const f = firstIndex(h, names);
      if (f >= 0) pairs.push(TEXT_INDEX[col], f);
    }
    this.textCols = Int32Array.from(pairs);
    if (this.i.EffectiveCost < 0) this.notes.add('The file has no EffectiveCost column: BilledCost is used for it.');
    if (this.i.ListCost < 0) this.notes.add('The file has no ListCost column: BilledCost is used for it.');
    if (idx('BillingCurrency') < 0) this.notes.add('The file has no BillingCurrency column: amounts are taken as USD.');
  }

  warnings(): string[] {
    return [...this.notes];
  }

  private tags(raw: string): string | null | undefined {
    let canonical = this.tagCache.get(raw);
    if (canonical === undefined && !this.tagCache.has(raw)) {
      canonical = canonicalTags(raw);
      if (this.tagCache.size > 100_000) this.tagCache.clear();
      this.tagCache.set(ownString(raw), canonical);
    }
    return canonical;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const d = sink.next();
    d.rowNumber = line;
    d.chargePeriodStart = this.instant(i.ChargePeriodStart, true) ?? 0;
    d.chargePeriodEnd = this.instant(i.ChargePeriodEnd, false);
    d.billingPeriodStart = this.instant(i.BillingPeriodStart, false);
    d.billingPeriodEnd = this.instant(i.BillingPeriodEnd, false);
    const billed = this.money(i.BilledCost, true);
    if (billed !== null) d.billed = billed;
    d.effective = this.money(i.EffectiveCost, false) ?? d.billed;
    d.list = this.money(i.ListCost, false) ?? d.billed;
    d.contracted = this.money(i.ContractedCost, false);
    d.pricingQuantity = this.quantity(i.PricingQuantity);
    d.consumedQuantity = this.quantity(i.ConsumedQuantity);

    const text = d.text;
    const pairs = this.textCols;
    for (let k = 0; k < pairs.length; k += 2) text[pairs[k]] = this.text(pairs[k + 1]);
    if (text[TEXT_INDEX.BillingCurrency] === null) text[TEXT_INDEX.BillingCurrency] = 'USD';
    this.unitPrice(text, TEXT_INDEX.ListUnitPrice, i.ListUnitPrice);
    this.unitPrice(text, TEXT_INDEX.ContractedUnitPrice, i.ContractedUnitPrice);

    const rawTags = this.text(i.Tags);
    if (rawTags !== null) {
      const tags = this.tags(rawTags);
      if (tags === undefined) this.problem(i.Tags, 'a JSON object of key/value pairs, e.g. {"team":"search"}');
      else d.tagsJson = tags;
    }

    d.requests = this.count(i.x_Requests);
    d.tokens = this.count(i.x_Tokens);
    if (d.tokens === null && d.consumedQuantity !== null && i.ConsumedUnit >= 0) {
      const mult = this.tokenMultiplier(f[i.ConsumedUnit] ?? '');
      if (mult !== null) d.tokens = Math.round(d.consumedQuantity * mult);
    }
    if (this.ok) sink.emit();
    return this.ok;
  }

  /** A unit price is kept as written, once it reads as a plain decimal. */
  private unitPrice(text: (string | null)[], to: number, col: number): void {
    const v = this.text(col);
    if (v === null) return;
    if (parseDecimalSplit(v) === null) this.problem(col, 'a plain decimal number');
    else text[to] = v;
  }

  private tokenMultiplier(unit: string): number | null {
    let m = this.tokenUnitCache.get(unit);
    if (m !== undefined) return m;
    const r = TOKEN_UNIT.exec(unit.trim());
    m = r === null ? null : Number(r[1] ?? 1) * (r[2] === undefined ? 1 : /k/i.test(r[2]) ? 1000 : 1_000_000);
    this.tokenUnitCache.set(ownString(unit), m);
    return m;
  }
}

export const focusImporter: TableImporter = {
  kind: 'table',
  id: 'focus',
  label: 'FOCUS 1.0–1.3',
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    if (!REQUIRED.every((c) => h.has(c)) || countPresent(h, ONE_OF_SERVICE) === 0) return null;
    const version = detectVersion(h);
    const subset = countPresent(h, FOCUS_10_MANDATORY) < FOCUS_10_MANDATORY.length;
    return {
      format: 'focus',
      version,
      label: `FOCUS ${version}${subset ? ' (subset)' : ''}`,
      sourceKind: 'invoice',
      score: 10 + countPresent(h, FOCUS_10_MANDATORY),
    };
  },
  missingColumns(header: string[]): string[] {
    const h = indexHeader(header);
    // Only a header that looks like FOCUS at all earns a "missing columns" answer.
    if (countPresent(h, FOCUS_10_MANDATORY) < 2) return [];
    const missing = REQUIRED.filter((c) => !h.has(c));
    if (countPresent(h, ONE_OF_SERVICE) === 0) missing.push('ServiceName or ProviderName');
    return missing;
  },
  createMapper(file: string, header: string[]): RowMapper {
    return new FocusMapper(file, header);
  },
};

