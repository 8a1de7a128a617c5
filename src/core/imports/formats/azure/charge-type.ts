/**
 * Azure's ChargeType, Frequency and PricingModel in FOCUS terms (formats.md §3.3), and what a
 * record says about the export being actual or amortized cost (§3.5: the headers are the same).
 */

export type CostView = 'actual' | 'amortized';

type Category = { category: 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment'; chargeClass: 'Correction' | null; unused: boolean };

const CHARGE_TYPES: ReadonlyMap<string, Category> = new Map([
  ['usage', { category: 'Usage', chargeClass: null, unused: false }],
  ['purchase', { category: 'Purchase', chargeClass: null, unused: false }],
  ['tax', { category: 'Tax', chargeClass: null, unused: false }],
  ['unusedreservation', { category: 'Usage', chargeClass: null, unused: true }],
  ['unusedsavingsplan', { category: 'Usage', chargeClass: null, unused: true }],
  // A refund corrects an earlier purchase: FOCUS keeps the category and marks the class.
  ['refund', { category: 'Purchase', chargeClass: 'Correction', unused: false }],
  ['roundingadjustment', { category: 'Adjustment', chargeClass: null, unused: false }],
  ['adjustment', { category: 'Adjustment', chargeClass: null, unused: false }],
  ['credit', { category: 'Credit', chargeClass: null, unused: false }],
]);

/** The FOCUS category of a ChargeType; null for a value Azure is not known to write. Legacy files have no ChargeType: usage. */
export function chargeCategory(chargeType: string | null): Category | null {
  return CHARGE_TYPES.get(chargeType?.toLowerCase() ?? 'usage') ?? null;
}

const FREQUENCY: ReadonlyMap<string, string> = new Map([
  ['onetime', 'One-Time'],
  ['recurring', 'Recurring'],
  ['usagebased', 'Usage-Based'],
]);

export function chargeFrequency(frequency: string | null): string | null {
  return frequency === null ? null : FREQUENCY.get(frequency.toLowerCase()) ?? frequency;
}

export type Commitment = 'Reservation' | 'Savings Plan' | null;

/** Which commitment a PricingModel (or a benefit id's resource path) names. */
export function commitmentOf(pricingModel: string | null, benefitId: string | null): Commitment {
  const p = pricingModel?.toLowerCase() ?? '';
  if (p === 'reservation') return 'Reservation';
  if (p === 'savingsplan') return 'Savings Plan';
  if (benefitId === null) return null;
  if (/savingsplanorders/i.test(benefitId)) return 'Savings Plan';
  if (/reservationorders/i.test(benefitId)) return 'Reservation';
  return null;
}

const PRICING: ReadonlyMap<string, string> = new Map([
  ['ondemand', 'Standard'],
  ['reservation', 'Committed'],
  ['savingsplan', 'Committed'],
  ['spot', 'Dynamic'],
]);

export function pricingCategory(pricingModel: string | null): string | null {
  return pricingModel === null ? null : PRICING.get(pricingModel.toLowerCase()) ?? null;
}

/**
 * What one record says about the export (formats.md §3.5): amortized cost has Unused* rows and
 * spreads commitments over the usage they cover (non-zero cost at the commitment's price);
 * actual cost has the commitment purchase itself and covered usage at zero cost.
 */
export function costViewEvidence(chargeType: string | null, commitment: Commitment, costIsZero: boolean): CostView | null {
  const t = chargeType?.toLowerCase() ?? '';
  if (t === 'unusedreservation' || t === 'unusedsavingsplan') return 'amortized';
  if (commitment === null) return null;
  if (t === 'purchase' && !costIsZero) return 'actual';
  if (t === 'usage') return costIsZero ? 'actual' : 'amortized';
  return null;
}
