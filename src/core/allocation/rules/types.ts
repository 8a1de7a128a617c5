/**
 * The compiled form of an allocation rule set: what the allocation runtime (cube, splits,
 * preview) calls. Compiling never throws for a user's mistake; it reports problems instead.
 */
import type { AllocationRuleSet, FieldRef, RuleSetProblem, SplitRule } from '../../../shared/allocation-contract';

/** One charge (or one group of charges that share every field the rules read), as rules see it. */
export type RowView = {
  /**
   * The value of a field: a column's text, a source tag's value, a numeric column as decimal
   * text, or (`vtag:key`) the value an earlier-evaluated key gave this row. null when missing.
   */
  text(field: FieldRef): string | null;
  /** Unix seconds of the UTC day of the charge's ChargePeriodStart (for rules' from/to). */
  readonly day: number;
};

export type CompiledRule = {
  id: string;
  name: string;
  /** Position in its key's list. */
  index: number;
  /** The normalized value the rule sets for this row, or null when it does not match. */
  apply(row: RowView): string | null;
};

export type CompiledKey = {
  key: string;
  defaultValue: string;
  /** Enabled rules only, in order. */
  rules: CompiledRule[];
  /** Every field any rule of this key reads (conditions and values), `vtag:` included. */
  fields: FieldRef[];
  /** Keys this key reads through `vtag:`. */
  dependsOn: string[];
  /** Whether any rule has an effective date range (then results depend on `row.day`). */
  usesDates: boolean;
  /** First matching rule's value (normalized), or the default with rule -1. */
  evaluate(row: RowView): { value: string; rule: number };
  /** Normalizes a value by the key's alias table (flexible match), e.g. "PROD" -> "production". */
  normalize(value: string): string;
};

export type CompiledSplit = {
  rule: SplitRule;
  index: number;
  pool(row: RowView): boolean;
  /** Fields the pool reads. */
  fields: FieldRef[];
  usesDates: boolean;
  /** For `fixed`: target -> weight (exact integer scale of the percentages, summing to 100 * scale). */
  fixedWeights: Map<string, bigint> | null;
};

export type CompiledRuleSet = {
  /** Enabled keys' evaluation order: every key after the keys it reads. */
  keys: CompiledKey[];
  /** Enabled splits, in order. */
  splits: CompiledSplit[];
  problems: RuleSetProblem[];
};

export type CompileRuleSet = (set: AllocationRuleSet) => CompiledRuleSet;
