import { indexHeader, type HeaderIndex } from '../header';
import type { TableImporter } from '../types';
import { GcpBillingExportMapper } from './billing-export';
import { costColumn, GcpCostTableMapper } from './cost-table';

/**
 * Detection of Google Cloud billing files from their headers (formats.md §0 rows 8-9). Header
 * matching squashes separators, so `service.description` and `service_description` are one name;
 * the console's "Usage start date" and the export's `usage_start_time` stay apart.
 */

const EXPORT = ['billing_account_id', 'service.description', 'sku.description', 'usage_start_time', 'cost'];
const EXPORT_HINTS = ['credits', 'labels', 'invoice.month', 'cost_type', 'cost_at_list', 'project.id', 'usage.amount', 'sku.id'];
const DETAILED = ['resource.name', 'resource.global_name'];
const TABLE = ['Billing account ID', 'Service description', 'SKU ID', 'Usage start date'];
const TABLE_HINTS = ['Credit type', 'Cost type', 'Project hierarchy', 'Project ID', 'SKU description', 'Usage amount'];

function count(h: HeaderIndex, names: string[]): number {
  return names.filter((n) => h.has(n)).length;
}

function isFocus(h: HeaderIndex): boolean {
  return h.has('BilledCost') && h.has('ChargePeriodStart');
}

/** Some flatteners write one row per credit (credits.amount, …), repeating the row's cost each time. */
function isRowPerCredit(h: HeaderIndex): boolean {
  return !h.has('credits') && (h.has('credits.amount') || h.has('credit.amount'));
}

export const gcpBillingExportImporter: TableImporter = {
  kind: 'table',
  id: 'gcp-billing-export',
  label: 'GCP billing export',
  detect(header) {
    const h = indexHeader(header);
    if (isFocus(h) || isRowPerCredit(h) || EXPORT.some((n) => !h.has(n)) || !h.has('currency')) return null;
    const detailed = count(h, DETAILED) > 0;
    return {
      format: 'gcp-billing-export',
      version: detailed ? 'detailed' : 'standard',
      label: 'GCP billing export',
      sourceKind: 'invoice',
      score: 40 + count(h, EXPORT_HINTS),
    };
  },
  missingColumns(header) {
    const h = indexHeader(header);
    if (isFocus(h) || !h.has('billing_account_id') || !h.has('usage_start_time')) return [];
    const missing = EXPORT.filter((n) => !h.has(n));
    if (!h.has('currency')) missing.push('currency');
    if (isRowPerCredit(h)) missing.push('credits (one list per row: the one-row-per-credit layout repeats each cost and is not read)');
    return missing;
  },
  createMapper(file, header) {
    return new GcpBillingExportMapper(file, header);
  },
};

export const gcpCostTableImporter: TableImporter = {
  kind: 'table',
  id: 'gcp-cost-table',
  label: 'GCP cost table (console)',
  detect(header) {
    const h = indexHeader(header);
    if (isFocus(h) || TABLE.some((n) => !h.has(n)) || costColumn(header) === null) return null;
    return {
      format: 'gcp-cost-table',
      version: null,
      label: 'GCP cost table (console)',
      sourceKind: 'invoice',
      score: 40 + count(h, TABLE_HINTS),
    };
  },
  missingColumns(header) {
    const h = indexHeader(header);
    if (isFocus(h) || !h.has('Billing account ID') || !h.has('Usage start date')) return [];
    const missing = TABLE.filter((n) => !h.has(n));
    if (costColumn(header) === null) missing.push('Cost ($) or Unrounded Cost ($)');
    return missing;
  },
  createMapper(file, header) {
    return new GcpCostTableMapper(file, header);
  },
};
