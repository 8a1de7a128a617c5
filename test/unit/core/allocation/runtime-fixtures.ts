/** Small FOCUS files and rule sets for the allocation runtime tests. */
import { expect } from 'vitest';
import type { AllocationRuleSet, Condition, ConditionGroup, FieldRef, SplitRule, TagKeyDef, TagRule } from '../../../../src/shared/allocation-contract';
import type { Engine } from '../../../../src/core/engine';
import { EngineError } from '../../../../src/shared/errors';
import { fileInput } from '../../helpers/engine';

export type Charge = {
  day: string;
  billed: string;
  effective?: string;
  list?: string;
  currency?: string;
  provider?: string;
  service?: string;
  sub?: string;
  project?: string;
  apiKey?: string;
  tags?: Record<string, string>;
  tokens?: number;
  requests?: number;
};

const HEADER = [
  'ChargePeriodStart',
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'BillingCurrency',
  'ProviderName',
  'ServiceName',
  'SubAccountName',
  'x_Project',
  'x_ApiKey',
  'Tags',
  'x_Tokens',
  'x_Requests',
];

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function focusCsv(charges: readonly Charge[]): string {
  const lines = charges.map((c) =>
    [
      c.day,
      c.billed,
      c.effective ?? c.billed,
      c.list ?? c.billed,
      c.currency ?? 'USD',
      c.provider ?? 'OpenAI',
      c.service ?? 'API',
      c.sub ?? '',
      c.project ?? '',
      c.apiKey ?? '',
      c.tags ? JSON.stringify(c.tags) : '',
      c.tokens === undefined ? '' : String(c.tokens),
      c.requests === undefined ? '' : String(c.requests),
    ]
      .map(csvField)
      .join(','),
  );
  return `${HEADER.join(',')}\n${lines.join('\n')}\n`;
}

/** Imports FOCUS rows as one file (kept beside earlier imports of the same period). */
export async function importCharges(engine: Engine, name: string, charges: readonly Charge[]): Promise<number> {
  const [r] = await engine.call('import/files', { files: [fileInput(name, focusCsv(charges))], options: { replace: false } });
  expect(r.error?.message ?? null).toBeNull();
  expect(r.status).toBe('imported');
  return r.importId as number;
}

/** A proxy log no importer knows, read through a saved column mapping as a usage source. */
export async function importUsageLog(engine: Engine, name: string, rows: { day: string; project: string; cost: string; tokens: number; requests?: number }[]): Promise<void> {
  const header = ['day', 'project', 'estimated_cost', 'tokens', 'requests'];
  const existing = await engine.call('mapping/list', {});
  if (!existing.some((p) => p.name === 'Proxy log')) {
    await engine.call('mapping/save', {
      name: 'Proxy log',
      header,
      mapping: {
        columns: { ChargePeriodStart: 'day', x_Project: 'project', BilledCost: 'estimated_cost', x_Tokens: 'tokens', x_Requests: 'requests' },
        tagColumns: [],
        dayOrder: null,
        currency: 'USD',
        provider: 'LiteLLM proxy',
        sourceKind: 'usage',
      },
    });
  }
  const text = `${header.join(',')}\n${rows.map((r) => [r.day, r.project, r.cost, r.tokens, r.requests ?? 0].join(',')).join('\n')}\n`;
  const [r] = await engine.call('import/files', { files: [fileInput(name, text)], options: { replace: false } });
  expect(r.error?.message ?? null).toBeNull();
  expect(r.sourceKind).toBe('usage');
}

export const cond = (field: FieldRef, op: Condition['op'], value?: string | string[]): Condition =>
  Array.isArray(value) ? { field, op, values: value } : value === undefined ? { field, op } : { field, op, value };

export const all = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ join: 'and', items });

export function rule(id: string, when: ConditionGroup, value: TagRule['value'] | string, extra: Partial<TagRule> = {}): TagRule {
  return { id, name: `Rule ${id}`, when, value: typeof value === 'string' ? { kind: 'literal', value } : value, ...extra };
}

export function key(name: string, rules: TagRule[], extra: Partial<TagKeyDef> = {}): TagKeyDef {
  return { key: name, defaultValue: 'Unallocated', rules, normalize: [], ...extra };
}

export function split(id: string, keyName: string, pool: ConditionGroup, method: SplitRule['method'], extra: Partial<SplitRule> = {}): SplitRule {
  return { id, name: `Split ${id}`, key: keyName, pool, targets: [], method, period: 'month', noWeight: 'unallocated', ...extra };
}

export function ruleSet(keys: TagKeyDef[], splits: SplitRule[] = []): AllocationRuleSet {
  return { format: 'costbook-allocation', version: 1, keys, splits };
}

/** team = the x_Project of the charge, when it has one. */
export const TEAM_BY_PROJECT = key('team', [rule('by-project', all(cond('x_Project', 'isNotEmpty')), { kind: 'field', field: 'x_Project' })]);

export async function failure(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  return e as EngineError;
}

/** value -> billed cost of a result's groups (one currency). */
export function billedByValue(groups: { value: string; billedCost: string }[]): Record<string, string> {
  return Object.fromEntries(groups.map((g) => [g.value, g.billedCost]));
}

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
