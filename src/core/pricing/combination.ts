import type { PriceOverride, PricingStatus } from '../../shared/contract';
import { isoDate } from '../imports/dates';
import { wholePicoPerToken, type PerToken } from './cost';
import { planFor, resolveRaw, type RawStrings } from './plan';
import type { PriceBook } from './resolve';
import { STATUS_CODE } from './status';

export const DAY = 86_400;

/**
 * The text columns a combination is made of, in this order (then the UTC day): the seller, the
 * bill's raw strings for the model, the token class and the service tier.
 */
export const COMBINATION_COLUMNS = ['ProviderName', 'SkuMeter', 'x_Model', 'ChargeDescription', 'x_TokenClass', 'x_ServiceTier'] as const;

/** What every charge of one combination (raw strings, token class, tier, UTC day) is given. */
export type Combination = {
  /** The status stored: a priced plan without a usable per-token cost is stored as 'no-rate'. */
  status: PricingStatus;
  code: number;
  ref: string;
  model: string | null;
  /** Set only for priced and override rows. */
  perToken: PerToken | null;
  /** The whole picodollars of one token, when the cost is whole and small (see wholePicoPerToken). */
  q: number | null;
};

/**
 * Plans combinations for one pricing pass: the catalog and the overrides as they are now, with the
 * model resolution of each set of raw strings kept, since a bill repeats them on every day and class.
 * applyPricing and the import's pricing at insert both go through here, so they store the same.
 */
export class CombinationPlanner {
  private readonly resolutions = new Map<string, ReturnType<typeof resolveRaw>>();

  constructor(
    private readonly book: PriceBook,
    private readonly overrides: PriceOverride[],
  ) {}

  /** `rkey` names the raw strings (their strings ids) for the resolution cache; `day` is the UTC day number. */
  plan(rkey: string, raw: RawStrings, tokenClass: string, tier: string | null, day: number): Combination {
    let resolved = this.resolutions.get(rkey);
    if (resolved === undefined) {
      resolved = resolveRaw(this.book, raw);
      this.resolutions.set(rkey, resolved);
    }
    const plan = planFor(this.book, this.overrides, resolved, raw, tokenClass, tier, isoDate(day * DAY) ?? '');
    const priced = plan.perToken !== null && (plan.status === 'priced' || plan.status === 'override');
    const status: PricingStatus = priced ? plan.status : plan.status === 'priced' || plan.status === 'override' ? 'no-rate' : plan.status;
    const perToken = priced ? plan.perToken : null;
    return {
      status,
      code: STATUS_CODE[status],
      ref: plan.ref,
      model: plan.model,
      perToken,
      q: perToken === null ? null : wholePicoPerToken(perToken),
    };
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The largest token count whose product with `q` stays within 2^53 - 1, so a double holds it
 * exactly; -1 for none. Up to it, tokens × q split into hi/lo in doubles is what applyPricing's
 * SQL computes in int64; beyond it, only BigInt is exact.
 */
export function maxWholeTokens(q: number | null): number {
  if (q === null) return -1;
  if (q === 0) return Number.MAX_SAFE_INTEGER;
  // The division is rounded: step down until the product, checked exactly, fits.
  let m = Math.floor(Number.MAX_SAFE_INTEGER / q);
  while (BigInt(m) * BigInt(q) > MAX_SAFE) m--;
  return m;
}
