/**
 * First-match evaluation of a key's rules by bit masks. Most of a rule's conditions read one
 * field each ("SubAccountName in [...]", "x_Model startsWith ..."), and rows repeat a few
 * thousand values per field. So for each field and each distinct value the key keeps a mask of
 * the rules that value does not rule out; a row ANDs its fields' masks and tries only the rules
 * left, lowest first, checking what reads several fields together and the effective dates.
 * With 200 rules that is a handful of map lookups and word ANDs per row instead of 200 rule tests.
 */
import type { ValueTest } from './conditions';
import type { Predicate } from './condition-tree';
import type { FieldCache } from './field-cache';
import type { CompiledValue } from './rule-values';
import type { RowView } from './types';

export type Result = { value: string; rule: number };

export type RulePlan = {
  /** Single-field requirements (conditions, and the value's field being usable). */
  parts: { slot: number; test: ValueTest }[];
  /** Whatever else must hold: conditions over several fields, effective dates; null: nothing. */
  check: Predicate | null;
  value: CompiledValue;
};

/** Masks kept per field before the field's table is cleared (values beyond are recomputed). */
const VALUES_PER_FIELD = 16_384;

/** Masks of one field, packed in one growing array: a map entry is an offset, not an object. */
class FieldMasks {
  pool: Uint32Array;
  private readonly index = new Map<string, number>();
  private used = 0;
  private nullAt = -1;

  constructor(
    private readonly words: number,
    private readonly fill: (raw: string | null, out: Uint32Array, at: number) => void,
  ) {
    this.pool = new Uint32Array(words * 64);
  }

  offset(raw: string | null): number {
    if (raw === null) {
      if (this.nullAt < 0) this.nullAt = this.add(null);
      return this.nullAt;
    }
    let at = this.index.get(raw);
    if (at === undefined) {
      if (this.index.size >= VALUES_PER_FIELD) {
        this.index.clear();
        this.used = 0;
        this.nullAt = -1;
      }
      at = this.add(raw);
      this.index.set(raw, at);
    }
    return at;
  }

  private add(raw: string | null): number {
    const at = this.used;
    if (at + this.words > this.pool.length) {
      const bigger = new Uint32Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.used += this.words;
    this.fill(raw, this.pool, at);
    return at;
  }
}

export function maskEvaluator(plans: readonly RulePlan[], cache: FieldCache, fixed: readonly (Result | null)[], fallback: Result): (row: RowView) => Result {
  const n = plans.length;
  if (n === 0) return () => fallback;
  const words = (n + 31) >>> 5;
  const all = new Uint32Array(words);
  for (let r = 0; r < n; r++) all[r >>> 5] |= 1 << (r & 31);

  // Per field: the rules with requirements on it, and the rules it cannot rule out.
  const bySlot = new Map<number, { rule: number; tests: ValueTest[] }[]>();
  plans.forEach((plan, rule) => {
    for (const { slot, test } of plan.parts) {
      let list = bySlot.get(slot);
      if (list === undefined) bySlot.set(slot, (list = []));
      const last = list[list.length - 1];
      if (last?.rule === rule) last.tests.push(test);
      else list.push({ rule, tests: [test] });
    }
  });
  const slots = [...bySlot.keys()];
  const tables = slots.map((slot) => {
    const rules = bySlot.get(slot) ?? [];
    const open = all.slice();
    for (const { rule } of rules) open[rule >>> 5] &= ~(1 << (rule & 31));
    return new FieldMasks(words, (raw, out, at) => {
      for (let w = 0; w < words; w++) out[at + w] = open[w];
      for (const { rule, tests } of rules) if (tests.every((t) => t(raw))) out[at + (rule >>> 5)] |= 1 << (rule & 31);
    });
  });
  const offsets = new Int32Array(slots.length);
  const checks = plans.map((p) => p.check);
  const values = plans.map((p) => p.value);

  return (row) => {
    cache.begin(row);
    for (let i = 0; i < slots.length; i++) offsets[i] = tables[i].offset(cache.raw(slots[i]));
    for (let w = 0; w < words; w++) {
      let bits = all[w];
      for (let i = 0; i < slots.length && bits !== 0; i++) bits &= tables[i].pool[offsets[i] + w];
      while (bits !== 0) {
        const r = (w << 5) | (31 - Math.clz32(bits & -bits));
        bits &= bits - 1;
        const check = checks[r];
        if (check !== null && !check()) continue;
        const value = values[r];
        const v = value.of(value.slot === null ? null : cache.raw(value.slot));
        if (v !== null) return fixed[r] ?? { value: v, rule: r };
      }
    }
    return fallback;
  };
}
