import { blankImportResult, type ByteSource, type ImportFileResult, type ImportOptions, type ImportRecord } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import type { CallContext, EngineState, Register } from '../engine';
import { isoDate } from '../imports/dates';
import { expandSource, importSource } from '../imports/pipeline';
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
    const r = ws.db.exec(`SELECT id, file_name, file_hash, file_size, format, format_label, row_count, period_start,
      period_end, billed_total, currency, imported_at, error_count, warnings, source_kind FROM imports ORDER BY id DESC`);
    return r.length ? r[0].values.map(toRecord) : [];
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
