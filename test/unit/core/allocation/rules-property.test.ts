/**
 * Property: for random rule lists and random charges, the compiled key (bit masks, caches,
 * pre-folded literals) gives exactly what a plain first-match reading of the rules gives.
 */
import { describe, expect, it } from 'vitest';
import { compileRuleSet, flexibleKey, foldCase } from '../../../../src/core/allocation/rules';
import type { Condition, ConditionGroup, ConditionOperator, FieldRef, RuleValue, TagKeyDef, TagRule, ValueAlias } from '../../../../src/shared/allocation-contract';
import { day, ruleSet } from './rules-fixtures';

/** mulberry32: a tiny seeded generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

const FIELDS: FieldRef[] = ['ServiceName', 'tag:team', 'x_Model', 'BilledCost'];
const TEXTS = ['search', 'Search', 'SEARCH ', 'Straße', 'STRASSE', 'prod_team', 'Prod Team', 'gpt-4o', 'GPT-4o-mini', 'ΟΔΟΣ', 'οδος', '東京', '12', '0.5', '-3', '1,000', '007', 's'];
const ROW_TEXTS = [...TEXTS, '', '  ', null];
const NUMBERS = ['0', '0.5', '12', '-3', '100', '7.000'];
const PATTERNS = ['^s', 'gpt-4o', 'ss', '^\\d+$', 'ο', '京$', 'team$'];
const OPS: ConditionOperator[] = ['equals', 'notEquals', 'in', 'notIn', 'contains', 'notContains', 'startsWith', 'endsWith', 'regex', 'flexible', 'isEmpty', 'isNotEmpty', 'gt', 'gte', 'lt', 'lte'];
const CAPTURES = [
  { pattern: '^(\\w)', template: '$1' },
  { pattern: '(?<n>\\d+)', template: 'n$<n>' },
  { pattern: '(s+)', template: '$1-$1' },
  { pattern: '^(x)?(\\S+)', template: '$1$2$$' },
];
const TABLES: ValueAlias[][] = [[], [{ value: 'Production', aliases: ['prod', 'PRD'] }, { value: 'Search', aliases: ['s', 'searching'] }], [{ value: 'Straße', aliases: ['street'] }]];
const DAYS = Array.from({ length: 12 }, (_, i) => `2025-01-${String(i + 1).padStart(2, '0')}`);

function randomCondition(rng: Rng): Condition {
  const field = pick(rng, FIELDS);
  const op = pick(rng, OPS);
  const caseSensitive = rng() < 0.25 ? rng() < 0.5 : undefined;
  const c: Condition = { field, op, ...(caseSensitive === undefined ? {} : { caseSensitive }) };
  if (op === 'in' || op === 'notIn') c.values = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(rng, TEXTS));
  else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') c.value = pick(rng, NUMBERS);
  else if (op === 'regex') c.value = pick(rng, PATTERNS);
  else if (op !== 'isEmpty' && op !== 'isNotEmpty') c.value = pick(rng, TEXTS);
  return c;
}

function randomGroup(rng: Rng, depth: number): ConditionGroup {
  const n = Math.floor(rng() * (depth === 0 ? 4 : 3));
  const items = Array.from({ length: n }, () => (depth < 2 && rng() < 0.25 ? randomGroup(rng, depth + 1) : randomCondition(rng)));
  return { join: rng() < 0.6 ? 'and' : 'or', items };
}

function randomValue(rng: Rng): RuleValue {
  const r = rng();
  if (r < 0.5) return { kind: 'literal', value: pick(rng, ['A', 'B', ' prod ', 'Production', 'searching', 'x']) };
  if (r < 0.75) return { kind: 'field', field: pick(rng, FIELDS) };
  return { kind: 'capture', field: pick(rng, FIELDS), ...pick(rng, CAPTURES) };
}

function randomKey(rng: Rng): TagKeyDef {
  const count = 1 + Math.floor(rng() * (rng() < 0.3 ? 70 : 12));
  const rules: TagRule[] = Array.from({ length: count }, (_, i) => {
    const r: TagRule = { id: `r${i}`, name: `Rule ${i}`, when: randomGroup(rng, 0), value: randomValue(rng) };
    if (rng() < 0.15) r.enabled = false;
    if (rng() < 0.2) {
      const a = Math.floor(rng() * DAYS.length);
      const b = a + 1 + Math.floor(rng() * 4);
      if (rng() < 0.7) r.from = DAYS[a];
      if (rng() < 0.7 && b < DAYS.length) r.to = DAYS[b];
    }
    return r;
  });
  return { key: 'team', defaultValue: pick(rng, ['Unallocated', 'prod']), rules, normalize: pick(rng, TABLES) };
}

// The reference: each operator read straight from the documented semantics.

function refNumber(s: string): bigint | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(s);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const scaled = BigInt((m[2] || '0') + (m[3] ?? '').padEnd(30, '0'));
  return m[1] === '-' ? -scaled : scaled;
}

function refCondition(c: Condition, raw: string | null): boolean {
  const form = (s: string) => (c.caseSensitive ? s.normalize('NFC') : foldCase(s));
  const has = (test: (v: string, lit: string) => boolean) => raw !== null && test(form(raw), form(c.value ?? ''));
  switch (c.op) {
    case 'equals':
      return has((v, lit) => v === lit);
    case 'notEquals':
      return !has((v, lit) => v === lit);
    case 'in':
      return raw !== null && (c.values ?? []).some((x) => form(x) === form(raw));
    case 'notIn':
      return !(raw !== null && (c.values ?? []).some((x) => form(x) === form(raw)));
    case 'contains':
      return has((v, lit) => v.includes(lit));
    case 'notContains':
      return !has((v, lit) => v.includes(lit));
    case 'startsWith':
      return has((v, lit) => v.startsWith(lit));
    case 'endsWith':
      return has((v, lit) => v.endsWith(lit));
    case 'regex':
      return raw !== null && new RegExp(c.value ?? '', c.caseSensitive ? 'u' : 'iu').test(raw.normalize('NFC'));
    case 'flexible':
      return raw !== null && flexibleKey(raw) === flexibleKey(c.value ?? '');
    case 'isEmpty':
      return raw === null || raw.trim() === '';
    case 'isNotEmpty':
      return raw !== null && raw.trim() !== '';
    default: {
      const a = raw === null ? null : refNumber(raw);
      const b = refNumber(c.value ?? '');
      if (a === null || b === null) return false;
      return c.op === 'gt' ? a > b : c.op === 'gte' ? a >= b : c.op === 'lt' ? a < b : a <= b;
    }
  }
}

function refGroup(g: ConditionGroup, values: Partial<Record<FieldRef, string | null>>): boolean {
  if (g.items.length === 0) return true;
  const results = g.items.map((item) => ('items' in item ? refGroup(item, values) : refCondition(item, values[item.field] ?? null)));
  return g.join === 'and' ? results.every(Boolean) : results.some(Boolean);
}

function refNormalize(table: ValueAlias[], v: string): string {
  const t = v.trim();
  for (const entry of table) if ([entry.value, ...entry.aliases].some((s) => flexibleKey(s) === flexibleKey(t))) return entry.value.trim();
  return t;
}

function refValue(value: RuleValue, values: Partial<Record<FieldRef, string | null>>): string | null {
  if (value.kind === 'literal') return value.value.trim() || null;
  const raw = values[value.field] ?? null;
  if (raw === null) return null;
  if (value.kind === 'field') return raw.trim() || null;
  const m = new RegExp(value.pattern, 'iu').exec(raw.normalize('NFC'));
  if (m === null) return null;
  const out = value.template.replace(/\$(\$|<([^>]*)>|(\d))/g, (_, all: string, name?: string, digit?: string) =>
    all === '$' ? '$' : name !== undefined ? (m.groups?.[name] ?? '') : (m[Number(digit)] ?? ''),
  );
  return out.trim() || null;
}

function reference(def: TagKeyDef, values: Partial<Record<FieldRef, string | null>>, on: number): { value: string; ruleId: string | null } {
  for (const r of def.rules) {
    if (r.enabled === false) continue;
    if (r.from && on < day(r.from)) continue;
    if (r.to && on >= day(r.to)) continue;
    if (!refGroup(r.when, values)) continue;
    const v = refValue(r.value, values);
    if (v !== null) return { value: refNormalize(def.normalize, v), ruleId: r.id };
  }
  return { value: refNormalize(def.normalize, def.defaultValue), ruleId: null };
}

describe('compiled evaluation equals a plain first-match reading', () => {
  it('for random rule lists and random charges', () => {
    let compared = 0;
    let matched = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rng = random(seed);
      const def = randomKey(rng);
      const compiled = compileRuleSet(ruleSet([def]));
      expect(compiled.problems, `seed ${seed}`).toEqual([]);
      const k = compiled.keys[0];
      for (let i = 0; i < 120; i++) {
        const values = Object.fromEntries(FIELDS.map((f) => [f, pick(rng, ROW_TEXTS)])) as Partial<Record<FieldRef, string | null>>;
        const on = day(pick(rng, DAYS));
        const view = { text: (f: FieldRef) => values[f] ?? null, day: on };
        const want = reference(def, values, on);
        const got = k.evaluate(view);
        const gotId = got.rule < 0 ? null : k.rules[got.rule].id;
        // Each rule on its own agrees: the ones above the winner do not match, the winner does.
        const above = k.rules.slice(0, got.rule < 0 ? k.rules.length : got.rule).map((r) => r.apply(view));
        const own = got.rule < 0 ? got.value : k.rules[got.rule].apply(view);
        if (got.value !== want.value || gotId !== want.ruleId || above.some((v) => v !== null) || own !== got.value) {
          const context = `seed ${seed}, row ${JSON.stringify(values)} on ${on}`;
          expect({ value: got.value, ruleId: gotId, above: above.filter((v) => v !== null), own }, context).toEqual({ ...want, above: [], own: got.value });
        }
        compared++;
        if (got.rule >= 0) matched++;
      }
    }
    // The generator must exercise both outcomes substantially.
    expect(compared).toBe(48_000);
    expect(matched).toBeGreaterThan(compared * 0.3);
    expect(matched).toBeLessThan(compared * 0.95);
  });
});
