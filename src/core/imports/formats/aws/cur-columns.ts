import { indexHeader } from '../header';

/**
 * The CUR columns Costbook reads, by their legacy names. The Athena/Parquet and CUR 2.0 spellings
 * (`line_item_unblended_cost`, `savings_plan_savings_plan_a_r_n`) squash to the same key as the
 * legacy ones (`lineItem/UnblendedCost`), so one lookup serves all three layouts; only detection
 * and tags look at the exact spelling.
 */
export const CUR_COLUMNS = {
  timeInterval: 'identity/TimeInterval',
  invoiceId: 'bill/InvoiceId',
  billingEntity: 'bill/BillingEntity',
  invoicingEntity: 'bill/InvoicingEntity',
  payerAccountId: 'bill/PayerAccountId',
  payerAccountName: 'bill/PayerAccountName',
  billingPeriodStart: 'bill/BillingPeriodStartDate',
  billingPeriodEnd: 'bill/BillingPeriodEndDate',
  usageAccountId: 'lineItem/UsageAccountId',
  usageAccountName: 'lineItem/UsageAccountName',
  lineItemType: 'lineItem/LineItemType',
  usageStart: 'lineItem/UsageStartDate',
  usageEnd: 'lineItem/UsageEndDate',
  productCode: 'lineItem/ProductCode',
  usageType: 'lineItem/UsageType',
  availabilityZone: 'lineItem/AvailabilityZone',
  resourceId: 'lineItem/ResourceId',
  usageAmount: 'lineItem/UsageAmount',
  currency: 'lineItem/CurrencyCode',
  unblendedRate: 'lineItem/UnblendedRate',
  unblendedCost: 'lineItem/UnblendedCost',
  netUnblendedCost: 'lineItem/NetUnblendedCost',
  description: 'lineItem/LineItemDescription',
  legalEntity: 'lineItem/LegalEntity',
  iamPrincipal: 'lineItem/IamPrincipal',
  productName: 'product/ProductName',
  serviceCode: 'product/servicecode',
  regionCode: 'product/regionCode',
  region: 'product/region',
  location: 'product/location',
  sku: 'product/sku',
  product: 'product',
  publicOnDemandCost: 'pricing/publicOnDemandCost',
  publicOnDemandRate: 'pricing/publicOnDemandRate',
  pricingUnit: 'pricing/unit',
  term: 'pricing/term',
  rateCode: 'pricing/RateCode',
  reservationArn: 'reservation/ReservationARN',
  reservationEffectiveCost: 'reservation/EffectiveCost',
  unusedUpfront: 'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
  unusedRecurring: 'reservation/UnusedRecurringFee',
  savingsPlanArn: 'savingsPlan/SavingsPlanARN',
  savingsPlanEffectiveCost: 'savingsPlan/SavingsPlanEffectiveCost',
  totalCommitment: 'savingsPlan/TotalCommitmentToDate',
  usedCommitment: 'savingsPlan/UsedCommitment',
  resourceTags: 'resource_tags',
} as const;

export type CurColumn = keyof typeof CUR_COLUMNS;
export type CurLayout = 'legacy' | 'athena' | 'cur2';

export function resolveCurColumns(header: string[]): Record<CurColumn, number> {
  const h = indexHeader(header);
  const out: Partial<Record<CurColumn, number>> = {};
  for (const key of Object.keys(CUR_COLUMNS) as CurColumn[]) out[key] = h.index(CUR_COLUMNS[key]);
  return out as Record<CurColumn, number>;
}

/** A header name as written, without BOM or surrounding space, lower-cased. */
export function plainName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

export type TagColumn = { index: number; key: string };

const LEGACY_USER = 'resourcetags/user:';
const LEGACY_AWS = 'resourcetags/aws:';
const ATHENA_TAG = 'resource_tags_';
const ATHENA_USER = 'resource_tags_user_';

/**
 * One column per tag: legacy `resourceTags/user:Team` (key "Team") and `resourceTags/aws:createdBy`
 * (key "aws:createdBy"); Athena `resource_tags_user_team` (key "team") and
 * `resource_tags_aws_created_by` (key "aws_created_by"). Keys keep the file's own spelling after
 * the prefix. CUR 2.0 has one `resource_tags` map column instead (see cur2TagKey).
 */
export function tagColumns(header: string[], layout: CurLayout): TagColumn[] {
  const out: TagColumn[] = [];
  header.forEach((raw, index) => {
    const name = raw.replace(/^\uFEFF/, '').trim();
    const lower = name.toLowerCase();
    if (layout === 'legacy') {
      if (lower.startsWith(LEGACY_USER)) out.push({ index, key: name.slice(LEGACY_USER.length) });
      else if (lower.startsWith(LEGACY_AWS)) out.push({ index, key: name.slice('resourceTags/'.length) });
    } else if (layout === 'athena' && lower.startsWith(ATHENA_TAG)) {
      const key = lower.startsWith(ATHENA_USER) ? name.slice(ATHENA_USER.length) : name.slice(ATHENA_TAG.length);
      if (key !== '') out.push({ index, key });
    }
  });
  return out.filter((t) => t.key !== '');
}

/** CUR 2.0 `resource_tags` keys: `user_team` -> "team"; system keys such as `aws_createdBy` stay as they are. */
export function cur2TagKey(key: string): string {
  return key.startsWith('user_') && key.length > 5 ? key.slice(5) : key;
}
