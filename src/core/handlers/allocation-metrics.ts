import type { EngineState, Register } from '../engine';
import { importBusinessMetrics, listBusinessMetrics } from '../allocation/metrics';
import { blobSource } from '../imports/sources';

/** allocation/metrics-import and allocation/metrics. */
export function registerAllocationMetricHandlers(register: Register, state: EngineState): void {
  register('allocation/metrics-import', async ({ file }, ctx) => {
    const ws = state.requireWorkspace();
    const result = await importBusinessMetrics(ws, blobSource(file), { clock: state.host.clock, throwIfCancelled: () => ctx.throwIfCancelled() });
    // Metrics move the figures of usage splits, which views of the rules read.
    state.host.emit('db/changed', { tables: ['allocation_rules'] });
    return result;
  });

  register('allocation/metrics', async () => listBusinessMetrics(state.requireWorkspace()));
}
