/**
 * A process killed with SIGKILL in the middle of a save must leave a workspace file that is either
 * the previous or the next generation, never a torn one (reliability.md §3.3, checklist C.18).
 * The saver runs in a child process built from the real src/node/workspace-file.ts with esbuild.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { checkWorkspaceImage, cleanStaleTempFiles, writeWorkspaceFileAtomic } from '../../../src/node/workspace-file';
import { costbookImage, inspectImage } from './sqlite-images';

const projectRoot = resolve(import.meta.dirname, '../../..');
const KILLS = 5;

let dir: string;
let saverScript: string;

const saverSource = `
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { writeWorkspaceFileAtomic } from './src/node/workspace-file';
const requireFromProject = createRequire(${JSON.stringify(join(projectRoot, 'package.json'))});
const initSqlJs = requireFromProject('sql.js');
const target = process.argv[2];
const SQL = await initSqlJs();
const db = new SQL.Database(readFileSync(target));
let n = Number(db.exec('SELECT n FROM gen')[0].values[0][0]);
for (;;) {
  n++;
  db.run('UPDATE gen SET n = ?', [n]);
  await writeWorkspaceFileAtomic(target, db.export());
  process.stdout.write('saved ' + n + '\\n');
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'costbook-sigkill-'));
  saverScript = join(dir, 'saver.mjs');
  await build({
    stdin: { contents: saverSource, resolveDir: projectRoot, loader: 'ts', sourcefile: 'saver.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: saverScript,
    logLevel: 'silent',
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the saver until it has saved at least once, kills it at a random moment, returns the last generation it reported. */
function saveUntilKilled(target: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [saverScript, target], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastSaved = -1;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/saved (\d+)/g)) lastSaved = Number(m[1]);
      if (!timer && lastSaved >= 0) {
        timer = setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 120);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`saver exited on its own (code ${code}): ${stderr}`));
      else done(lastSaved);
    });
  });
}

it('leaves the workspace valid after 5 SIGKILLs during saves', async () => {
  const target = join(dir, 'team.costbook');
  // Big enough (2 MiB) that a kill regularly lands inside a write.
  await writeWorkspaceFileAtomic(target, await costbookImage(0, 2 * 1024 * 1024));

  for (let round = 0; round < KILLS; round++) {
    const lastReported = await saveUntilKilled(target);
    const bytes = readFileSync(target);
    expect(() => checkWorkspaceImage(bytes, target)).not.toThrow();
    const { quickCheck, generation } = await inspectImage(bytes);
    expect(quickCheck).toBe('ok');
    // The kill may land after the rename but before the child reported it.
    expect([lastReported, lastReported + 1]).toContain(generation);
    const backup = readFileSync(`${target}.bak`);
    expect(() => checkWorkspaceImage(backup, `${target}.bak`)).not.toThrow();
  }

  await cleanStaleTempFiles(dir, 'team.costbook', 0);
  expect(readdirSync(dir).sort()).toEqual(['saver.mjs', 'team.costbook', 'team.costbook.bak']);
}, 30_000);
