import type { H } from './contract';

/** Catalog token meters an override may name (the catalog's own words, see pricing/README.md). */
export type PriceMeter = 'input' | 'output' | 'cachedInput' | 'cacheWrite' | 'cacheWrite1h' | 'reasoning';

/**
 * A negotiated price: a discount off the catalog rate, or explicit rates (decimal USD per 1M
 * tokens) that replace it, for a catalog provider, optionally one model and one meter, valid on
 * the UTC days [from, to) (to exclusive, null while current).
 */
export type PriceOverrideInput = {
  /** Present to change an existing override. */
  id?: number;
  provider: string;
  model: string | null;
  meter: PriceMeter | null;
  kind: 'discount' | 'rates';
  /** For 'discount': percent off, exact decimal text such as "12.5". */
  discountPercent: string | null;
  /** For 'rates': decimal USD per 1M tokens per meter. */
  rates: Partial<Record<PriceMeter, string>> | null;
  from: string;
  to: string | null;
  note?: string | null;
};

export type PriceOverride = PriceOverrideInput & { id: number; createdAt: string };

/** How a token charge was priced: by the catalog, by an override, or why it could not be. */
export type PricingStatus = 'priced' | 'override' | 'unmatched' | 'no-price-at-date' | 'no-rate' | 'not-tokens';

/** What one pricing run did. */
export type PricingRun = { tokenRows: number; priced: number; override: number; unpriced: number; combinations: number };

/** Imported token usage that got no price: largest billed spend first. */
export type UnpricedUsage = {
  provider: string | null;
  /** The model as imported (x_Model, else the meter or description the row kept). */
  name: string | null;
  status: Exclude<PricingStatus, 'priced' | 'override' | 'not-tokens'>;
  reason: string;
  tokens: number;
  rows: number;
  billedCost: string;
  currency: string;
  firstDay: string;
  lastDay: string;
};

/**
 * Per provider and model: what was billed against what the same tokens cost at list (catalog or
 * override) prices. Billed cost counts invoiced sources only; the discount compares invoiced rows
 * that were priced, in USD, and is null where there are none.
 */
export type PricingSummaryRow = {
  provider: string | null;
  /** Canonical catalog model when the rows resolved to one, else the model as imported. */
  model: string | null;
  currency: string;
  tokens: number;
  pricedTokens: number;
  billedCost: string;
  /** Catalog (or override) cost of every priced row, invoiced and usage sources alike, USD. */
  catalogCost: string;
  /** Catalog cost of the priced invoiced rows, and their billed cost: the discount's two sides. */
  invoicedCatalogCost: string;
  invoicedBilledCost: string;
  /** (1 − invoicedBilledCost / invoicedCatalogCost) × 100, two decimals, half away from zero. */
  effectiveDiscountPercent: string | null;
  overrideRows: number;
};

export type PricingSummary = { rows: PricingSummaryRow[]; catalogCost: string; unpricedTokenRows: number };

export type PricingHandlers = {
  'pricing/overrides': H<Record<string, never>, PriceOverride[]>;
  /** Saves (creates or changes) an override and re-prices every token charge. */
  'pricing/override-save': H<{ override: PriceOverrideInput }, { override: PriceOverride; run: PricingRun }>;
  'pricing/override-delete': H<{ id: number }, { run: PricingRun }>;
  'pricing/unmatched': H<Record<string, never>, UnpricedUsage[]>;
  'pricing/summary': H<Record<string, never>, PricingSummary>;
};
