/** What a matching rule sets, compiled: literal, a field's value, or a regex capture; then normalized. */
import type { RuleValue, ValueAlias } from '../../../shared/allocation-contract';
import type { FieldCache } from './field-cache';
import { compilePattern, expandTemplate, parseTemplate, patternGroups } from './patterns';
import { flexibleCached, flexibleKey, nfcCached } from './text';

export type Normalizer = (value: string) => string;

/**
 * A key's alias table as a function: a value that flexibly equals an alias or a canonical value
 * becomes that canonical value; anything else is only trimmed. The first entry wins a conflict
 * (validation reports conflicts).
 */
export function buildNormalizer(table: readonly ValueAlias[]): Normalizer {
  const canon = new Map<string, string>();
  const add = (spelling: unknown, value: string) => {
    if (typeof spelling !== 'string') return;
    const k = flexibleKey(spelling);
    if (k !== '' && !canon.has(k)) canon.set(k, value);
  };
  for (const entry of table) {
    if (typeof entry?.value !== 'string' || entry.value.trim() === '') continue;
    const value = entry.value.trim();
    add(value, value);
    if (Array.isArray(entry.aliases)) for (const alias of entry.aliases) add(alias, value);
  }
  if (canon.size === 0) return (value) => value.trim();
  return (value) => {
    const t = value.trim();
    return canon.get(flexibleCached(t)) ?? t;
  };
}

/**
 * A rule's value as a function of one field's raw value (a literal reads none). null: the rule
 * does not match, as the field is empty or the pattern does not match.
 */
export type CompiledValue = { slot: number | null; of: (raw: string | null) => string | null };

export function compileValue(value: RuleValue, cache: FieldCache, normalize: Normalizer): CompiledValue {
  switch (value.kind) {
    case 'literal': {
      const out = normalize(value.value);
      const constant = out === '' ? null : out;
      return { slot: null, of: () => constant };
    }
    case 'field':
      return {
        slot: cache.slot(value.field),
        of: (raw) => {
          if (raw === null) return null;
          const t = raw.trim();
          return t === '' ? null : normalize(t);
        },
      };
    case 'capture': {
      // Same case rule as conditions: case-insensitive, as a capture has no caseSensitive.
      const re = compilePattern(value.pattern, false);
      if (!(re instanceof RegExp)) return { slot: null, of: () => null };
      const { parts } = parseTemplate(value.template, patternGroups(re));
      return {
        slot: cache.slot(value.field),
        of: (raw) => {
          if (raw === null) return null;
          const m = re.exec(nfcCached(raw));
          if (m === null) return null;
          const t = expandTemplate(parts, m).trim();
          return t === '' ? null : normalize(t);
        },
      };
    }
    default:
      return { slot: null, of: () => null };
  }
}
