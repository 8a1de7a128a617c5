import type { ImportFileResult, WorkspaceInfo } from '../../shared/contract';
import { createWorkspace, openWorkspace, type Workspace } from '../db/workspace';
import { SCHEMA_VERSION } from '../db/migrations';
import { saveDemoRules } from '../demo/allocation-rules';
import { generateDemoFiles } from '../demo/generate-demo';
import { removeImportRows } from '../imports/remove';
import { applyPricing } from '../pricing/apply';
import { bytesSource } from '../imports/sources';
import type { EngineState, Register } from '../engine';
import { importAll } from './imports';

export function workspaceInfo(ws: Workspace): WorkspaceInfo {
  const r = ws.db.exec(
    `SELECT (SELECT coalesce(sum(row_count), 0) FROM imports WHERE state = 'committed'),
            (SELECT count(*) FROM imports WHERE state = 'committed')`,
  )[0].values[0];
  return {
    name: ws.name,
    schemaVersion: SCHEMA_VERSION,
    createdAt: ws.createdAt,
    chargeRows: Number(r[0]),
    importCount: Number(r[1]),
  };
}

/** Imports staged for review but never committed (the app closed first) are dropped on open. */
function discardStaged(ws: Workspace): void {
  const staged = ws.db.exec("SELECT id FROM imports WHERE state = 'staged'");
  if (!staged.length) return;
  ws.db.run('BEGIN');
  for (const [id] of staged[0].values) removeImportRows(ws, Number(id));
  ws.db.run('COMMIT');
}

/** Rows imported before the price catalog existed (an older workspace) are priced once on open. */
function priceUnpriced(ws: Workspace): void {
  ws.db.run('BEGIN');
  try {
    applyPricing(ws, 'missing');
    ws.db.run('COMMIT');
    ws.strings.commit();
  } catch (e) {
    ws.db.run('ROLLBACK');
    ws.strings.rollback();
    throw e;
  }
}

/** The demo covers the three whole months before the clock's month. */
export function demoEndMonth(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function registerWorkspaceHandlers(register: Register, state: EngineState): void {
  const replace = (ws: Workspace): WorkspaceInfo => {
    state.workspace?.close();
    state.workspace = ws;
    return workspaceInfo(ws);
  };

  register('workspace/create', async ({ name }) => replace(createWorkspace(state.host.sqlite, name, state.host.clock)));

  // A workspace that fails to open leaves the one already open untouched.
  register('workspace/open', async ({ name, bytes }) => {
    const ws = openWorkspace(state.host.sqlite, name, bytes, state.host.clock);
    discardStaged(ws);
    priceUnpriced(ws);
    return replace(ws);
  });

  register('workspace/export', async () => ({ bytes: state.requireWorkspace().db.export() }));

  register('workspace/info', async () => (state.workspace ? workspaceInfo(state.workspace) : null));

  register('workspace/close', async () => {
    state.workspace?.close();
    state.workspace = null;
    return null;
  });

  register('workspace/demo', async ({ seed = 42, months = 3 }, ctx) => {
    const ws = state.requireWorkspace();
    const encoder = new TextEncoder();
    const demo = { seed, months, endMonth: demoEndMonth(state.host.clock.now()) };
    const files = generateDemoFiles(demo);
    const sources = files.map((f) => bytesSource(f.name, encoder.encode(f.text)));
    const results: ImportFileResult[] = await importAll(state, ws, sources, ctx);
    if (saveDemoRules(ws, state.host.clock, demo) !== null) state.host.emit('db/changed', { tables: ['allocation_rules'] });
    return { files: results, info: workspaceInfo(ws) };
  });
}
