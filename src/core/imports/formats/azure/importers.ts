import { indexHeader, type HeaderIndex } from '../header';
import type { Detection, RowMapper, TableImporter } from '../types';
import { AZURE_LABELS, AzureCostMapper, type AzureLayout } from './cost-export';

/**
 * Detection of Azure Cost Management exports from their headers (formats.md §0 rows 5-7).
 * EA and MCA share most columns; MCA is told by the columns only MCA writes (pricing currency,
 * exchange rate, invoice ids, partner/reseller) or by the camelCase of the older MCA API.
 */

const COST_EXPORT = ['MeterCategory', 'MeterName', 'Quantity', 'SubscriptionId', 'Date'];
const COSTS = ['CostInBillingCurrency', 'Cost'];
const CURRENCY = ['BillingCurrency', 'BillingCurrencyCode', 'Currency'];
const LEGACY = ['PreTaxCost', 'UsageDateTime', 'SubscriptionGuid'];
const MCA_ONLY = [
  'CostInPricingCurrency', 'CostInUsd', 'PaygCostInBillingCurrency', 'PaygCostInUsd', 'ExchangeRatePricingToBilling',
  'ExchangeRateDate', 'PricingCurrency', 'InvoiceId', 'PreviousInvoiceId', 'InvoiceSectionName', 'ProductId',
  'ResourceGroupName', 'ServicePeriodStartDate', 'ServicePeriodEndDate', 'CustomerTenantId', 'CustomerName',
  'PartnerName', 'ResellerName', 'ResellerMpnId',
];
const HINTS = [
  'BillingAccountId', 'BillingPeriodStartDate', 'ChargeType', 'PricingModel', 'BenefitId', 'UnitOfMeasure', 'ResourceId',
  'ConsumedService', 'MeterId', 'MeterSubCategory', 'Tags',
];
const LEGACY_HINTS = ['ResourceRate', 'UsageQuantity', 'InstanceId', 'MeterCategory', 'MeterName', 'ConsumedService'];
/** Columns that make a header look like Azure at all, for "lacks columns" answers. */
const AZURE_WORDS = [
  'MeterCategory', 'MeterName', 'MeterId', 'MeterSubCategory', 'MeterRegion', 'ConsumedService', 'SubscriptionId',
  'ResourceGroup', 'UnitOfMeasure', 'CostInBillingCurrency',
];
/** camelCase spellings of the older MCA API (exact case; header matching elsewhere ignores case). */
const CAMEL = new Set(['costInBillingCurrency', 'meterCategory', 'subscriptionId']);

function count(h: HeaderIndex, names: string[]): number {
  return names.filter((n) => h.has(n)).length;
}

/** FOCUS files (Microsoft's FOCUS export among them) are the FOCUS importer's. */
function isFocus(h: HeaderIndex): boolean {
  return h.has('BilledCost') && h.has('ChargePeriodStart');
}

function layoutOf(detection: Detection): AzureLayout {
  return detection.format === 'azure-mca' ? 'mca' : detection.format === 'azure-usage-legacy' ? 'legacy' : 'ea';
}

function createMapper(file: string, header: string[], detection: Detection): RowMapper {
  return new AzureCostMapper(file, header, detection, layoutOf(detection));
}

export const azureCostExportImporter: TableImporter = {
  kind: 'table',
  id: 'azure',
  label: 'Azure cost export (EA, MCA)',
  detect(header) {
    const h = indexHeader(header);
    if (isFocus(h) || h.has('PreTaxCost')) return null;
    if (COST_EXPORT.some((n) => !h.has(n)) || count(h, COSTS) === 0 || count(h, CURRENCY) === 0) return null;
    const camel = header.some((n) => CAMEL.has(n.trim()));
    const layout: AzureLayout = camel || count(h, MCA_ONLY) > 0 ? 'mca' : 'ea';
    return {
      format: `azure-${layout}`,
      version: null,
      label: AZURE_LABELS[layout],
      sourceKind: 'invoice',
      score: 40 + count(h, HINTS) + count(h, MCA_ONLY),
    };
  },
  missingColumns(header) {
    const h = indexHeader(header);
    if (isFocus(h) || count(h, LEGACY) > 0 || count(h, AZURE_WORDS) < 3) return [];
    const missing = COST_EXPORT.filter((n) => !h.has(n));
    if (count(h, COSTS) === 0) missing.push('Cost or CostInBillingCurrency');
    if (count(h, CURRENCY) === 0) missing.push('BillingCurrency');
    return missing;
  },
  createMapper,
};

export const azureUsageDetailsImporter: TableImporter = {
  kind: 'table',
  id: 'azure-usage-details',
  label: AZURE_LABELS.legacy,
  detect(header) {
    const h = indexHeader(header);
    if (isFocus(h) || LEGACY.some((n) => !h.has(n)) || count(h, CURRENCY) === 0) return null;
    return {
      format: 'azure-usage-legacy',
      version: null,
      label: AZURE_LABELS.legacy,
      sourceKind: 'invoice',
      score: 40 + count(h, LEGACY_HINTS),
    };
  },
  missingColumns(header) {
    const h = indexHeader(header);
    if (isFocus(h) || count(h, LEGACY) === 0) return [];
    const missing = LEGACY.filter((n) => !h.has(n));
    if (count(h, CURRENCY) === 0) missing.push('Currency');
    return missing;
  },
  createMapper,
};
