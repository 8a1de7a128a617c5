/**
 * The workspace file on disk: byte-level checks, read, atomic save with a backup, and cleanup of
 * temp files a killed save left behind. Plain Node `fs`, no Electron: the desktop main process and
 * the CLI share it. The save protocol is reliability.md §3.3, the open checks §3.4.
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { EngineError } from '../shared/errors';
import type { ErrorCode } from '../shared/errors';

export { acquireWorkspaceLock, DEFAULT_LOCK_STALE_MS } from './workspace-lock';
export type { LockOwner, WorkspaceLock, WorkspaceLockOptions } from './workspace-lock';

/** "CoSB": written with `PRAGMA application_id`; the only thing that tells our file from any other SQLite file. */
export const COSTBOOK_APPLICATION_ID = 0x436f5342;

/** sql.js keeps the database in a WebAssembly heap capped at 2 GiB, so a larger file cannot be ours. */
export const MAX_WORKSPACE_BYTES = 2 ** 31 - 1;

const SQLITE_MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;
const READ_CHUNK = 16 * 1024 * 1024;
// Windows: an indexer or antivirus holding the target makes MoveFileEx fail for a moment.
const RENAME_RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800];

type HeaderProblem = { code: ErrorCode; why: string };

/** Checks the 100-byte header against the total length; `null` when it describes a Costbook image. */
function findHeaderProblem(header: Uint8Array, length: number): HeaderProblem | null {
  if (length === 0) return { code: 'workspace/empty-file', why: 'it is empty (0 bytes)' };
  for (let i = 0; i < SQLITE_MAGIC.length; i++) {
    if (header[i] !== SQLITE_MAGIC.charCodeAt(i)) {
      return { code: 'workspace/not-sqlite', why: 'it is not a SQLite database' };
    }
  }
  if (length < HEADER_BYTES || header.length < HEADER_BYTES) {
    return { code: 'workspace/truncated', why: `it is cut short (${length} bytes, less than one header)` };
  }
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    return { code: 'workspace/corrupt', why: `its header has an impossible page size (${rawPageSize})` };
  }
  if (pageSize * pageCount !== length) {
    return {
      code: 'workspace/truncated',
      why: `its header promises ${pageCount} pages of ${pageSize} bytes (${pageSize * pageCount} bytes) but it has ${length}`,
    };
  }
  const applicationId = view.getUint32(68);
  if (applicationId !== COSTBOOK_APPLICATION_ID) {
    return {
      code: 'workspace/not-costbook',
      why: `it is a SQLite database from another program (application_id 0x${applicationId.toString(16)})`,
    };
  }
  return null;
}

/**
 * Byte-level checks of a whole workspace image, before a save and after a read. sql.js itself
 * opens almost anything (a 0-byte file becomes an empty database), so this is the gate.
 */
export function checkWorkspaceImage(bytes: Uint8Array, file = 'workspace image'): void {
  const problem = findHeaderProblem(bytes.subarray(0, HEADER_BYTES), bytes.length);
  if (problem) {
    throw new EngineError(problem.code, `${file} is not a usable Costbook workspace: ${problem.why}.`, {
      file,
      size: bytes.length,
    });
  }
}

function errno(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads a workspace file and checks it. Opens read-only: never modifies, renames or deletes it. */
export async function readWorkspaceFile(path: string): Promise<Uint8Array> {
  let fh: FileHandle;
  try {
    fh = await fsp.open(path, 'r');
  } catch (e) {
    const code = errno(e) === 'ENOENT' ? 'workspace/not-found' : 'workspace/read-failed';
    throw new EngineError(code, `Cannot read ${path}: ${describe(e)}`, { file: path, reason: errno(e) });
  }
  try {
    const stat = await fh.stat();
    if (!stat.isFile()) {
      throw new EngineError('workspace/not-sqlite', `${path} is not a file.`, { file: path });
    }
    if (stat.size > MAX_WORKSPACE_BYTES) {
      throw new EngineError('workspace/corrupt', `${path} is larger than a workspace can be (2 GiB).`, {
        file: path,
        size: stat.size,
      });
    }
    const bytes = new Uint8Array(stat.size);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesRead } = await fh.read(bytes, offset, Math.min(READ_CHUNK, bytes.length - offset), offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    // A file that shrank while being read is judged by what was actually there.
    const image = offset === bytes.length ? bytes : bytes.subarray(0, offset);
    checkWorkspaceImage(image, path);
    return image;
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError('workspace/read-failed', `Cannot read ${path}: ${describe(e)}`, { file: path, reason: errno(e) });
  } finally {
    await fh.close();
  }
}

function tempPathFor(dir: string, name: string): string {
  return join(dir, `.${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tempPattern(name: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(name)}\\.tmp-\\d+-[0-9a-f]{12}$`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (e) {
      const code = errno(e);
      const transient = code === 'EPERM' || code === 'EBUSY';
      if (!transient || attempt >= RENAME_RETRY_DELAYS_MS.length) throw e;
      await sleep(RENAME_RETRY_DELAYS_MS[attempt]);
    }
  }
}

async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset, offset);
    offset += bytesWritten;
  }
}

/** Reads the header and size of the current target; null when there is no file there. */
async function readHeader(path: string): Promise<{ header: Uint8Array; size: number } | null> {
  let fh: FileHandle;
  try {
    fh = await fsp.open(path, 'r');
  } catch (e) {
    if (errno(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    const size = (await fh.stat()).size;
    const header = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await fh.read(header, 0, HEADER_BYTES, 0);
    return { header: header.subarray(0, bytesRead), size };
  } finally {
    await fh.close();
  }
}

/**
 * Copies the current file to `<path>.bak` (through a temp file, so a killed copy never leaves a
 * torn backup). Only a file that passes the header checks is kept: a damaged or foreign file must
 * not replace the good backup that the open protocol would offer to restore.
 */
async function backUpCurrent(path: string, dir: string, name: string): Promise<void> {
  const current = await readHeader(path);
  if (!current || findHeaderProblem(current.header, current.size)) return;
  const tmp = tempPathFor(dir, name);
  try {
    await fsp.copyFile(path, tmp);
    const fh = await fsp.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await renameWithRetry(tmp, `${path}.bak`);
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS metadata is journaled anyway.
  if (process.platform === 'win32') return;
  try {
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Best effort: the rename already happened, and some filesystems refuse a directory fsync.
  }
}

/**
 * Saves a workspace image: temp file beside the target, fsync, back up the previous version,
 * rename over the target, fsync the directory. Any failure leaves the target as it was and throws
 * 'workspace/save-failed'.
 */
export async function writeWorkspaceFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  try {
    checkWorkspaceImage(bytes, path);
  } catch (e) {
    const check = e instanceof EngineError ? e : undefined;
    throw new EngineError(
      'workspace/save-failed',
      `Refused to save ${path}: the image to write failed its check (${check?.message ?? describe(e)})`,
      { file: path, reason: check?.code },
    );
  }
  const dir = dirname(path);
  const name = basename(path);
  const tmp = tempPathFor(dir, name);
  let fh: FileHandle | undefined;
  try {
    fh = await fsp.open(tmp, 'wx');
    await writeAll(fh, bytes);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await backUpCurrent(path, dir, name);
    await renameWithRetry(tmp, path);
  } catch (e) {
    await fh?.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw new EngineError('workspace/save-failed', `Could not save ${path}: ${describe(e)}`, {
      file: path,
      reason: errno(e),
    });
  }
  await fsyncDirectory(dir);
}

/**
 * Removes temp files that a killed save of `name` left in `dir` (SIGKILL skips every cleanup).
 * Only our exact pattern, and only files older than `olderThanMs`, so a save in progress in another
 * process is left alone. Returns the removed paths.
 */
export async function cleanStaleTempFiles(dir: string, name: string, olderThanMs: number): Promise<string[]> {
  const pattern = tempPattern(name);
  let entries: string[];
  try {
    entries = await fsp.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const entry of entries) {
    if (!pattern.test(entry)) continue;
    const full = join(dir, entry);
    try {
      const stat = await fsp.lstat(full);
      if (!stat.isFile() || now - stat.mtimeMs < olderThanMs) continue;
      await fsp.rm(full);
      removed.push(full);
    } catch {
      // Vanished or not ours to remove: nothing to clean.
    }
  }
  return removed;
}
