import type { EngineState, Register } from '../engine';

/** allocation/metrics-import and allocation/metrics. */
export function registerAllocationMetricHandlers(register: Register, state: EngineState): void {
  void register;
  void state;
}
