import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelToken } from '../../../src/core/engine';
import { generateFocusBenchLines } from '../../../src/core/demo/bench-rows';
import { fileBlob } from '../../../src/node/file-blob';
import { nodeReadRemote } from '../../../src/node/reader-thread';
import { NODE_BUNDLE } from '../../../scripts/node-bundle.mjs';
import { fixturePath, testEngine } from '../helpers/engine';
import { chargesAsValues } from '../helpers/remote-read';

let dir = '';
let workerUrl: URL;
let focusPath = '';

beforeAll(async () => {
  // The reading thread as the CLI ships it: src/node/reader-worker.ts bundled for Node, inside the
  // project so that its packages resolve from node_modules.
  mkdirSync('out', { recursive: true });
  dir = mkdtempSync(join('out', 'reader-test-'));
  await build({ ...NODE_BUNDLE, entryPoints: ['src/node/reader-worker.ts'], outfile: join(dir, 'reader.mjs') });
  workerUrl = pathToFileURL(resolve(dir, 'reader.mjs'));
  focusPath = join(dir, 'focus-20k.csv');
  writeFileSync(focusPath, [...generateFocusBenchLines({ rows: 20_000, seed: 11, startMonth: '2026-07' })].join(''));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onDisk = (path: string) => ({ name: path.split('/').pop() as string, size: statSync(path).size, file: fileBlob(path) });

describe('the CLI reading files on a Node worker thread', () => {
  it('stores what the engine stores reading the files itself', async () => {
    const files = () => [onDisk(focusPath), onDisk(fixturePath('aws-cur2-bedrock/cur2_bedrock_subset.csv'))];
    const here = await testEngine();
    const there = await testEngine({ readRemote: nodeReadRemote(workerUrl, 0) });
    const a = await here.engine.call('import/files', { files: files() });
    const b = await there.engine.call('import/files', { files: files() });
    expect(a.map((r) => [r.status, r.rows])).toEqual([
      ['imported', 20_000],
      ['imported', expect.any(Number)],
    ]);
    expect(b).toEqual(a);
    expect(await chargesAsValues(there.engine)).toEqual(await chargesAsValues(here.engine));
    // The engine thread hashed the files while the reading thread read them: the same hashes.
    const hashes = async (e: typeof here) => (await e.engine.call('import/history', {})).map((h) => h.fileHash);
    expect(await hashes(there)).toEqual(await hashes(here));
    const [again] = await there.engine.call('import/files', { files: [onDisk(focusPath)] });
    expect(again.status).toBe('skipped');
  });

  it('a cancel part-way stops the thread; the workspace stays as it was', async () => {
    const token = new CancelToken();
    const there = await testEngine({
      readRemote: nodeReadRemote(workerUrl, 0),
      emit: (name, payload) => {
        if (name === 'import/progress' && (payload as { rows: number }).rows > 0) token.cancel();
      },
    });
    const [r] = await there.engine.call('import/files', { files: [onDisk(focusPath)] }, token);
    expect(r.status).toBe('cancelled');
    expect(await there.engine.call('import/history', {})).toEqual([]);
    expect(await chargesAsValues(there.engine)).toEqual([]);
  });

  it('without the bundled thread, there is no reader and the engine reads the file itself', () => {
    expect(nodeReadRemote(new URL('./missing-reader.mjs', workerUrl))).toBeUndefined();
  });
});
