import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { promises as fsp, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../../../src/shared/errors';
import type { ErrorCode } from '../../../src/shared/errors';
import {
  checkWorkspaceImage,
  cleanStaleTempFiles,
  COSTBOOK_APPLICATION_ID,
  readWorkspaceFile,
  writeWorkspaceFileAtomic,
} from '../../../src/node/workspace-file';
import { costbookImage, foreignSqliteImage, inspectImage } from './sqlite-images';

let dir: string;
let good: Uint8Array;

beforeAll(async () => {
  good = await costbookImage(1);
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'costbook-file-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<ErrorCode | 'no error'> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

/** Bytes and mtime, to prove a refused file was not touched. */
function snapshot(path: string) {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

function entries(): string[] {
  return readdirSync(dir).sort();
}

describe('checkWorkspaceImage', () => {
  it('accepts a sql.js image that carries our application_id', () => {
    expect(COSTBOOK_APPLICATION_ID).toBe(0x436f5342);
    expect(() => checkWorkspaceImage(good)).not.toThrow();
  });

  it('names the reason for each kind of bad image', async () => {
    const truncated = good.subarray(0, good.length - 100);
    const csv = new TextEncoder().encode('BilledCost,ServiceName\n1.00,Bedrock\n');
    expect(await codeOf(() => checkWorkspaceImage(new Uint8Array(0)))).toBe('workspace/empty-file');
    expect(await codeOf(() => checkWorkspaceImage(csv))).toBe('workspace/not-sqlite');
    expect(await codeOf(() => checkWorkspaceImage(truncated))).toBe('workspace/truncated');
    expect(await codeOf(() => checkWorkspaceImage(good.subarray(0, 50)))).toBe('workspace/truncated');
    const foreign = await foreignSqliteImage();
    expect(await codeOf(() => checkWorkspaceImage(foreign))).toBe('workspace/not-costbook');
  });

  it('puts the file name in the message', () => {
    expect(() => checkWorkspaceImage(new Uint8Array(0), '/data/march.costbook')).toThrow(/march\.costbook/);
  });
});

describe('save and open', () => {
  it('round-trips a real workspace image', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    const back = await readWorkspaceFile(target);
    expect(Buffer.from(back).equals(Buffer.from(good))).toBe(true);
    expect(await inspectImage(back)).toEqual({ quickCheck: 'ok', generation: 1 });
    expect(entries()).toEqual(['team.costbook']);
  });

  it('keeps the previous version in .bak', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    await writeWorkspaceFileAtomic(target, await costbookImage(2));
    expect((await inspectImage(readFileSync(target))).generation).toBe(2);
    expect((await inspectImage(readFileSync(`${target}.bak`))).generation).toBe(1);
    await writeWorkspaceFileAtomic(target, await costbookImage(3));
    expect((await inspectImage(readFileSync(`${target}.bak`))).generation).toBe(2);
    expect(entries()).toEqual(['team.costbook', 'team.costbook.bak']);
  });

  it('does not let a damaged current file replace a good backup', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    await writeWorkspaceFileAtomic(target, await costbookImage(2));
    writeFileSync(target, 'garbage');
    await writeWorkspaceFileAtomic(target, await costbookImage(3));
    expect((await inspectImage(readFileSync(`${target}.bak`))).generation).toBe(1);
  });

  it('refuses to write a bad image and leaves the last good file byte-identical', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    const before = snapshot(target);
    for (const bad of [new Uint8Array(0), good.subarray(0, 4096), await foreignSqliteImage()]) {
      expect(await codeOf(writeWorkspaceFileAtomic(target, bad))).toBe('workspace/save-failed');
    }
    expect(snapshot(target)).toEqual(before);
    expect(entries()).toEqual(['team.costbook']);
  });

  it('fails cleanly when the backup cannot be written, leaving the target and no temp file', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    const before = snapshot(target);
    // A non-empty directory where the backup goes: rename onto it fails on every OS.
    mkdirSync(join(`${target}.bak`, 'blocker'), { recursive: true });
    expect(await codeOf(writeWorkspaceFileAtomic(target, await costbookImage(2)))).toBe('workspace/save-failed');
    expect(snapshot(target)).toEqual(before);
    expect(entries()).toEqual(['team.costbook', 'team.costbook.bak']);
  });

  it('fails cleanly when the target path is a directory', async () => {
    const target = join(dir, 'team.costbook');
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(await codeOf(writeWorkspaceFileAtomic(target, good))).toBe('workspace/save-failed');
    expect(entries()).toEqual(['team.costbook']);
  });

  it('fails cleanly when the directory does not exist', async () => {
    const target = join(dir, 'missing', 'team.costbook');
    expect(await codeOf(writeWorkspaceFileAtomic(target, good))).toBe('workspace/save-failed');
  });

  it('retries a transient EPERM/EBUSY from rename (Windows indexers) and succeeds', async () => {
    const target = join(dir, 'team.costbook');
    const realRename = fsp.rename.bind(fsp);
    let failures = 0;
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (String(to) === target && failures < 2) {
        failures++;
        throw Object.assign(new Error(failures === 1 ? 'EPERM: operation not permitted' : 'EBUSY'), {
          code: failures === 1 ? 'EPERM' : 'EBUSY',
        });
      }
      return realRename(from, to);
    });
    await writeWorkspaceFileAtomic(target, good);
    expect(failures).toBe(2);
    expect(Buffer.from(readFileSync(target)).equals(Buffer.from(good))).toBe(true);
  });

  it('gives up on a rename that keeps failing and keeps the old file', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    const before = snapshot(target);
    const realRename = fsp.rename.bind(fsp);
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (String(to) === target) throw Object.assign(new Error('EBUSY: resource busy'), { code: 'EBUSY' });
      return realRename(from, to);
    });
    expect(await codeOf(writeWorkspaceFileAtomic(target, await costbookImage(2)))).toBe('workspace/save-failed');
    expect(snapshot(target)).toEqual(before);
    expect(entries()).toEqual(['team.costbook', 'team.costbook.bak']);
  });

  it('removes the temp file when writing it fails (disk full)', async () => {
    const target = join(dir, 'team.costbook');
    await writeWorkspaceFileAtomic(target, good);
    const before = snapshot(target);
    const realOpen = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (path, flags, mode) => {
      const fh = await realOpen(path, flags, mode);
      if (flags === 'wx') {
        vi.spyOn(fh, 'write').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }));
      }
      return fh;
    });
    const code = await codeOf(writeWorkspaceFileAtomic(target, await costbookImage(2)));
    expect(code).toBe('workspace/save-failed');
    expect(snapshot(target)).toEqual(before);
    // The write failed before the backup step, so there is no backup either.
    expect(entries()).toEqual(['team.costbook']);
  });
});

describe('opening files that are not workspaces', () => {
  const cases: Array<[string, () => Promise<Uint8Array> | Uint8Array, ErrorCode]> = [
    ['an empty file', () => new Uint8Array(0), 'workspace/empty-file'],
    ['a CSV renamed to .costbook', () => new TextEncoder().encode('a,b\n1,2\n'), 'workspace/not-sqlite'],
    ['someone else’s SQLite file', foreignSqliteImage, 'workspace/not-costbook'],
    ['a workspace cut in half', async () => (await costbookImage(1, 256 * 1024)).subarray(0, 128 * 1024), 'workspace/truncated'],
  ];

  for (const [label, make, code] of cases) {
    it(`refuses ${label} with ${code} and leaves it untouched`, async () => {
      const path = join(dir, 'input.costbook');
      writeFileSync(path, await make());
      // An old mtime makes any write visible even on coarse-timestamp filesystems.
      utimesSync(path, new Date('2020-01-01'), new Date('2020-01-01'));
      const before = snapshot(path);
      expect(await codeOf(readWorkspaceFile(path))).toBe(code);
      expect(snapshot(path)).toEqual(before);
      expect(entries()).toEqual(['input.costbook']);
    });
  }

  it('reports a missing file without creating it', async () => {
    const path = join(dir, 'gone.costbook');
    const error = await readWorkspaceFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ details: { file: path, reason: 'ENOENT' } });
    expect(entries()).toEqual([]);
  });
});

describe('cleanStaleTempFiles', () => {
  it('removes only our own stale temp files', async () => {
    const old = new Date(Date.now() - 60 * 60 * 1000);
    const names = {
      staleOurs: '.team.costbook.tmp-1234-0123456789ab',
      freshOurs: '.team.costbook.tmp-1234-ba9876543210',
      otherWorkspace: '.other.costbook.tmp-1234-0123456789ab',
      lookalike: '.team.costbook.tmp-1234-0123456789ab.keep',
      userFile: 'team.costbook',
      backup: 'team.costbook.bak',
      regexBait: '.teamXcostbook.tmp-1234-0123456789ab',
    };
    for (const name of Object.values(names)) writeFileSync(join(dir, name), 'x');
    for (const name of Object.values(names)) {
      if (name !== names.freshOurs) utimesSync(join(dir, name), old, old);
    }
    const removed = await cleanStaleTempFiles(dir, 'team.costbook', 10 * 60 * 1000);
    expect(removed).toEqual([join(dir, names.staleOurs)]);
    expect(entries()).not.toContain(names.staleOurs);
    expect(entries()).toHaveLength(Object.keys(names).length - 1);
  });

  it('returns nothing for a folder that does not exist', async () => {
    expect(await cleanStaleTempFiles(join(dir, 'nope'), 'team.costbook', 0)).toEqual([]);
  });
});
