import type { Workspace } from '../db/workspace';

/**
 * Deletes one import and exactly its rows, inside the caller's transaction. The id range uses the
 * primary key; the import id check makes sure no other row is touched. Returns the rows removed.
 */
export function removeImportRows(ws: Workspace, importId: number): number {
  const found = ws.db.exec('SELECT first_charge_id, last_charge_id FROM imports WHERE id = ?', [importId]);
  if (!found.length) return 0;
  const [first, last] = found[0].values[0];
  ws.db.run('DELETE FROM charges WHERE id BETWEEN ? AND ? AND x_ImportId = ?', [first ?? 0, last ?? -1, importId]);
  const removed = ws.db.getRowsModified();
  ws.db.run('DELETE FROM charge_totals WHERE import_id = ?', [importId]);
  ws.db.run('DELETE FROM imports WHERE id = ?', [importId]);
  return removed;
}
