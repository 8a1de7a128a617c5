/**
 * One condition compiled to a test of the field's raw value. Literals are folded and `in` lists
 * turned into sets once, here; row values are folded through a shared cache, so a test is a
 * lookup and a comparison. A test depends on its field's value only, which is what lets a key
 * precompute, per distinct value, which rules it rules out (rule-masks.ts).
 *
 * Negative operators and missing values: a missing value equals nothing, contains nothing and is
 * in no list, so `notEquals`, `notIn` and `notContains` are TRUE for a charge without the field
 * (a charge with no `team` tag is indeed "not team = search"). Numeric operators are false for a
 * value that is missing or not a number.
 *
 * Regular expressions use JavaScript's own case-insensitive matching (`i` with `u`), which is
 * simple case folding: /strasse/i does not match "Straße", unlike `equals`.
 */
import type { Condition } from '../../../shared/allocation-contract';
import { compareDecimal, parseDecimalText } from './decimal-text';
import { compilePattern } from './patterns';
import { flexibleCached, flexibleKey, foldCached, foldCase, nfc, nfcCached } from './text';

/** Whether a raw field value (null: missing) passes. */
export type ValueTest = (raw: string | null) => boolean;

const NEVER: ValueTest = () => false;

export function compileTest(cond: Condition): ValueTest {
  const exact = cond.caseSensitive === true;
  const form = exact ? nfcCached : foldCached;
  const prep = exact ? nfc : foldCase;
  const lit = prep(cond.value ?? '');
  switch (cond.op) {
    case 'equals':
      return (raw) => raw !== null && form(raw) === lit;
    case 'notEquals':
      return (raw) => raw === null || form(raw) !== lit;
    case 'in': {
      const set = new Set((cond.values ?? []).map(prep));
      return (raw) => raw !== null && set.has(form(raw));
    }
    case 'notIn': {
      const set = new Set((cond.values ?? []).map(prep));
      return (raw) => raw === null || !set.has(form(raw));
    }
    case 'contains':
      return (raw) => raw !== null && form(raw).includes(lit);
    case 'notContains':
      return (raw) => raw === null || !form(raw).includes(lit);
    case 'startsWith':
      return (raw) => raw !== null && form(raw).startsWith(lit);
    case 'endsWith':
      return (raw) => raw !== null && form(raw).endsWith(lit);
    case 'regex': {
      const re = compilePattern(cond.value ?? '', exact);
      if (!(re instanceof RegExp)) return NEVER;
      return (raw) => raw !== null && re.test(nfcCached(raw));
    }
    case 'flexible': {
      // Flexible always ignores case: it exists for "Prod_Team" = "prod team" = "PROD-TEAM".
      const key = flexibleKey(cond.value ?? '');
      return (raw) => raw !== null && flexibleCached(raw) === key;
    }
    case 'isEmpty':
      return (raw) => raw === null || raw.trim() === '';
    case 'isNotEmpty':
      return (raw) => raw !== null && raw.trim() !== '';
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compileNumeric(cond);
    default:
      return NEVER;
  }
}

function compileNumeric(cond: Condition): ValueTest {
  const bound = parseDecimalText(cond.value ?? '');
  if (bound === null) return NEVER;
  const cmp = (raw: string | null): number | null => {
    const v = raw === null ? null : parseDecimalText(raw);
    return v === null ? null : compareDecimal(v, bound);
  };
  switch (cond.op) {
    case 'gt':
      return (raw) => {
        const c = cmp(raw);
        return c !== null && c > 0;
      };
    case 'gte':
      return (raw) => {
        const c = cmp(raw);
        return c !== null && c >= 0;
      };
    case 'lt':
      return (raw) => {
        const c = cmp(raw);
        return c !== null && c < 0;
      };
    default:
      return (raw) => {
        const c = cmp(raw);
        return c !== null && c <= 0;
      };
  }
}
