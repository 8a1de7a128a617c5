import type { HeaderIndex } from '../header';

/**
 * Where each Azure field sits in one file's header. The EA, MCA (PascalCase and camelCase) and
 * legacy usage-details layouts name the same things differently (formats.md §3.1-3.2); header
 * matching ignores case and separators, so each field lists its names, preferred first.
 */
export function azureColumns(h: HeaderIndex) {
  const at = (...names: string[]): number => names.map((n) => h.index(n)).find((i) => i >= 0) ?? -1;
  return {
    date: at('Date', 'UsageDateTime'),
    billingPeriodStart: at('BillingPeriodStartDate'),
    billingPeriodEnd: at('BillingPeriodEndDate'),
    servicePeriodStart: at('ServicePeriodStartDate'),
    servicePeriodEnd: at('ServicePeriodEndDate'),
    cost: at('CostInBillingCurrency', 'Cost', 'PreTaxCost'),
    // Not in the documented layouts: a file that carries both costs gives EffectiveCost from here.
    amortizedCost: at('AmortizedCostInBillingCurrency', 'AmortizedCost'),
    paygCost: at('PaygCostInBillingCurrency'),
    paygPrice: at('PayGPrice'),
    unitPrice: at('UnitPrice', 'ResourceRate'),
    quantity: at('Quantity', 'UsageQuantity'),
    unitOfMeasure: at('UnitOfMeasure'),
    currency: at('BillingCurrency', 'BillingCurrencyCode', 'Currency'),
    subscriptionId: at('SubscriptionId', 'SubscriptionGuid'),
    subscriptionName: at('SubscriptionName'),
    resourceGroup: at('ResourceGroup', 'ResourceGroupName'),
    resourceId: at('ResourceId', 'InstanceId', 'InstanceName'),
    resourceName: at('ResourceName'),
    resourceType: at('ResourceType'),
    location: at('ResourceLocation'),
    locationName: at('Location'),
    availabilityZone: at('AvailabilityZone'),
    meterCategory: at('MeterCategory'),
    meterSubCategory: at('MeterSubCategory'),
    meterName: at('MeterName'),
    meterId: at('MeterId'),
    consumedService: at('ConsumedService'),
    legacyServiceName: at('ServiceName'),
    product: at('Product', 'ProductName'),
    chargeType: at('ChargeType'),
    frequency: at('Frequency'),
    pricingModel: at('PricingModel'),
    reservationId: at('ReservationId'),
    reservationName: at('ReservationName'),
    benefitId: at('BenefitId'),
    benefitName: at('BenefitName'),
    publisherName: at('PublisherName'),
    partnerName: at('PartnerName'),
    billingAccountId: at('BillingAccountId'),
    billingAccountName: at('BillingAccountName'),
    billingProfileId: at('BillingProfileId'),
    billingProfileName: at('BillingProfileName'),
    invoiceId: at('InvoiceId'),
    tags: at('Tags'),
  };
}

/** Field → column index (-1 when the file lacks it). */
export type AzureColumns = ReturnType<typeof azureColumns>;
