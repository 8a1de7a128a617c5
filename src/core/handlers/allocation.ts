import type { AllocationField, AllocationRuleSet } from '../../shared/allocation-contract';
import { EngineError } from '../../shared/errors';
import { AllocationRuntime, compileOrRefuse, monthArg, runsByKey } from '../allocation/allocate';
import { allocationFields } from '../allocation/fields-catalog';
import type { ReadMetricWeights } from '../allocation/metric-source';
import { readMetricWeights } from '../allocation/metrics';
import { allocationPreview } from '../allocation/preview';
import { allocatedLines, allocationResult } from '../allocation/result';
import { validateRuleSet } from '../allocation/rules';
import { exportRules, loadRuleSet, parseRuleFile, ruleHistory, saveRuleSet } from '../allocation/store';
import { keyIndexOf } from '../allocation/tagging';
import { chargeTrail } from '../allocation/trail';
import type { Workspace } from '../db/workspace';
import type { EngineState, Register } from '../engine';

export type AllocationDeps = {
  /** Business metric weights for `usage: "metric:<name>"` splits. */
  metrics(ws: Workspace): ReadMetricWeights;
};

const defaultDeps: AllocationDeps = {
  metrics: (ws) => (metric, tagKey, grain) => readMetricWeights(ws, metric, tagKey, grain),
};

/** allocation/* handlers except business metrics (see ./allocation-metrics.ts). */
export function registerAllocationHandlers(register: Register, state: EngineState, deps: AllocationDeps = defaultDeps): void {
  const runtime = new AllocationRuntime(() => state.dataVersion, deps.metrics);

  /** The rules to apply: the caller's draft or the saved ones, and the saved version. */
  const rulesFor = (ws: Workspace, draft: AllocationRuleSet | undefined): { set: AllocationRuleSet; version: number } => {
    const saved = loadRuleSet(ws);
    return { set: draft ?? saved.ruleSet, version: saved.version };
  };

  const keyOf = (keys: readonly { key: string }[], key: string): number => {
    const k = keyIndexOf(keys)(key);
    if (k === undefined) throw new EngineError('allocation/unknown-key', `The rules have no tag key “${key}”.`, { key });
    return k;
  };

  register('allocation/rules', async () => loadRuleSet(state.requireWorkspace()));

  register('allocation/save', async ({ ruleSet, expectedVersion }) => {
    const saved = saveRuleSet(state.requireWorkspace(), state.host.clock, ruleSet, expectedVersion);
    state.host.emit('db/changed', { tables: ['allocation_rules'] });
    return saved;
  });

  register('allocation/validate', async ({ ruleSet }) => validateRuleSet(ruleSet));

  register('allocation/history', async () => ruleHistory(state.requireWorkspace()));

  register('allocation/export-rules', async () => ({ json: exportRules(state.requireWorkspace()) }));

  register('allocation/import-rules', async ({ json, fileName }) => {
    const ws = state.requireWorkspace();
    const saved = saveRuleSet(ws, state.host.clock, parseRuleFile(json, fileName));
    state.host.emit('db/changed', { tables: ['allocation_rules'] });
    return saved;
  });

  register('allocation/result', async ({ key, period, ruleSet }, ctx) => {
    const ws = state.requireWorkspace();
    const { set, version } = rulesFor(ws, ruleSet);
    const compiled = compileOrRefuse(set);
    const k = keyOf(compiled.keys, key);
    const run = runtime.run(ws, set, compiled, { month: monthArg(period), focus: { key: k, rules: false }, throwIfCancelled: () => ctx.throwIfCancelled() });
    ctx.throwIfCancelled();
    return allocationResult(run, k, period ?? null, version);
  });

  register('allocation/lines', async ({ key, period, ruleSet }, ctx) => {
    const ws = state.requireWorkspace();
    const { set } = rulesFor(ws, ruleSet);
    const compiled = compileOrRefuse(set);
    const k = keyOf(compiled.keys, key);
    const run = runtime.run(ws, set, compiled, { month: monthArg(period), focus: { key: k, rules: true }, throwIfCancelled: () => ctx.throwIfCancelled() });
    ctx.throwIfCancelled();
    return allocatedLines(run, k);
  });

  register('allocation/trail', async ({ chargeId, ruleSet }, ctx) => {
    const ws = state.requireWorkspace();
    const { set } = rulesFor(ws, ruleSet);
    const compiled = compileOrRefuse(set);
    // The splits as each key's result saw them, so the trail adds up to what the results show.
    const { runs, outcomes } = runsByKey(runtime, ws, set, compiled, { month: null, throwIfCancelled: () => ctx.throwIfCancelled() });
    ctx.throwIfCancelled();
    const run = runs[0] ?? runtime.run(ws, set, compiled, { month: null, throwIfCancelled: () => ctx.throwIfCancelled() });
    return chargeTrail(ws, { ...run, outcomes }, chargeId);
  });

  register('allocation/preview', async (args, ctx) => allocationPreview(runtime, state.requireWorkspace(), args, () => ctx.throwIfCancelled()));

  // The builder asks for fields whenever it opens; they only change with the data.
  let fields: { ws: Workspace; version: number; list: AllocationField[] } | null = null;
  register('allocation/fields', async (_args, ctx) => {
    const ws = state.requireWorkspace();
    if (fields === null || fields.ws !== ws || fields.version !== state.dataVersion) {
      fields = { ws, version: state.dataVersion, list: allocationFields(ws, () => ctx.throwIfCancelled()) };
    }
    return fields.list;
  });
}
