/**
 * Walks the fields a rule set reads, defensively: it also runs on documents that failed
 * validation (to order keys and find cycles), so every shape is checked before it is used.
 */
import { isRecord } from './shape';

/** Nesting deeper than this is refused by validation and not walked. */
export const MAX_GROUP_DEPTH = 32;

export type FieldVisit = (field: string, path: string) => void;

export function walkGroupFields(group: unknown, path: string, visit: FieldVisit, depth = 0): void {
  if (!isRecord(group) || !Array.isArray(group.items) || depth > MAX_GROUP_DEPTH) return;
  group.items.forEach((item: unknown, i: number) => {
    const at = `${path}.items[${i}]`;
    if (!isRecord(item)) return;
    if ('items' in item) walkGroupFields(item, at, visit, depth + 1);
    else if (typeof item.field === 'string') visit(item.field, `${at}.field`);
  });
}

/** Fields a tag rule reads: its conditions, then its value. */
export function walkRuleFields(rule: unknown, path: string, visit: FieldVisit): void {
  if (!isRecord(rule)) return;
  walkGroupFields(rule.when, `${path}.when`, visit);
  const value = rule.value;
  if (isRecord(value) && (value.kind === 'field' || value.kind === 'capture') && typeof value.field === 'string') visit(value.field, `${path}.value.field`);
}

/** Rules and splits are on unless `enabled` is exactly false; so are keys (`enabled` on a key is an extension). */
export function isEnabled(item: unknown): boolean {
  return !isRecord(item) || item.enabled !== false;
}

export function hasDates(item: unknown): boolean {
  return isRecord(item) && ((typeof item.from === 'string' && item.from !== '') || (typeof item.to === 'string' && item.to !== ''));
}
