/** Which texts are fields a rule can read: the FieldRef syntax of the rule-set format. */
import { ALLOCATION_COLUMNS, ALLOCATION_NUMERIC_COLUMNS } from '../../../shared/allocation-contract';
import type { FieldRef } from '../../../shared/allocation-contract';
import { foldCase } from './text';

const COLUMNS = new Set<string>([...ALLOCATION_COLUMNS, ...ALLOCATION_NUMERIC_COLUMNS]);
const COLUMNS_BY_FOLDED = new Map([...COLUMNS].map((c) => [c.toLowerCase(), c]));

/** The key names of a rule set, to resolve `vtag:` references. */
export type KeyNames = {
  /** Names as written: `vtag:` must name a key exactly, as the runtime looks values up by name. */
  exact: Set<string>;
  /** Folded and trimmed name -> name as written, to suggest the right spelling. */
  byFolded: Map<string, string>;
  /** Keys switched off (`enabled: false`): nothing gives their values. */
  disabled: Set<string>;
};

export function keyNames(names: readonly (string | null)[], enabled: readonly boolean[] = []): KeyNames {
  const exact = new Set<string>();
  const byFolded = new Map<string, string>();
  const disabled = new Set<string>();
  names.forEach((name, i) => {
    if (name === null) return;
    exact.add(name);
    if (enabled[i] === false) disabled.add(name);
    const folded = foldCase(name.trim());
    if (!byFolded.has(folded)) byFolded.set(folded, name);
  });
  return { exact, byFolded, disabled };
}

/** The key a `vtag:` reference reads, or null when the reference is not one. */
export function vtagKey(ref: string): string | null {
  return ref.startsWith('vtag:') ? ref.slice(5) : null;
}

/**
 * Why `ref` is not a field a rule of key `self` (null for splits) can read, or null when it is.
 * The message completes "the condition reads ...": plain words for the analyst.
 */
export function fieldRefProblem(ref: unknown, keys: KeyNames, self: string | null): string | null {
  if (typeof ref !== 'string') return 'the field must be text, such as “ServiceName” or “tag:team”';
  if (COLUMNS.has(ref)) return null;
  if (ref.startsWith('tag:')) return ref.slice(4).trim() === '' ? '“tag:” needs the tag key after the colon, such as “tag:team”' : null;
  const key = vtagKey(ref);
  if (key !== null) {
    if (key === self) return `a key cannot read its own value (“${ref}”)`;
    if (keys.disabled.has(key)) return `the key “${key}” is switched off, so it gives no value to read (“${ref}”)`;
    if (keys.exact.has(key)) return null;
    const near = keys.byFolded.get(foldCase(key.trim()));
    if (near === self && self !== null) return `a key cannot read its own value (“${ref}”)`;
    return near === undefined ? `there is no key “${key}” to read (“${ref}”)` : `there is no key “${key}”; the key is spelled “${near}”`;
  }
  const column = COLUMNS_BY_FOLDED.get(ref.toLowerCase());
  if (column !== undefined) return `there is no field “${ref}”; the column is spelled “${column}”`;
  return `there is no field “${ref}” (use a column name, “tag:<key>” or “vtag:<key>”)`;
}

export function isFieldRef(ref: unknown, keys: KeyNames, self: string | null): ref is FieldRef {
  return fieldRefProblem(ref, keys, self) === null;
}
