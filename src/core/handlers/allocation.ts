import type { EngineState, Register } from '../engine';

/** allocation/* handlers except business metrics (see ./allocation-metrics.ts). */
export function registerAllocationHandlers(register: Register, state: EngineState): void {
  void register;
  void state;
}
