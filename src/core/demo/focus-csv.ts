/**
 * The FOCUS 1.2 column set the import benchmark writes, and the token classes and service tiers
 * the generators share.
 */

export const FOCUS_DEMO_COLUMNS = [
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'ListUnitPrice',
  'ContractedUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'PricingCurrency',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ProviderName',
  'PublisherName',
  'InvoiceIssuerName',
  'InvoiceId',
  'ServiceName',
  'ServiceCategory',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'RegionId',
  'RegionName',
  'Tags',
  // AI extension columns: FOCUS has no token class or API key, and custom columns must start with x_.
  'x_Model',
  'x_TokenClass',
  'x_Requests',
  'x_Project',
  'x_ApiKey',
  'x_User',
  'x_ServiceTier',
] as const;

export type TokenClass = 'input' | 'output' | 'cached_read' | 'cache_write' | 'reasoning';
export type ServiceTier = 'standard' | 'batch' | 'priority';

export function focusHeaderLine(): string {
  return FOCUS_DEMO_COLUMNS.join(',') + '\n';
}
