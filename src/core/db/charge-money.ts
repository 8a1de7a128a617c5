/**
 * The money of a charge, in `charges` and `charge_totals`: each amount is exact picodollars
 * stored as two integers, <name>_hi × 1e9 + <name>_lo (see src/core/money/decimal.ts).
 */
export const MONEY_COLUMNS = ['BilledCost', 'EffectiveCost', 'ListCost'] as const;
export type MoneyColumn = (typeof MONEY_COLUMNS)[number];

/** The stored parts, in order: BilledCost_hi, BilledCost_lo, EffectiveCost_hi, ... */
export const MONEY_PARTS: readonly string[] = MONEY_COLUMNS.flatMap((c) => [`${c}_hi`, `${c}_lo`]);
