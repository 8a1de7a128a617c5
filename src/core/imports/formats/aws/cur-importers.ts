import { indexHeader } from '../header';
import type { Detection, RowMapper, TableImporter } from '../types';
import { plainName, type CurLayout } from './cur-columns';
import { CurMapper } from './cur-mapper';

/**
 * The three layouts of the AWS Cost and Usage Report, told apart by how the header is spelled
 * (formats.md §0 rows 2-4):
 *   legacy CUR CSV   `lineItem/UnblendedCost`, `lineItem/UsageStartDate` (slash style)
 *   Athena/Parquet   `line_item_unblended_cost`, `line_item_usage_start_date`, none of the CUR 2.0 columns
 *   CUR 2.0          the same snake_case plus `bill_payer_account_name`, `line_item_usage_account_name`
 *                    or the single map columns `product` / `resource_tags`
 * All are invoices: the unblended cost is what AWS bills.
 */

const LEGACY_REQUIRED = ['lineItem/UnblendedCost', 'lineItem/UsageStartDate'];
const SNAKE_REQUIRED = ['line_item_unblended_cost', 'line_item_usage_start_date'];
const CUR2_MARKERS = ['bill_payer_account_name', 'line_item_usage_account_name', 'product', 'resource_tags'];
const LEGACY_HINTS = ['identity/LineItemId', 'bill/PayerAccountId', 'lineItem/LineItemType', 'product/ProductName', 'lineItem/UsageAccountId'];
const SNAKE_HINTS = ['identity_line_item_id', 'bill_payer_account_id', 'line_item_line_item_type', 'line_item_usage_account_id', 'line_item_product_code'];

function plainNames(header: string[]): Set<string> {
  return new Set(header.map(plainName));
}

const count = (names: Set<string>, wanted: string[]): number => wanted.filter((w) => names.has(w.toLowerCase())).length;

/** A FOCUS file stays FOCUS even when a generator adds AWS-flavoured columns to it. */
function isFocus(header: string[]): boolean {
  const h = indexHeader(header);
  return h.has('BilledCost') && h.has('ChargePeriodStart');
}

function layoutOf(header: string[]): CurLayout | null {
  if (isFocus(header)) return null;
  const names = plainNames(header);
  if (count(names, LEGACY_REQUIRED) === LEGACY_REQUIRED.length) return 'legacy';
  if (count(names, SNAKE_REQUIRED) < SNAKE_REQUIRED.length) return null;
  return count(names, CUR2_MARKERS) > 0 ? 'cur2' : 'athena';
}

const LABELS: Record<CurLayout, { format: string; version: string | null; label: string; hints: string[] }> = {
  legacy: { format: 'aws-cur', version: null, label: 'AWS CUR (legacy)', hints: LEGACY_HINTS },
  athena: { format: 'aws-cur-athena', version: null, label: 'AWS CUR (Athena)', hints: SNAKE_HINTS },
  cur2: { format: 'aws-cur2', version: '2.0', label: 'AWS CUR 2.0', hints: SNAKE_HINTS },
};

function curImporter(layout: CurLayout): TableImporter {
  const { format, version, label, hints } = LABELS[layout];
  const required = layout === 'legacy' ? LEGACY_REQUIRED : SNAKE_REQUIRED;
  return {
    kind: 'table',
    id: format,
    detect(header: string[]): Detection | null {
      if (layoutOf(header) !== layout) return null;
      // Above FOCUS's best (31) so that nothing generic outbids a header that names CUR columns.
      return { format, version, label, sourceKind: 'invoice', score: 40 + count(plainNames(header), hints) };
    },
    missingColumns(header: string[]): string[] {
      if (isFocus(header)) return [];
      const names = plainNames(header);
      // Only a header that looks like this layout at all earns a "missing columns" answer.
      if (count(names, hints) < 2) return [];
      if (layout === 'cur2' && count(names, CUR2_MARKERS) === 0) return [];
      if (layout === 'athena' && count(names, CUR2_MARKERS) > 0) return [];
      return required.filter((r) => !names.has(r.toLowerCase()));
    },
    createMapper(file: string, header: string[]): RowMapper {
      return new CurMapper(file, header, layout);
    },
  };
}

export const awsCurLegacyImporter = curImporter('legacy');
export const awsCurAthenaImporter = curImporter('athena');
export const awsCur2Importer = curImporter('cur2');
