/**
 * The price catalog, as authored in pricing/providers/<provider>.json and as compiled into
 * catalog.json. Rates are decimal strings in USD per the record's unit, never floats: a float
 * such as 0.000003 cannot hold every published price exactly.
 */

export const TIERS = ['standard', 'batch', 'priority', 'flex'] as const;
export type Tier = (typeof TIERS)[number];

/** Where the request may be processed: Azure global / data zone / regional, Bedrock global. / us. / in-region. */
export const SCOPES = ['global', 'data-zone', 'regional'] as const;
export type Scope = (typeof SCOPES)[number];

/** Token meters, priced per 1M tokens. `cacheWrite` is the default write (5 minutes where a TTL exists). */
export const TOKEN_METERS = ['input', 'output', 'cachedInput', 'cacheWrite', 'cacheWrite1h', 'reasoning'] as const;
export type TokenMeter = (typeof TOKEN_METERS)[number];
/** Count meters, priced per request or per 1,000 requests. */
export const COUNT_METERS = ['request'] as const;
export type Meter = TokenMeter | (typeof COUNT_METERS)[number];

/** Each unit says which meters a record in it may price. */
export const UNITS = {
  '1M tokens': TOKEN_METERS,
  request: COUNT_METERS,
  '1K requests': COUNT_METERS,
} as const satisfies Record<string, readonly Meter[]>;
export type Unit = keyof typeof UNITS;

export const ALIAS_KINDS = ['snapshot', 'api-id', 'display-name', 'azure-meter', 'bedrock-usage-type', 'bedrock-model-id', 'vertex-sku', 'vertex-model-id', 'cursor', 'line-item'] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];

/** Decimal strings in USD per the record's unit. */
export type Rates = Partial<Record<Meter, string>>;

export type PriceRecord = {
  /** First day the price applies, inclusive (YYYY-MM-DD, UTC). */
  from: string;
  /** First day it no longer applies (exclusive); null while current. */
  to: string | null;
  tier: Tier;
  scope: Scope;
  /** Input tokens of one request above which this record applies instead of the base record. */
  contextAbove?: number;
  /** True when crossing contextAbove reprices every token of the request, not only the excess. */
  repricesWholeRequest?: boolean;
  unit: Unit;
  rates: Rates;
  source: string;
  /** Day someone compared the rates with the source. */
  checked: string;
  note?: string;
};

/**
 * How a billing spelling maps to a model. `exact` compares normalised text (see normalise.ts);
 * `pattern` is an anchored, case-insensitive regular expression whose named groups `meter`,
 * `tier` and `scope` are read through the provider's vocabulary, and `region` is kept as written.
 * `meter`, `tier` and `scope` set the coordinate when the spelling implies it without a group.
 */
export type Alias = {
  kind: AliasKind;
  exact?: string;
  pattern?: string;
  meter?: Meter;
  tier?: Tier;
  scope?: Scope;
  /** Strings seen in real files; each must resolve to this model (and coordinate) as written. */
  examples?: AliasExample[];
};

export type AliasExample = string | { in: string; meter?: Meter; tier?: Tier; scope?: Scope; region?: string };

export type ModelEntry = {
  /** Canonical model id, the same at every provider that sells the model. */
  id: string;
  name: string;
  aliases: Alias[];
  prices: PriceRecord[];
  note?: string;
};

/** Words a pattern's named groups may capture, lower-cased with runs of spaces and dashes as one space. */
export type Vocabulary = {
  meter?: Record<string, Meter>;
  tier?: Record<string, Tier>;
  scope?: Record<string, Scope>;
};

export type ProviderFile = {
  provider: string;
  name: string;
  /** The maker's own price list (OpenAI, Anthropic...), preferred when a name does not say where it was bought. */
  firstParty: boolean;
  /** The scope a record or alias has when it names none. */
  defaultScope: Scope;
  pricingUrls: string[];
  vocabulary?: Vocabulary;
  models: ModelEntry[];
};

/** What the app loads: every provider file, validated, in provider order, examples dropped. */
export type Catalog = {
  schemaVersion: 1;
  providers: ProviderFile[];
};
