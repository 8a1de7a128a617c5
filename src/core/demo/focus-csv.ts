/**
 * The FOCUS 1.2 column set the generators write, and CSV text helpers. One list so the demo and
 * the benchmark files cannot drift apart.
 */

export const FOCUS_DEMO_COLUMNS = [
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'ListUnitPrice',
  'ContractedUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'PricingCurrency',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ProviderName',
  'PublisherName',
  'InvoiceIssuerName',
  'InvoiceId',
  'ServiceName',
  'ServiceCategory',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'RegionId',
  'RegionName',
  'Tags',
  // AI extension columns: FOCUS has no token class or API key, and custom columns must start with x_.
  'x_Model',
  'x_TokenClass',
  'x_Requests',
  'x_Project',
  'x_ApiKey',
  'x_User',
  'x_ServiceTier',
] as const;

export type FocusColumn = (typeof FOCUS_DEMO_COLUMNS)[number];
export type FocusRow = Record<FocusColumn, string>;

export type TokenClass = 'input' | 'output' | 'cached_read' | 'cache_write' | 'reasoning';
export type ServiceTier = 'standard' | 'batch' | 'priority';

/** RFC 4180 quoting, only when needed, so files stay as small as real exports. */
export function csvField(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 /* , */ || c === 34 /* " */ || c === 10 || c === 13) {
      return '"' + value.replaceAll('"', '""') + '"';
    }
  }
  return value;
}

export function focusHeaderLine(): string {
  return FOCUS_DEMO_COLUMNS.join(',') + '\n';
}

export function focusRowLine(row: FocusRow): string {
  let line = '';
  for (let i = 0; i < FOCUS_DEMO_COLUMNS.length; i++) {
    if (i > 0) line += ',';
    line += csvField(row[FOCUS_DEMO_COLUMNS[i]]);
  }
  return line + '\n';
}

const EMPTY_ROW = Object.fromEntries(FOCUS_DEMO_COLUMNS.map((c) => [c, ''])) as FocusRow;

/** A row with every column empty, for builders that fill in what applies. */
export function emptyFocusRow(): FocusRow {
  return { ...EMPTY_ROW };
}
