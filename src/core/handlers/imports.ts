import { blankImportResult, type ByteSource, type ImportFileResult, type ImportOptions, type ImportRecord } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import type { CallContext, EngineState, Register } from '../engine';
import { isoDate } from '../imports/dates';
import { listFormats } from '../imports/formats';
import { expandSource, importSource, sameSourceAndPeriod } from '../imports/pipeline';
import { settleCostBasis } from '../imports/cost-basis';
import { profileImporters } from '../imports/mapping-profiles';
import { removeImportRows } from '../imports/remove';
import { blobSource } from '../imports/sources';

/**
 * Imports files one after another, each in its own transaction; archives are unpacked and each
 * file inside is imported on its own. Stops at a cancel.
 */
export async function importAll(
  state: EngineState,
  ws: Workspace,
  sources: ByteSource[],
  ctx: CallContext,
  options: ImportOptions = {},
): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  const batchImportIds = new Set<number>();
  const cancelledResult = (file: string): ImportFileResult => ({
    ...blankImportResult(file),
    status: 'cancelled',
    error: new EngineError('import/cancelled', 'The import was cancelled; nothing was changed.').toPayload(),
  });
  for (let k = 0; k < sources.length; k++) {
    if (ctx.cancelled) {
      results.push(cancelledResult(sources[k].name));
      continue;
    }
    let files: ByteSource[];
    try {
      files = await expandSource(sources[k], () => ctx.throwIfCancelled());
    } catch (e) {
      const error = e instanceof EngineError ? e : new EngineError('engine/internal', String(e));
      results.push({ ...cancelledResult(sources[k].name), status: error.code === 'import/cancelled' ? 'cancelled' : 'failed', error: error.toPayload() });
      continue;
    }
    for (const file of files) {
      if (ctx.cancelled) {
        results.push(cancelledResult(file.name));
        continue;
      }
      const r = await importSource(ws, file, {
        clock: state.host.clock,
        sha256: state.host.sha256,
        readRemote: state.host.readRemote,
        throwIfCancelled: () => ctx.throwIfCancelled(),
        progress: (p) => state.host.emit('import/progress', p),
        fileIndex: k,
        fileCount: sources.length,
        batchImportIds,
      }, options);
      if (r.importId !== null) batchImportIds.add(r.importId);
      results.push(r);
      if (r.status === 'imported') state.host.emit('db/changed', { tables: ['charges', 'imports'] });
    }
  }
  return results;
}

const HISTORY_COLUMNS = `id, file_name, file_hash, file_size, format, format_label, row_count, period_start,
  period_end, billed_total, currency, imported_at, error_count, warnings, source_kind`;

function toRecord(row: unknown[]): ImportRecord {
  const [id, file, hash, size, format, label, rows, start, end, total, currency, importedAt, errors, warnings, kind] = row;
  return {
    id: Number(id),
    file: String(file),
    fileHash: String(hash),
    fileSize: Number(size),
    format: String(format),
    formatLabel: String(label),
    sourceKind: kind === 'usage' ? 'usage' : 'invoice',
    rows: Number(rows),
    periodStart: isoDate(start === null ? null : Number(start)),
    periodEnd: isoDate(end === null ? null : Number(end)),
    billedCost: String(total),
    currency: currency === null ? null : String(currency),
    importedAt: String(importedAt),
    errors: Number(errors),
    warnings: JSON.parse(String(warnings)) as string[],
  };
}

export function registerImportHandlers(register: Register, state: EngineState): void {
  register('import/files', async ({ files, options }, ctx) => {
    const ws = state.requireWorkspace();
    return importAll(state, ws, files.map(blobSource), ctx, options);
  });

  register('import/history', async () => {
    const ws = state.requireWorkspace();
    const r = ws.db.exec(`SELECT ${HISTORY_COLUMNS} FROM imports WHERE state = 'committed' ORDER BY id DESC`);
    return r.length ? r[0].values.map(toRecord) : [];
  });

  register('import/commit', async ({ decisions }) => {
    const ws = state.requireWorkspace();
    ws.db.run('BEGIN');
    try {
      const committed: number[] = [];
      for (const { importId, replace } of decisions) {
        const found = ws.db.exec(
          "SELECT source_key, period_start, period_end, file_name FROM imports WHERE id = ? AND state = 'staged'",
          [importId],
        );
        if (!found.length) throw new EngineError('import/not-found', `There is no import #${importId} waiting for review.`, { importId });
        const [key, start, end, file] = found[0].values[0];
        const replaces =
          key === null || start === null ? [] : sameSourceAndPeriod(ws, String(key), Number(start), Number(end), importId);
        if (replaces.length && replace === undefined) {
          throw new EngineError('import/needs-decision', `${String(file)} covers the same source and period as an earlier import: replace it or keep both.`, {
            file: String(file),
            importId,
            replaces: replaces.map((r) => r.importId),
          });
        }
        if (replace === true) for (const old of replaces) removeImportRows(ws, old.importId);
        ws.db.run("UPDATE imports SET state = 'committed' WHERE id = ?", [importId]);
        const notes = settleCostBasis(ws, importId);
        if (notes.length) {
          const old = JSON.parse(String(ws.db.exec('SELECT warnings FROM imports WHERE id = ?', [importId])[0].values[0][0])) as string[];
          ws.db.run('UPDATE imports SET warnings = ? WHERE id = ?', [JSON.stringify([...old, ...notes]), importId]);
        }
        committed.push(importId);
      }
      // No pricing here: staged rows were priced as they were written, and every override saved
      // or deleted since has re-priced them with the rest.
      ws.db.run('COMMIT');
      ws.strings.commit();
      state.host.emit('db/changed', { tables: ['charges', 'imports'] });
      const r = ws.db.exec(
        `SELECT ${HISTORY_COLUMNS} FROM imports WHERE id IN (${committed.map(() => '?').join(',') || 'NULL'}) ORDER BY id DESC`,
        committed,
      );
      return r.length ? r[0].values.map(toRecord) : [];
    } catch (e) {
      ws.db.run('ROLLBACK');
      // Pricing may have added strings inside the transaction: forget them with it.
      ws.strings.rollback();
      throw e;
    }
  });

  register('import/discard', async ({ importIds }) => {
    const ws = state.requireWorkspace();
    ws.db.run('BEGIN');
    try {
      let removedRows = 0;
      for (const id of importIds) {
        if (ws.db.exec("SELECT 1 FROM imports WHERE id = ? AND state = 'staged'", [id]).length) removedRows += removeImportRows(ws, id);
      }
      ws.db.run('COMMIT');
      return { removedRows };
    } catch (e) {
      ws.db.run('ROLLBACK');
      throw e;
    }
  });

  register('import/formats', async () => {
    const mappings = profileImporters(state.requireWorkspace()).map((i) => ({ id: i.id, label: i.label ?? i.id, kind: i.kind }));
    return [...listFormats(), ...mappings];
  });

  register('import/remove', async ({ importId }) => {
    const ws = state.requireWorkspace();
    if (!ws.db.exec('SELECT 1 FROM imports WHERE id = ?', [importId]).length) {
      throw new EngineError('import/not-found', `There is no import #${importId}.`, { importId });
    }
    ws.db.run('BEGIN');
    try {
      const removedRows = removeImportRows(ws, importId);
      ws.db.run('COMMIT');
      state.host.emit('db/changed', { tables: ['charges', 'imports'] });
      return { removedRows };
    } catch (e) {
      ws.db.run('ROLLBACK');
      throw e;
    }
  });
}
