/**
 * FOCUS rows for the demo: one per day × key × model × token class, plus the few non-usage rows a
 * real invoice carries (a promotional credit, sales tax). Every amount is written from integers.
 */
import type { DemoDay } from './calendar';
import { COST_SCALE, formatScaled, MTOK_SCALE, PRICE_SCALE } from './decimal-text';
import { emptyFocusRow, type FocusRow } from './focus-csv';
import { awsProfile, type ProviderAccount } from './provider-accounts';
import { region, skuFields } from './sku-names';
import { cellCost, type UsageCell } from './usage-plan';

function money(scale10: bigint): string {
  return formatScaled(scale10, COST_SCALE);
}

function accountFields(row: FocusRow, a: ProviderAccount, day: DemoDay): void {
  row.BillingAccountId = a.billingAccountId;
  row.BillingAccountName = a.billingAccountName;
  row.BillingCurrency = 'USD';
  row.BillingPeriodStart = day.billingStart;
  row.BillingPeriodEnd = day.billingEnd;
  row.ProviderName = a.providerName;
  row.InvoiceIssuerName = a.invoiceIssuer;
  row.InvoiceId = a.invoiceIds[day.monthIndex];
  row.ServiceName = a.serviceName;
  row.ServiceCategory = 'AI and Machine Learning';
  row.ServiceSubcategory = a.serviceSubcategory;
}

export function usageRow(a: ProviderAccount, cell: UsageCell, tags: string): FocusRow {
  const { key, day, model, tokenClass } = cell;
  const w = key.workload;
  const tier = w.tier ?? 'standard';
  const r = w.region === undefined ? undefined : region(w.region);
  const sku = skuFields({
    provider: a.provider,
    model,
    tokenClass,
    tier,
    region: r,
    dataZone: w.dataZone,
    listPriceE4: cell.listE4,
  });
  const row = emptyFocusRow();
  accountFields(row, a, day);
  row.ChargePeriodStart = day.start;
  row.ChargePeriodEnd = day.end;
  row.ChargeCategory = 'Usage';
  row.ChargeDescription = sku.description;
  row.ChargeFrequency = 'Usage-Based';
  row.BilledCost = money(cell.billed);
  row.EffectiveCost = money(cellCost(cell, cell.effectiveE4));
  row.ListCost = money(cellCost(cell, cell.listE4));
  row.ContractedCost = money(cellCost(cell, cell.contractedE4));
  row.ListUnitPrice = formatScaled(BigInt(cell.listE4), PRICE_SCALE);
  row.ContractedUnitPrice = formatScaled(BigInt(cell.contractedE4), PRICE_SCALE);
  row.PricingCategory = 'Standard';
  row.PricingQuantity = formatScaled(BigInt(cell.tokens), MTOK_SCALE);
  row.PricingUnit = '1M Tokens';
  row.PricingCurrency = 'USD';
  row.ConsumedQuantity = String(cell.tokens);
  row.ConsumedUnit = 'Tokens';
  row.PublisherName = model.publisher;
  row.SkuId = sku.skuId;
  row.SkuMeter = sku.skuMeter;
  row.SkuPriceId = sku.skuPriceId;
  row.SubAccountId = key.project.subAccountId;
  row.SubAccountName = key.project.subAccountName;
  if (a.provider === 'aws') {
    const profile = awsProfile(w, key.project, model);
    row.ResourceId = profile.id;
    row.ResourceName = profile.name;
  } else {
    row.ResourceId = key.identity.resourceId;
    row.ResourceName = key.identity.resourceName;
  }
  row.ResourceType = key.identity.resourceType;
  row.RegionId = r?.id ?? '';
  row.RegionName = r?.name ?? '';
  row.Tags = tags;
  row.x_Model = model.id;
  row.x_TokenClass = tokenClass;
  row.x_Requests = cell.requests === null ? '' : String(cell.requests);
  row.x_Project = w.project;
  row.x_ApiKey = key.identity.apiKey;
  row.x_User = key.spec.user ?? '';
  row.x_ServiceTier = tier;
  return row;
}

/** An invoice-level amount (credit, tax) for a whole billing month. No tags: nobody owns it yet. */
export function invoiceRow(
  a: ProviderAccount,
  monthStart: DemoDay,
  category: 'Credit' | 'Tax',
  description: string,
  amount: bigint,
  tags: string,
): FocusRow {
  const row = emptyFocusRow();
  accountFields(row, a, monthStart);
  row.ChargePeriodStart = monthStart.billingStart;
  row.ChargePeriodEnd = monthStart.billingEnd;
  row.ChargeCategory = category;
  row.ChargeDescription = description;
  row.ChargeFrequency = 'One-Time';
  row.BilledCost = money(amount);
  row.EffectiveCost = money(amount);
  // A credit has no list price; tax is charged as billed.
  row.ListCost = category === 'Credit' ? '0' : money(amount);
  row.ContractedCost = row.ListCost;
  row.PublisherName = a.providerName;
  row.Tags = tags;
  return row;
}
