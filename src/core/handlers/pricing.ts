import type { Workspace } from '../db/workspace';
import type { EngineState, Register } from '../engine';
import { applyPricing } from '../pricing/apply';
import { priceBook } from '../pricing';
import { deleteOverride, listOverrides, saveOverride } from '../pricing/overrides';
import { pricingSummary, unpricedUsage } from '../pricing/report';
import { rightSize } from '../pricing/right-size';
import { modelDetail, searchModels } from '../pricing/search';
import { sliceFields, sliceValues } from '../pricing/slice';

/** Runs `fn` in one transaction; strings it added are forgotten again if it fails. */
function inTransaction<T>(ws: Workspace, fn: () => T): T {
  ws.db.run('BEGIN');
  try {
    const out = fn();
    ws.db.run('COMMIT');
    ws.strings.commit();
    return out;
  } catch (e) {
    ws.db.run('ROLLBACK');
    ws.strings.rollback();
    throw e;
  }
}

export function registerPricingHandlers(register: Register, state: EngineState): void {
  const now = (): string => state.host.clock.now().toISOString();

  /** Workspaces imported before pricing existed hold charges never evaluated: price them once, on first look. */
  const ensurePriced = (ws: Workspace): void => {
    if (!ws.db.exec('SELECT 1 FROM charges WHERE x_PricingStatus IS NULL LIMIT 1').length) return;
    inTransaction(ws, () => applyPricing(ws, 'missing'));
    state.host.emit('db/changed', { tables: ['charges'] });
  };

  register('pricing/overrides', async () => listOverrides(state.requireWorkspace()));

  register('pricing/override-save', async ({ override }) => {
    const ws = state.requireWorkspace();
    const result = inTransaction(ws, () => {
      const saved = saveOverride(ws, priceBook(), override, now());
      return { override: saved, run: applyPricing(ws, 'all') };
    });
    state.host.emit('db/changed', { tables: ['price_overrides', 'charges'] });
    return result;
  });

  register('pricing/override-delete', async ({ id }) => {
    const ws = state.requireWorkspace();
    const run = inTransaction(ws, () => {
      deleteOverride(ws, id, now());
      return applyPricing(ws, 'all');
    });
    state.host.emit('db/changed', { tables: ['price_overrides', 'charges'] });
    return { run };
  });

  register('pricing/unmatched', async () => {
    const ws = state.requireWorkspace();
    ensurePriced(ws);
    return unpricedUsage(ws);
  });

  register('pricing/summary', async () => {
    const ws = state.requireWorkspace();
    ensurePriced(ws);
    return pricingSummary(ws);
  });

  register('pricing/search', async ({ query, limit }) => searchModels(priceBook(), query, limit));

  register('pricing/model', async ({ provider, model }) => modelDetail(priceBook(), provider, model));

  register('pricing/slice-fields', async () => sliceFields(state.requireWorkspace()));

  register('pricing/slice-values', async ({ field, month }) => {
    const ws = state.requireWorkspace();
    ensurePriced(ws);
    return sliceValues(ws, priceBook(), field, month ?? null);
  });

  register('pricing/right-size', async ({ slice, candidates }) => {
    const ws = state.requireWorkspace();
    ensurePriced(ws);
    return rightSize(ws, priceBook(), listOverrides(ws), slice, candidates);
  });
}
