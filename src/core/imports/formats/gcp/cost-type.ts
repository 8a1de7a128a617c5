/** GCP's cost_type ("Cost type" in the console) as a FOCUS ChargeCategory (formats.md §4.4). */
const COST_TYPES: ReadonlyMap<string, 'Usage' | 'Tax' | 'Adjustment'> = new Map([
  ['regular', 'Usage'],
  ['usage', 'Usage'],
  ['tax', 'Tax'],
  ['adjustment', 'Adjustment'],
  ['roundingerror', 'Adjustment'],
]);

/** Null for a value GCP is not known to write; no cost type at all is usage. */
export function gcpChargeCategory(costType: string | null): 'Usage' | 'Tax' | 'Adjustment' | null {
  if (costType === null) return 'Usage';
  return COST_TYPES.get(costType.toLowerCase().replace(/[\s_-]/g, '')) ?? null;
}
