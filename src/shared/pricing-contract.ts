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
} & PricingCatalogHandlers;

/** Catalog coordinates, as the provider files write them (pricing/README.md). */
export type PriceTier = 'standard' | 'batch' | 'priority' | 'flex';
export type PriceScope = 'global' | 'data-zone' | 'regional';
export type PriceUnit = '1M tokens' | 'request' | '1K requests';

/** One catalog model at one seller, found by 'pricing/search'. */
export type ModelSearchHit = {
  /** Catalog provider id (the seller's price list), e.g. "aws-bedrock". */
  provider: string;
  providerName: string;
  /** Canonical model id: the same at every seller of the model. */
  model: string;
  name: string;
  aliasCount: number;
  /** False for a model the catalog knows by its spellings but prices nowhere (its note says why). */
  priced: boolean;
  /**
   * 'exact': the query is one of the model's spellings (an id, an exact alias or a pattern such
   * as a Bedrock usage type); 'same-model': another seller of that model; 'words': every word of
   * the query starts a word of the model's id, name or an alias; 'all': an empty query.
   */
  match: 'exact' | 'same-model' | 'words' | 'all';
  /** The spelling that matched (for 'exact' and 'words'); null otherwise. */
  matchedText: string | null;
  /** What an exact spelling also says: its meter, tier, scope or region. */
  coordinate: { meter?: string; tier?: PriceTier; scope?: PriceScope; region?: string } | null;
};

/** One effective-dated price record, as the catalog has it. Rates are decimal USD per `unit`. */
export type PriceHistoryRecord = {
  from: string;
  /** Exclusive; null while current. */
  to: string | null;
  tier: PriceTier;
  scope: PriceScope;
  unit: PriceUnit;
  /** Input tokens of one request above which this record applies instead of the base record. */
  contextAbove: number | null;
  repricesWholeRequest: boolean | null;
  rates: Partial<Record<PriceMeter | 'request', string>>;
  source: string;
  checked: string;
  note: string | null;
};

/** A billing spelling that resolves to the model: exact text, or an anchored pattern. */
export type CatalogAlias = {
  kind: string;
  text: string;
  isPattern: boolean;
  meter: string | null;
  tier: PriceTier | null;
  scope: PriceScope | null;
};

export type CatalogModelDetail = {
  provider: string;
  providerName: string;
  model: string;
  name: string;
  note: string | null;
  defaultScope: PriceScope;
  pricingUrls: string[];
  /** Ordered by tier, scope, unit, context tier, then date. */
  records: PriceHistoryRecord[];
  aliases: CatalogAlias[];
  /** Every seller of the same canonical model, this one included. */
  sellers: { provider: string; providerName: string }[];
};

/**
 * Which usage a right-sizing looks at: the charges whose field has the value. `model` compares the
 * canonical catalog model when the charge resolved to one, else the model as imported; `tag:KEY`
 * a source tag as the file wrote it (key matched exactly).
 */
export type SliceField = 'model' | 'provider' | 'project' | 'apiKey' | 'subAccount' | `tag:${string}`;
export type UsageSlice = {
  field: SliceField;
  value: string;
  /** "YYYY-MM" to look at one month; absent or null for every month. */
  month?: string | null;
};

export type SliceFieldInfo = { field: SliceField; label: string };
export type SliceValue = { value: string; label: string; rows: number; tokens: number };

/** Tokens of one catalog meter in a slice. */
export type MeterTokens = { meter: PriceMeter; tokens: number };

/** A token source left out of a right-sizing because another source counts the same days. */
export type SliceSource = {
  provider: string | null;
  /** Importer id and label, e.g. "litellm-spendlogs", "LiteLLM spend logs". */
  format: string;
  formatLabel: string;
  sourceKind: 'invoice' | 'usage';
  rows: number;
  tokens: number;
  /** Days (UTC) this source counted, and days it was left out because another source covers them. */
  daysCounted: number;
  daysLeftOut: number;
};

/** One candidate's cost of one meter's tokens; tokens it could not price and why. */
export type CandidateMeterCost = {
  meter: PriceMeter;
  tokens: number;
  cost: string;
  unpricedTokens: number;
  /** Why tokens stayed unpriced, e.g. "openai lists no batch price for gpt-4o"; empty when all priced. */
  reasons: string[];
};

export type RightSizeCandidate = {
  provider: string;
  providerName: string;
  model: string;
  name: string;
  /** The slice's own model at this seller (the tokens were billed on it). */
  actual: boolean;
  /** USD, at the catalog prices valid on each usage day (and the workspace's overrides), of the priced tokens. */
  cost: string;
  pricedTokens: number;
  unpricedTokens: number;
  /** True when every token of the slice got a price. */
  complete: boolean;
  meters: CandidateMeterCost[];
  /** The standard-tier list rates on the slice's last usage day, for reading the table; null when none. */
  listRates: Partial<Record<PriceMeter, string>> | null;
  /** Actual catalog cost − this cost (positive saves), when both price every token; else null. */
  savings: string | null;
  /** savings / actual catalog cost × 100, two decimals; null with savings. */
  savingsPercent: string | null;
};

/**
 * What the slice's tokens cost and would cost on other models. Each token is counted once: on a
 * day where several sources report a seller's tokens (an invoice, the provider's usage report, a
 * proxy log), the invoice counts, else the source with the most tokens that day; `sources` says
 * which were left out.
 */
export type RightSizeResult = {
  slice: UsageSlice;
  rows: number;
  firstDay: string | null;
  lastDay: string | null;
  totalTokens: number;
  mix: MeterTokens[];
  /** Tokens of classes no catalog meter prices (unpriced for every candidate). */
  unmeteredTokens: number;
  /** The slice's models as priced: every (seller, canonical model) with its tokens. */
  actualModels: { provider: string | null; model: string | null; name: string; tokens: number }[];
  /** Catalog (or override) cost of the slice's priced tokens as they were billed, USD. */
  actualCost: string;
  actualPricedTokens: number;
  actualUnpricedTokens: number;
  /** Billed cost of the slice's invoiced token rows, per currency (usage sources carry no billed cost). */
  billed: { currency: string; amount: string; rows: number }[];
  sources: SliceSource[];
  /** Complete candidates first, cheapest first; then the incomplete ones, fewest unpriced tokens first. */
  candidates: RightSizeCandidate[];
};

export type CandidateRef = { provider: string; model: string };

export type PricingCatalogHandlers = {
  /** Models whose ids, names or aliases match the query; the exact spelling's seller first. Empty query: every model. */
  'pricing/search': H<{ query: string; limit?: number }, ModelSearchHit[]>;
  /** A model's price history and aliases at one seller; null when the catalog has no such model there. */
  'pricing/model': H<{ provider: string; model: string }, CatalogModelDetail | null>;
  /** The fields usage can be sliced by (tag keys found on token charges included) and the months with token usage. */
  'pricing/slice-fields': H<Record<string, never>, { fields: SliceFieldInfo[]; months: string[] }>;
  /** A field's values on token charges, most tokens first. */
  'pricing/slice-values': H<{ field: SliceField; month?: string | null }, SliceValue[]>;
  /** The slice's token mix and actual cost, and what the same tokens cost on each candidate (default: every catalog model priced on its dates). */
  'pricing/right-size': H<{ slice: UsageSlice; candidates?: CandidateRef[] }, RightSizeResult>;
};
