import type { H, ImportFileInput } from './contract';

/**
 * Allocation: virtual tags (ordered rules per tag key, first match wins) and split rules for
 * shared cost. The rule set is one JSON document; it is stored in the workspace, exported to and
 * imported from files as written here, so these names are a file format: keep them stable.
 *
 * Money crosses the boundary as decimal strings at full precision, like the rest of the contract.
 */

/** Text columns of a charge a condition or a rule value can read (FOCUS names, x_ for AI fields). */
export const ALLOCATION_COLUMNS = [
  'ProviderName',
  'PublisherName',
  'InvoiceIssuerName',
  'BillingAccountId',
  'BillingAccountName',
  'SubAccountId',
  'SubAccountName',
  'ServiceName',
  'ServiceCategory',
  'ChargeCategory',
  'ChargeDescription',
  'PricingUnit',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'SkuId',
  'SkuMeter',
  'BillingCurrency',
  'x_Model',
  'x_CatalogModel',
  'x_TokenClass',
  'x_ServiceTier',
  'x_Project',
  'x_ApiKey',
  'x_User',
] as const;
export type AllocationColumn = (typeof ALLOCATION_COLUMNS)[number];

/** Numeric columns of a charge; conditions compare them as numbers, per charge. */
export const ALLOCATION_NUMERIC_COLUMNS = ['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity', 'x_Tokens', 'x_Requests'] as const;
export type AllocationNumericColumn = (typeof ALLOCATION_NUMERIC_COLUMNS)[number];

/**
 * What a condition or a value reads: a charge column, a source tag as the file wrote it
 * (`tag:team`, key matched exactly), or the value another virtual tag key gave the charge
 * (`vtag:team`; makes this key depend on that one, cycles are refused).
 */
export type FieldRef = AllocationColumn | AllocationNumericColumn | `tag:${string}` | `vtag:${string}`;

/**
 * Text operators compare case-insensitively unless `caseSensitive` is set; case folding is full
 * Unicode folding (ß = SS, Σ/σ/ς), after NFC normalization. `flexible` also ignores spaces, `_`
 * and `-`. `in`/`notIn` take `values`; `regex` takes a JavaScript pattern in `value` (Unicode
 * mode). `isEmpty` is true for a missing or blank value. Numeric operators (`gt` ... `lte`) parse
 * the value as a decimal number; a value that is not a number never matches them.
 */
export type ConditionOperator =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'endsWith'
  | 'regex'
  | 'flexible'
  | 'isEmpty'
  | 'isNotEmpty'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte';

export type Condition = {
  field: FieldRef;
  op: ConditionOperator;
  value?: string;
  values?: string[];
  caseSensitive?: boolean;
};

/** AND / OR over conditions and nested groups. A group with no items matches every charge. */
export type ConditionGroup = {
  join: 'and' | 'or';
  items: (Condition | ConditionGroup)[];
};

/**
 * What a matching rule sets: a literal; the value of a column, source tag or other key; or a
 * regex capture from one (`template` uses `$1` or `$<name>`). A field or capture that yields an
 * empty value (or a pattern that does not match) makes the rule not match: the next rule is tried.
 */
export type RuleValue =
  | { kind: 'literal'; value: string }
  | { kind: 'field'; field: FieldRef }
  | { kind: 'capture'; field: FieldRef; pattern: string; template: string };

export type TagRule = {
  /** Stable id, kept in the allocation trail; unique within the rule set. */
  id: string;
  name: string;
  when: ConditionGroup;
  value: RuleValue;
  /** Effective UTC days [from, to), YYYY-MM-DD, by the charge's ChargePeriodStart; null: open. */
  from?: string | null;
  to?: string | null;
  /** false: kept in the list but not applied. */
  enabled?: boolean;
};

/** Value normalization: a rule value that flexibly equals an alias (or `value`) becomes `value`. */
export type ValueAlias = { value: string; aliases: string[] };

export type TagKeyDef = {
  /** The tag key, e.g. "team"; unique (case-insensitively) within the rule set. */
  key: string;
  /** Given to every charge no rule matches, e.g. "Unallocated". */
  defaultValue: string;
  rules: TagRule[];
  normalize: ValueAlias[];
  /** false: kept and validated but not applied (no other key or split may read it then). */
  enabled?: boolean;
};

/** even; fixed percentages; proportional to the targets' allocated cost; proportional to usage. */
export type SplitMethod = 'even' | 'fixed' | 'cost' | 'usage';

/** Usage measure of a `usage` split: tokens, requests (all sources, usage logs included), or a business metric. */
export type SplitUsage = 'tokens' | 'requests' | `metric:${string}`;

export type SplitRule = {
  id: string;
  name: string;
  /** The tag key whose values receive the pool. */
  key: string;
  /** Which allocated cost is shared: any condition, e.g. `vtag:team equals Unallocated`. */
  pool: ConditionGroup;
  /**
   * Values of `key` that receive a share. Empty: every value of the key that holds cost (or, for
   * `usage`, usage) in the period outside the pool, except the key's default value.
   */
  targets: string[];
  method: SplitMethod;
  /** For `fixed`: target value -> percent as exact decimal text; they must total exactly 100. */
  percentages?: Record<string, string>;
  /** For `usage`. */
  usage?: SplitUsage;
  /** Weights are measured per UTC day or per calendar month, in the period of the pooled cost. */
  period: 'day' | 'month';
  /** When no target has weight in a period: share evenly, or leave the pool where it is. */
  noWeight: 'even' | 'unallocated';
  from?: string | null;
  to?: string | null;
  enabled?: boolean;
};

export type AllocationRuleSet = {
  format: 'costbook-allocation';
  version: 1;
  /** In dependency order is not required: keys are evaluated after the keys they read. */
  keys: TagKeyDef[];
  /** Applied in this order, after every virtual tag; a later split can split what an earlier produced. */
  splits: SplitRule[];
};

/** One problem of a rule set, with where it is: "keys[0].rules[2].when.items[1].value". */
export type RuleSetProblem = { path: string; message: string };

export type StoredRuleSet = { ruleSet: AllocationRuleSet; version: number; updatedAt: string | null };

export type RuleSetChange = { version: number; at: string; changes: string[] };

/** Cost with its row count; cost is billed cost, exact decimal text. */
export type CostCount = { rows: number; cost: string };

export type SplitPreview = {
  splitId: string;
  name: string;
  key: string;
  /** Cost taken from the pool; what stays (no weight, `unallocated`) is in `kept`. */
  pooled: CostCount;
  kept: string;
  /** Every value of the key, before and after this split (billed cost). */
  before: { value: string; cost: string }[];
  after: { value: string; cost: string }[];
  /** Periods where no target had weight, and what was done. */
  notes: string[];
};

export type AllocationPreviewArgs = {
  /** The draft being edited (not necessarily saved). */
  ruleSet: AllocationRuleSet;
  /** The key on screen. */
  key: string;
  /** The rule being edited, for the "this rule / rules above / unallocated" figures. */
  ruleId?: string | null;
  /** 'YYYY-MM'; absent: everything imported. */
  period?: string | null;
};

export type AllocationPreview = {
  key: string;
  /** The currency figures are in (the workspace's largest); others are listed, not added. */
  currency: string;
  otherCurrencies: string[];
  period: string | null;
  total: CostCount;
  /** Per rule of the key, in order: what it set (first match). */
  rules: ({ ruleId: string } & CostCount)[];
  /** What the edited rule sets, what the rules above it and the rules below it set (tag rules only). */
  edited: { ruleId: string; rule: CostCount; above: CostCount; below: CostCount } | null;
  /** Left at the key's default value after tag rules and splits, each charge counted once. */
  unallocated: CostCount;
  /** Share of cost (0..1) not left at the key's default value after splits, per key of the draft. */
  coverage: { key: string; share: number }[];
  /** Values of this key after tag rules, largest first. */
  values: ({ value: string } & CostCount)[];
  /** What is left unallocated, grouped by what identifies it, largest first (at most 50). */
  topUnallocated: ({ label: string; fields: Partial<Record<FieldRef, string | null>> } & CostCount)[];
  splits: SplitPreview[];
  /** Rule set problems (regex that does not compile, cycles ...); figures are empty when any. */
  problems: RuleSetProblem[];
  elapsedMs: number;
};

export type AllocationArgs = {
  /** Tag key to allocate by. */
  key: string;
  /** 'YYYY-MM'; absent: everything imported. */
  period?: string | null;
  /** Rules to apply; absent: the saved rule set. */
  ruleSet?: AllocationRuleSet;
};

export type AllocatedGroup = {
  value: string;
  currency: string;
  rows: number;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  /**
   * Rounded to the currency's minor unit by largest remainder over the groups of one currency, so
   * the rounded groups sum exactly to the rounded total.
   */
  billedCostRounded: string;
  effectiveCostRounded: string;
  listCostRounded: string;
  /** Part of billedCost that came through split rules. */
  splitBilledCost: string;
};

export type AllocationResult = {
  key: string;
  period: string | null;
  /** Totals, when one currency (null otherwise: see totalsByCurrency). */
  billedCost: string | null;
  effectiveCost: string | null;
  listCost: string | null;
  currency: string | null;
  totalsByCurrency: { currency: string; billedCost: string; effectiveCost: string; listCost: string }[];
  /** Share of billed cost (0..1) that ended on a value other than the key's default. */
  coverage: number;
  defaultValue: string;
  groups: AllocatedGroup[];
  rulesVersion: number;
};

/**
 * One allocated line for reports: a month, a value, and the rule that put cost there, following
 * FOCUS 1.3's AllocatedMethodId / AllocatedMethodDetails.
 */
export type AllocatedLine = {
  period: string;
  value: string;
  currency: string;
  rows: number;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  /** The tag rule id, the split rule id, or null for the key's default. */
  AllocatedMethodId: string | null;
  /** JSON: {"Elements":[{"AllocatedRatio":"0.25","SourceValue":"Unallocated","Rule":"..."}]} */
  AllocatedMethodDetails: string | null;
  ruleName: string | null;
};

/** How one charge was allocated: each key's rule, and each split's shares of it. */
export type ChargeTrail = {
  chargeId: number;
  file: string;
  rowNumber: number;
  day: string;
  currency: string;
  billedCost: string;
  effectiveCost: string;
  tags: { key: string; value: string; ruleId: string | null; ruleName: string | null }[];
  splits: {
    splitId: string;
    name: string;
    key: string;
    from: string;
    /** Shares of this charge: exact, largest remainder at the picodollar, summing to the charge. */
    shares: { value: string; ratio: string; billedCost: string; effectiveCost: string }[];
  }[];
};

/** A field the rule builder can offer, with the values found in the data (largest cost first). */
export type AllocationField = {
  field: FieldRef;
  label: string;
  distinct: number;
  top: { value: string; cost: string }[];
};

export type BusinessMetricImport = { metric: string; rows: number; firstDay: string; lastDay: string };

export type AllocationHandlers = {
  /** The saved rule set (an empty one when none was saved) and its version. */
  'allocation/rules': H<Record<string, never>, StoredRuleSet>;
  /** Validates and saves; refuses with 'allocation/invalid-rules' and every problem. */
  'allocation/save': H<{ ruleSet: AllocationRuleSet; expectedVersion?: number }, StoredRuleSet>;
  /** Checks a draft without saving. */
  'allocation/validate': H<{ ruleSet: AllocationRuleSet }, RuleSetProblem[]>;
  'allocation/history': H<Record<string, never>, RuleSetChange[]>;
  /** Reads a rule-set file (JSON text) and saves it in place of the current rules. */
  'allocation/import-rules': H<{ json: string; fileName: string }, StoredRuleSet>;
  'allocation/export-rules': H<Record<string, never>, { json: string }>;
  /** Live figures for a draft, computed off the UI thread. */
  'allocation/preview': H<AllocationPreviewArgs, AllocationPreview>;
  /** Allocated totals per value of one key, after tag rules and splits. */
  'allocation/result': H<AllocationArgs, AllocationResult>;
  'allocation/lines': H<AllocationArgs, AllocatedLine[]>;
  'allocation/trail': H<{ chargeId: number; ruleSet?: AllocationRuleSet }, ChargeTrail>;
  /** Columns and source tags the builder offers, with their values. */
  'allocation/fields': H<Record<string, never>, AllocationField[]>;
  /** Imports a business metric CSV (day, metric, tag key, tag value, quantity) for usage splits. */
  'allocation/metrics-import': H<{ file: ImportFileInput }, BusinessMetricImport>;
  'allocation/metrics': H<Record<string, never>, BusinessMetricImport[]>;
};
