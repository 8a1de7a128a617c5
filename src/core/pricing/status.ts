import type { PricingStatus } from '../../shared/contract';

/** charges.x_PricingStatus: small integers, so the reports filter on an integer column. */
export const STATUS_CODE = {
  priced: 1,
  override: 2,
  unmatched: 3,
  'no-price-at-date': 4,
  'no-rate': 5,
  'not-tokens': 6,
} as const satisfies Record<PricingStatus, number>;

const BY_CODE = new Map<number, PricingStatus>(Object.entries(STATUS_CODE).map(([k, v]) => [v, k as PricingStatus]));

export function statusOf(code: number): PricingStatus | null {
  return BY_CODE.get(code) ?? null;
}
