import { SUMMARY_DIMENSIONS } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import type { EngineState, Register } from '../engine';
import { summarize } from '../reports/summary';

export function registerSummaryHandlers(register: Register, state: EngineState): void {
  register('summary/totals', async ({ by }) => {
    const unknown = by.filter((d) => !SUMMARY_DIMENSIONS.includes(d));
    if (unknown.length) {
      throw new EngineError('engine/internal', `Unknown summary dimension: ${unknown.join(', ')}.`, { unknown });
    }
    return summarize(state.requireWorkspace(), by);
  });
}
