/** What a whole rule set reads, and the empty rule set. */
import type { AllocationRuleSet, FieldRef } from '../../../shared/allocation-contract';
import { isFieldRef, keyNames } from './field-ref';
import { asArray, isRecord } from './shape';
import { hasDates, isEnabled, walkGroupFields, walkRuleFields } from './walk';

export function emptyRuleSet(): AllocationRuleSet {
  return { format: 'costbook-allocation', version: 1, keys: [], splits: [] };
}

/**
 * Every field enabled rules of enabled keys and enabled splits read, and whether any of them has
 * effective dates: what the runtime must group charges by. Fields that are not valid references
 * are left out (validation reports them).
 */
export function ruleSetFields(set: AllocationRuleSet): { fields: Set<FieldRef>; usesDates: boolean } {
  const keys = asArray(isRecord(set) ? set.keys : undefined);
  const names = keyNames(
    keys.map((k) => (isRecord(k) && typeof k.key === 'string' ? k.key : null)),
    keys.map(isEnabled),
  );
  const fields = new Set<FieldRef>();
  let usesDates = false;
  const add = (field: string) => {
    if (isFieldRef(field, names, null)) fields.add(field);
  };
  for (const key of keys) {
    if (!isRecord(key) || !isEnabled(key)) continue;
    for (const rule of asArray(key.rules)) {
      if (!isEnabled(rule)) continue;
      walkRuleFields(rule, '', add);
      usesDates ||= hasDates(rule);
    }
  }
  for (const split of asArray(isRecord(set) ? set.splits : undefined)) {
    if (!isRecord(split) || !isEnabled(split)) continue;
    walkGroupFields(split.pool, '', add);
    usesDates ||= hasDates(split);
  }
  return { fields, usesDates };
}
