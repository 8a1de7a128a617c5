/**
 * An Azure Cost Management EA actual-cost export ("Cost and usage details") for the demo: the EA
 * header of Microsoft's own sample, UTF-8 with BOM, MM/DD/YYYY dates, Tags as EA writes them
 * (`"Team": "Search","Environment": "Production"`, no braces). One row per day, Azure OpenAI
 * resource and meter: keys and deployments are not in cost data. Quantity is in UnitOfMeasure
 * blocks (1K or 1M tokens, both occur), so Quantity × UnitPrice = Cost exactly.
 */
import type { DemoDay } from './calendar';
import { billedOf, groupCells, tokensOf, type ProviderSim } from './company-sim';
import { csvTable } from './csv-text';
import { COST_SCALE, formatScaled, PRICE_SCALE } from './decimal-text';
import { createRng, randomId, randomUuid } from './random';
import { azureMeter, region } from './sku-names';
import type { UsageCell } from './usage-plan';

const COLUMNS = [
  'BillingAccountId', 'BillingAccountName', 'BillingPeriodStartDate', 'BillingPeriodEndDate', 'BillingProfileId',
  'BillingProfileName', 'AccountOwnerId', 'AccountName', 'SubscriptionId', 'SubscriptionName', 'Date', 'Product',
  'PartNumber', 'MeterId', 'ServiceFamily', 'MeterCategory', 'MeterSubCategory', 'MeterRegion', 'MeterName', 'Quantity',
  'EffectivePrice', 'Cost', 'UnitPrice', 'BillingCurrency', 'ResourceLocation', 'AvailabilityZone', 'ConsumedService',
  'ResourceId', 'ResourceName', 'ServiceInfo1', 'ServiceInfo2', 'AdditionalInfo', 'Tags', 'InvoiceSectionId',
  'InvoiceSection', 'CostCenter', 'UnitOfMeasure', 'ResourceGroup', 'ReservationId', 'ReservationName', 'ProductOrderId',
  'ProductOrderName', 'OfferId', 'IsAzureCreditEligible', 'Term', 'PublisherName', 'PlanName', 'ChargeType', 'Frequency',
  'PublisherType', 'PayGPrice', 'PricingModel', 'CostAllocationRuleName', 'benefitId', 'benefitName',
] as const;

const BOM = '\uFEFF';

/** 12/31/2026: EA exports write US-style dates. */
function usDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

function billingPeriod(day: DemoDay): { start: string; end: string } {
  const start = Date.parse(day.billingStart);
  // Azure's period end is the last day, inclusive.
  return { start: usDate(start), end: usDate(Date.parse(day.billingEnd) - 86_400_000) };
}

/** EA's Tags cell: JSON pairs without the braces. */
function eaTags(tags: Record<string, string> | null): string {
  if (tags === null) return '';
  return Object.entries(tags)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',');
}

/** Decimals of Quantity: newer meters ("gpt 4.1 …") are sold per 1M tokens, the older dashed ones per 1K. */
function blockDecimals(c: UsageCell): number {
  return c.model.meterStem.includes(' ') ? 6 : 3;
}

function meterOf(c: UsageCell): string {
  const w = c.key.workload;
  return azureMeter(c.model, c.tokenClass, w.tier ?? 'standard', w.dataZone === true);
}

export function azureEaCsv(sim: ProviderSim): string {
  const a = sim.account;
  const groups = groupCells(sim.cells, (c) => `${c.day.index}|${c.key.identity.resourceId}|${meterOf(c)}`);
  const rows = groups.map((g) => {
    const c = g[0];
    const w = c.key.workload;
    const meter = meterOf(c);
    const decimals = blockDecimals(c);
    // Prices are per 1M at scale 4; per 1K they need three more places.
    const priceScale = PRICE_SCALE + 6 - decimals;
    const unitPrice = formatScaled(BigInt(c.contractedE4), priceScale);
    const period = billingPeriod(c.day);
    const r = region(w.region ?? 'eastus2');
    const meterRng = createRng(0, `azure-meter:${meter}`);
    return {
      BillingAccountId: a.billingAccountId,
      BillingAccountName: a.billingAccountName,
      BillingPeriodStartDate: period.start,
      BillingPeriodEndDate: period.end,
      BillingProfileId: a.billingAccountId,
      BillingProfileName: a.billingAccountName,
      AccountOwnerId: 'cloud-admin@northwind.example',
      AccountName: 'AI Platform',
      SubscriptionId: c.key.project.subAccountId,
      SubscriptionName: c.key.project.subAccountName,
      Date: usDate(c.day.startMs),
      Product: `Azure OpenAI - ${meter}`,
      PartNumber: `AAH-${randomId(meterRng, 5, 'digits')}`,
      MeterId: randomUuid(meterRng),
      ServiceFamily: 'AI + Machine Learning',
      MeterCategory: 'Foundry Models',
      MeterSubCategory: 'Azure OpenAI',
      MeterRegion: w.dataZone === true ? r.name : 'Global',
      MeterName: meter,
      Quantity: formatScaled(BigInt(tokensOf(g)), decimals),
      EffectivePrice: unitPrice,
      Cost: formatScaled(billedOf(g), COST_SCALE),
      UnitPrice: unitPrice,
      BillingCurrency: 'USD',
      ResourceLocation: r.id,
      ConsumedService: 'Microsoft.CognitiveServices',
      ResourceId: c.key.identity.resourceId,
      ResourceName: c.key.identity.resourceName,
      Tags: eaTags(sim.tagsOf(c)),
      InvoiceSection: 'AI',
      CostCenter: 'CC-1040',
      UnitOfMeasure: decimals === 6 ? '1M' : '1K',
      ResourceGroup: `rg-ai-${r.id}`,
      OfferId: 'MS-AZR-0017P',
      IsAzureCreditEligible: 'True',
      PublisherName: 'Microsoft',
      ChargeType: 'Usage',
      Frequency: 'UsageBased',
      PublisherType: 'Azure',
      PayGPrice: formatScaled(BigInt(c.listE4), priceScale),
      PricingModel: 'OnDemand',
    };
  });
  return BOM + csvTable(COLUMNS, rows);
}
