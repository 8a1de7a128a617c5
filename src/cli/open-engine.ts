import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import initSqlJs from 'sql.js';
import { EngineError } from '../shared/errors';
import { createEngine, type Engine } from '../core/engine';
import { nodeSha256 } from '../node/sha256';
import { nodeReadRemote } from '../node/reader-thread';
import { readWorkspaceFile } from '../node/workspace-file';

/** The engine with the workspace file opened (or a new one when allowed and there is none). */
export async function openEngine(workspacePath: string, createIfMissing: boolean): Promise<Engine> {
  const SQL = await initSqlJs();
  const engine = createEngine({
    sqlite: SQL,
    clock: { now: () => new Date() },
    emit: () => undefined,
    sha256: nodeSha256,
    // Large files are read on a second thread (out/cli/reader.mjs, bundled beside this file).
    readRemote: nodeReadRemote(new URL('./reader.mjs', import.meta.url)),
  });
  const name = basename(workspacePath).replace(/\.costbook$/, '');
  if (existsSync(workspacePath)) {
    await engine.call('workspace/open', { name: basename(workspacePath), bytes: await readWorkspaceFile(workspacePath) });
  } else if (createIfMissing) {
    await engine.call('workspace/create', { name });
  } else {
    throw new EngineError('workspace/none-open', `No workspace at ${workspacePath}.`, { file: workspacePath });
  }
  return engine;
}
