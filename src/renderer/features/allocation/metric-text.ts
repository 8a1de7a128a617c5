import type { BusinessMetricImport } from '../../../shared/allocation-contract';
import { formatCount } from '../../format';

function rowsText(n: number): string {
  return n === 1 ? '1 row' : `${formatCount(n)} rows`;
}

/** "Imported 36 rows of headcount, 2026-05-01 to 2026-10-01". */
export function importedText(m: BusinessMetricImport): string {
  const span = m.firstDay === m.lastDay ? `for ${m.firstDay}` : `${m.firstDay} to ${m.lastDay}`;
  return `Imported ${rowsText(m.rows)} of ${m.metric}, ${span}`;
}

/** What a stored metric covers, under the picker: "Covers 2026-05-01 to 2026-10-01, 36 rows". */
export function coverageText(m: BusinessMetricImport): string {
  const span = m.firstDay === m.lastDay ? `${m.firstDay} only` : `${m.firstDay} to ${m.lastDay}`;
  return `Covers ${span}, ${rowsText(m.rows)}`;
}
