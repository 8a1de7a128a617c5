/**
 * What each `lineItem/LineItemType` means for Costbook (formats.md §2.1). The invoice is the sum of
 * the unblended cost of every line, so BilledCost is always the unblended cost. EffectiveCost is
 * the amortized cost of the AWS CUR query library: commitment purchases are spread onto the usage
 * they cover, and the lines that only move money between the two count zero, so that summing
 * EffectiveCost over a month never counts a commitment twice:
 *
 *   DiscountedUsage          reservation/EffectiveCost (RI-covered usage at its amortized rate)
 *   RIFee                    reservation/UnusedAmortizedUpfrontFeeForBillingPeriod + UnusedRecurringFee
 *   Fee with a reservation   0 (the RI upfront payment, already spread over DiscountedUsage)
 *   SavingsPlanCoveredUsage  savingsPlan/SavingsPlanEffectiveCost
 *   SavingsPlanNegation      0 (it cancels the on-demand cost of covered usage on the invoice)
 *   SavingsPlanUpfrontFee    0 (spread over SavingsPlanCoveredUsage)
 *   SavingsPlanRecurringFee  savingsPlan/TotalCommitmentToDate - savingsPlan/UsedCommitment (unused part)
 *   everything else          unblended cost
 */

export type ChargeCategory = 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment';
export type ChargeFrequency = 'Usage-Based' | 'Recurring' | 'One-Time';

export type EffectiveRule = 'unblended' | 'zero' | 'reservation' | 'ri-fee' | 'ri-upfront' | 'savings-plan' | 'sp-recurring';

export type LineItemRule = {
  category: ChargeCategory;
  frequency: ChargeFrequency;
  effective: EffectiveRule;
  /** Which commitment the line belongs to, for CommitmentDiscountId. */
  commitment: 'reservation' | 'savings-plan' | null;
  /**
   * The line measures consumption (quantities and tokens count). SavingsPlanNegation repeats the
   * usage of a covered line with the opposite cost: counting its quantity would count it twice.
   */
  consumes: boolean;
};

const usage = (effective: EffectiveRule, commitment: LineItemRule['commitment'], consumes = true): LineItemRule => ({
  category: 'Usage',
  frequency: 'Usage-Based',
  effective,
  commitment,
  consumes,
});
const purchase = (frequency: ChargeFrequency, effective: EffectiveRule, commitment: LineItemRule['commitment']): LineItemRule => ({
  category: 'Purchase',
  frequency,
  effective,
  commitment,
  consumes: false,
});
const other = (category: ChargeCategory, frequency: ChargeFrequency = 'One-Time'): LineItemRule => ({
  category,
  frequency,
  effective: 'unblended',
  commitment: null,
  consumes: false,
});

const RULES: Record<string, LineItemRule> = {
  usage: usage('unblended', null),
  discountedusage: usage('reservation', 'reservation'),
  savingsplancoveredusage: usage('savings-plan', 'savings-plan'),
  savingsplannegation: usage('zero', 'savings-plan', false),
  rifee: purchase('Recurring', 'ri-fee', 'reservation'),
  fee: purchase('One-Time', 'ri-upfront', null),
  savingsplanupfrontfee: purchase('One-Time', 'zero', 'savings-plan'),
  savingsplanrecurringfee: purchase('Recurring', 'sp-recurring', 'savings-plan'),
  tax: other('Tax', 'Usage-Based'),
  credit: other('Credit'),
  refund: other('Credit'),
  // Negotiated and bundled discounts reduce the invoice like credits do.
  bundleddiscount: other('Credit', 'Usage-Based'),
  edpdiscount: other('Credit', 'Usage-Based'),
  privateratediscount: other('Credit', 'Usage-Based'),
  distributordiscount: other('Credit', 'Usage-Based'),
  discount: other('Credit', 'Usage-Based'),
};

/** Line item types AWS adds later are kept as adjustments (and named in a warning), never refused. */
const UNKNOWN: LineItemRule = other('Adjustment');

export function lineItemRule(type: string): { rule: LineItemRule; known: boolean } {
  const key = type.trim().toLowerCase();
  const rule = RULES[key] ?? (key.endsWith('discount') ? RULES.discount : undefined);
  return rule === undefined ? { rule: UNKNOWN, known: false } : { rule, known: true };
}

/** FOCUS PricingCategory from pricing/term, with commitment-covered usage as Committed. */
export function pricingCategory(term: string | null, rule: LineItemRule): string | null {
  if (rule.category === 'Usage' && rule.commitment !== null) return 'Committed';
  switch ((term ?? '').toLowerCase()) {
    case 'ondemand':
      return 'Standard';
    case 'reserved':
    case 'savings plan':
      return 'Committed';
    case 'spot':
      return 'Dynamic';
    default:
      return null;
  }
}
