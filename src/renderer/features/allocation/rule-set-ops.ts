/**
 * Edits of a draft rule set. Every function returns a new rule set and leaves its input alone, so
 * the draft can be compared with the saved copy to tell whether anything changed.
 */
import type {
  AllocationRuleSet,
  Condition,
  ConditionGroup,
  FieldRef,
  SplitRule,
  TagKeyDef,
  TagRule,
} from '../../../shared/allocation-contract';
import { isFieldRef, isGroup } from './labels';

export const EMPTY_RULE_SET: AllocationRuleSet = { format: 'costbook-allocation', version: 1, keys: [], splits: [] };

export const DEFAULT_VALUE = 'Unallocated';

function randomPart(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
}

function allIds(rs: AllocationRuleSet): Set<string> {
  return new Set([...rs.keys.flatMap((k) => k.rules.map((r) => r.id)), ...rs.splits.map((s) => s.id)]);
}

/** An id no rule or split of the set uses yet; ids are kept in allocation trails, so never reused. */
export function newId(rs: AllocationRuleSet, prefix: 'rule' | 'split'): string {
  const taken = allIds(rs);
  for (;;) {
    const id = `${prefix}-${randomPart()}`;
    if (!taken.has(id)) return id;
  }
}

export function move<T>(items: T[], from: number, delta: number): T[] {
  const to = from + delta;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export function replaceAt<T>(items: T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}

export function removeAt<T>(items: T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function keyIndex(rs: AllocationRuleSet, key: string | null): number {
  return key === null ? -1 : rs.keys.findIndex((k) => k.key === key);
}

export function updateKey(rs: AllocationRuleSet, key: string, fn: (k: TagKeyDef) => TagKeyDef): AllocationRuleSet {
  return { ...rs, keys: rs.keys.map((k) => (k.key === key ? fn(k) : k)) };
}

export function updateRule(rs: AllocationRuleSet, key: string, ruleId: string, fn: (r: TagRule) => TagRule): AllocationRuleSet {
  return updateKey(rs, key, (k) => ({ ...k, rules: k.rules.map((r) => (r.id === ruleId ? fn(r) : r)) }));
}

export function updateSplit(rs: AllocationRuleSet, splitId: string, fn: (s: SplitRule) => SplitRule): AllocationRuleSet {
  return { ...rs, splits: rs.splits.map((s) => (s.id === splitId ? fn(s) : s)) };
}

export function addKey(rs: AllocationRuleSet, key: string, defaultValue: string): AllocationRuleSet {
  return { ...rs, keys: [...rs.keys, { key, defaultValue, rules: [], normalize: [] }] };
}

function renameFieldsIn(group: ConditionGroup, from: FieldRef, to: FieldRef): ConditionGroup {
  return {
    ...group,
    items: group.items.map((i) => (isGroup(i) ? renameFieldsIn(i, from, to) : i.field === from ? { ...i, field: to } : i)),
  };
}

/** Renames a key and everything that refers to it: other keys' `Key:` conditions and splits. */
export function renameKey(rs: AllocationRuleSet, from: string, to: string): AllocationRuleSet {
  const a: FieldRef = `vtag:${from}`;
  const b: FieldRef = `vtag:${to}`;
  return {
    ...rs,
    keys: rs.keys.map((k) => ({
      ...k,
      key: k.key === from ? to : k.key,
      rules: k.rules.map((r) => ({
        ...r,
        when: renameFieldsIn(r.when, a, b),
        value: r.value.kind !== 'literal' && r.value.field === a ? { ...r.value, field: b } : r.value,
      })),
    })),
    splits: rs.splits.map((s) => ({ ...s, key: s.key === from ? to : s.key, pool: renameFieldsIn(s.pool, a, b) })),
  };
}

export function removeKey(rs: AllocationRuleSet, key: string): AllocationRuleSet {
  return { ...rs, keys: rs.keys.filter((k) => k.key !== key) };
}

export function blankCondition(field: FieldRef = 'ProviderName'): Condition {
  return { field, op: 'equals', value: '' };
}

export function blankRule(rs: AllocationRuleSet, when?: ConditionGroup, name = 'New rule'): TagRule {
  return {
    id: newId(rs, 'rule'),
    name,
    when: when ?? { join: 'and', items: [blankCondition()] },
    value: { kind: 'literal', value: '' },
    from: null,
    to: null,
    enabled: true,
  };
}

/** Inserts a rule after `afterId` (or at the end) and returns the new set. */
export function insertRule(rs: AllocationRuleSet, key: string, rule: TagRule, afterId?: string | null): AllocationRuleSet {
  return updateKey(rs, key, (k) => {
    const at = afterId ? k.rules.findIndex((r) => r.id === afterId) : -1;
    const rules = [...k.rules];
    rules.splice(at >= 0 ? at + 1 : rules.length, 0, rule);
    return { ...k, rules };
  });
}

/** Copies a rule under it with the id `id` (made by newId beforehand, so it is known to the caller). */
export function duplicateRule(rs: AllocationRuleSet, key: string, ruleId: string, id: string): AllocationRuleSet {
  const rule = rs.keys.find((k) => k.key === key)?.rules.find((r) => r.id === ruleId);
  if (!rule) return rs;
  return insertRule(rs, key, { ...structuredClone(rule), id, name: `${rule.name} (copy)` }, ruleId);
}

export function moveRule(rs: AllocationRuleSet, key: string, ruleId: string, delta: number): AllocationRuleSet {
  return updateKey(rs, key, (k) => ({ ...k, rules: move(k.rules, k.rules.findIndex((r) => r.id === ruleId), delta) }));
}

export function deleteRule(rs: AllocationRuleSet, key: string, ruleId: string): AllocationRuleSet {
  return updateKey(rs, key, (k) => ({ ...k, rules: k.rules.filter((r) => r.id !== ruleId) }));
}

/**
 * A rule that matches what identifies one unallocated group: each field it was grouped by must
 * equal the group's value (a missing value must be empty).
 */
export function ruleForGroup(rs: AllocationRuleSet, label: string, fields: Partial<Record<FieldRef, string | null>>): TagRule {
  const items: Condition[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!isFieldRef(field)) continue;
    items.push(value === null || value === undefined || value === '' ? { field, op: 'isEmpty' } : { field, op: 'equals', value });
  }
  return blankRule(rs, { join: 'and', items: items.length ? items : [blankCondition()] }, label ? `For ${label}` : 'New rule');
}

export function blankSplit(rs: AllocationRuleSet, key: string, defaultValue: string): SplitRule {
  return {
    id: newId(rs, 'split'),
    name: `Share ${defaultValue} ${key} cost`,
    key,
    pool: { join: 'and', items: [{ field: `vtag:${key}`, op: 'equals', value: defaultValue }] },
    targets: [],
    method: 'cost',
    period: 'month',
    noWeight: 'even',
    from: null,
    to: null,
    enabled: true,
  };
}

export function moveSplit(rs: AllocationRuleSet, splitId: string, delta: number): AllocationRuleSet {
  return { ...rs, splits: move(rs.splits, rs.splits.findIndex((s) => s.id === splitId), delta) };
}

export function duplicateSplit(rs: AllocationRuleSet, splitId: string, id: string): AllocationRuleSet {
  const at = rs.splits.findIndex((s) => s.id === splitId);
  if (at < 0) return rs;
  const copy: SplitRule = { ...structuredClone(rs.splits[at]), id, name: `${rs.splits[at].name} (copy)` };
  const splits = [...rs.splits];
  splits.splice(at + 1, 0, copy);
  return { ...rs, splits };
}

export function insertSplit(rs: AllocationRuleSet, split: SplitRule): AllocationRuleSet {
  return { ...rs, splits: [...rs.splits, split] };
}

export function deleteSplit(rs: AllocationRuleSet, splitId: string): AllocationRuleSet {
  return { ...rs, splits: rs.splits.filter((s) => s.id !== splitId) };
}
