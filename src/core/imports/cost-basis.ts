import type { Workspace } from '../db/workspace';
import { monthKey } from './dates';

/**
 * Actual and amortized exports of the same source and period (Azure writes both from one
 * billing account) hold the same spend twice. Only the actual-cost file counts as invoiced; the
 * amortized one is kept as a usage source (its rows still feed usage views). Runs after an import
 * is committed. Returns what it did, for the import's warnings.
 */
export function settleCostBasis(ws: Workspace, importId: number): string[] {
  const found = ws.db.exec(
    "SELECT source_key, format_version, period_start, period_end FROM imports WHERE id = ? AND state = 'committed'",
    [importId],
  );
  if (!found.length) return [];
  const [key, version, start, end] = found[0].values[0];
  if ((version !== 'actual' && version !== 'amortized') || key === null || start === null) return [];
  const [format, , accounts] = splitKey(String(key));
  const twinKey = `${format}|${version === 'actual' ? 'amortized' : 'actual'}|${accounts}`;
  const twins = ws.db
    .exec(
      "SELECT id, file_name, period_start, period_end FROM imports WHERE source_key = ? AND state = 'committed' AND id <> ?",
      [twinKey, importId],
    )[0]
    ?.values.filter((v) => monthKey(Number(v[2])) === monthKey(Number(start)) && monthKey(Number(v[3])) === monthKey(Number(end)));
  if (!twins?.length) return [];
  const names = twins.map((t) => `#${t[0]} (${String(t[1])})`).join(', ');
  if (version === 'amortized') {
    ws.db.run("UPDATE imports SET source_kind = 'usage' WHERE id = ?", [importId]);
    return [`An actual-cost export of the same period is imported too (${names}): this amortized file is not added to invoiced totals.`];
  }
  for (const t of twins) ws.db.run("UPDATE imports SET source_kind = 'usage' WHERE id = ?", [t[0]]);
  return [`An amortized export of the same period was imported before (${names}): it is no longer added to invoiced totals, this actual-cost file is.`];
}

function splitKey(key: string): [string, string, string] {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)];
}
