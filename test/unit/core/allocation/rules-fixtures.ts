/** Small builders for rule-set tests: real documents in the file format, and rows as the runtime shows them. */
import type {
  AllocationRuleSet,
  Condition,
  ConditionGroup,
  ConditionOperator,
  FieldRef,
  RuleValue,
  SplitRule,
  TagKeyDef,
  TagRule,
  ValueAlias,
} from '../../../../src/shared/allocation-contract';
import type { RowView } from '../../../../src/core/allocation/rules';

/** Unix seconds of a UTC day. */
export const day = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 1000;

export function row(values: Partial<Record<FieldRef, string | null>>, on = '2025-01-15'): RowView {
  return { text: (f) => values[f] ?? null, day: day(on) };
}

export const cond = (field: FieldRef, op: ConditionOperator, value?: string | string[], caseSensitive?: boolean): Condition => ({
  field,
  op,
  ...(Array.isArray(value) ? { values: value } : value === undefined ? {} : { value }),
  ...(caseSensitive === undefined ? {} : { caseSensitive }),
});
export const and = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ join: 'and', items });
export const or = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ join: 'or', items });

export const literal = (value: string): RuleValue => ({ kind: 'literal', value });
export const fieldValue = (field: FieldRef): RuleValue => ({ kind: 'field', field });
export const capture = (field: FieldRef, pattern: string, template: string): RuleValue => ({ kind: 'capture', field, pattern, template });

export function rule(id: string, when: ConditionGroup | Condition, value: RuleValue | string, extra: Partial<TagRule> = {}): TagRule {
  return {
    id,
    name: extra.name ?? id,
    when: 'items' in when ? when : and(when),
    value: typeof value === 'string' ? literal(value) : value,
    ...extra,
  };
}

export function key(name: string, rules: TagRule[], normalize: ValueAlias[] = [], defaultValue = 'Unallocated'): TagKeyDef {
  return { key: name, defaultValue, rules, normalize };
}

export function split(id: string, extra: Partial<SplitRule> = {}): SplitRule {
  return {
    id,
    name: id,
    key: 'team',
    pool: and(cond('vtag:team', 'equals', 'Unallocated')),
    targets: [],
    method: 'even',
    period: 'month',
    noWeight: 'even',
    ...extra,
  };
}

export function ruleSet(keys: TagKeyDef[], splits: SplitRule[] = []): AllocationRuleSet {
  return { format: 'costbook-allocation', version: 1, keys, splits };
}
