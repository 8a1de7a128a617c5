/**
 * An advisory write lock beside the workspace file, so a second app instance, another user on a
 * shared drive, or a CLI run cannot write the same workspace (reliability.md §3.5).
 *
 * The lock is a directory `<file>.lock/` (mkdir is atomic, also on network drives) holding
 * owner.json with who holds it. The holder touches owner.json regularly; a lock whose holder is a
 * dead process on this host, or that nobody touched for `staleMs`, is taken over.
 */
import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { EngineError } from '../shared/errors';

export type LockOwner = { host: string; pid: number; user: string; startedAt: string; token: string };

export type WorkspaceLock = {
  readonly workspacePath: string;
  readonly lockPath: string;
  readonly owner: LockOwner;
  /** False once released, or when another process took the lock over (then stop saving). */
  isHeld(): boolean;
  release(): void;
};

export type WorkspaceLockOptions = {
  /** A lock nobody refreshed for this long is considered abandoned. */
  staleMs?: number;
};

/**
 * Long enough that a slow synchronous step in the holder (a large export) cannot make its lock look
 * abandoned; a crash on this host is detected at once through the pid instead.
 */
export const DEFAULT_LOCK_STALE_MS = 120_000;

const OWNER_FILE = 'owner.json';
const MAX_ATTEMPTS = 4;

function errno(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(lockPath, OWNER_FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const field = (key: string): unknown => Reflect.get(parsed, key);
    const host = field('host');
    const pid = field('pid');
    if (typeof host !== 'string' || typeof pid !== 'number') return null;
    const text = (key: string, fallback: string) => {
      const v = field(key);
      return typeof v === 'string' ? v : fallback;
    };
    return { host, pid, user: text('user', 'unknown'), startedAt: text('startedAt', ''), token: text('token', '') };
  } catch {
    return null;
  }
}

/** Last sign of life: owner.json's mtime, or the directory's while owner.json is being written. */
function lastTouchedMs(lockPath: string): number | null {
  for (const p of [join(lockPath, OWNER_FILE), lockPath]) {
    try {
      return statSync(p).mtimeMs;
    } catch {
      // try the next one
    }
  }
  return null;
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return errno(e) === 'EPERM';
  }
}

function isStale(owner: LockOwner | null, touchedMs: number, staleMs: number): boolean {
  if (Date.now() - touchedMs > staleMs) return true;
  return owner !== null && owner.host === hostname() && !isPidAlive(owner.pid);
}

/**
 * Moves an abandoned lock out of the way, then checks that what was moved is the lock judged
 * stale: another process may have taken it over in between, and its fresh lock must survive.
 */
function takeOver(lockPath: string, staleToken: string | undefined): void {
  const grave = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, grave);
  } catch {
    return; // already gone or moved by someone else: just retry mkdir
  }
  const moved = readOwner(grave);
  if ((moved?.token || undefined) !== staleToken) {
    try {
      renameSync(grave, lockPath);
    } catch {
      // A newer lock already sits there; the one we moved was not ours to delete anyway.
    }
    return;
  }
  rmSync(grave, { recursive: true, force: true });
}

function lockedError(workspacePath: string, owner: LockOwner | null): EngineError {
  const who = owner
    ? `${owner.user}@${owner.host} (pid ${owner.pid}, since ${owner.startedAt})`
    : 'another process that is opening it right now';
  return new EngineError('workspace/locked', `${basename(workspacePath)} is already open for writing by ${who}.`, {
    file: workspacePath,
    holder: owner,
  });
}

/** Takes the write lock of a workspace file or throws 'workspace/locked' naming the holder. */
export function acquireWorkspaceLock(workspacePath: string, options: WorkspaceLockOptions = {}): WorkspaceLock {
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const lockPath = `${workspacePath}.lock`;
  const owner: LockOwner = {
    host: hostname(),
    pid: process.pid,
    user: currentUser(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };

  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(lockPath);
      break;
    } catch (e) {
      if (errno(e) !== 'EEXIST') {
        throw new EngineError('workspace/locked', `Cannot lock ${basename(workspacePath)}: ${String(e)}`, {
          file: workspacePath,
          holder: null,
        });
      }
      const holder = readOwner(lockPath);
      const touched = lastTouchedMs(lockPath);
      if (touched !== null && !isStale(holder, touched, staleMs)) throw lockedError(workspacePath, holder);
      if (attempt >= MAX_ATTEMPTS) throw lockedError(workspacePath, holder);
      if (touched !== null) takeOver(lockPath, holder?.token || undefined);
    }
  }

  try {
    writeFileSync(join(lockPath, OWNER_FILE), JSON.stringify(owner, null, 2));
  } catch (e) {
    rmSync(lockPath, { recursive: true, force: true });
    throw new EngineError('workspace/locked', `Cannot lock ${basename(workspacePath)}: ${String(e)}`, {
      file: workspacePath,
      holder: null,
    });
  }

  let released = false;
  let compromised = false;
  const stillOurs = () => readOwner(lockPath)?.token === owner.token;

  const refresh = () => {
    if (!stillOurs()) {
      compromised = true;
      clearInterval(timer);
      return;
    }
    try {
      const now = new Date();
      utimesSync(join(lockPath, OWNER_FILE), now, now);
    } catch {
      // Transient (a network drive hiccup); the next tick tries again.
    }
  };
  const timer = setInterval(refresh, Math.max(1000, Math.floor(staleMs / 4)));
  // The lock must not keep a CLI process alive.
  timer.unref();

  const release = () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    process.off('exit', release);
    if (stillOurs()) rmSync(lockPath, { recursive: true, force: true });
  };
  // A process that exits without releasing (CLI error path) still leaves no lock behind.
  process.on('exit', release);

  return {
    workspacePath,
    lockPath,
    owner,
    isHeld: () => {
      if (released || compromised) return false;
      if (!stillOurs()) compromised = true;
      return !compromised;
    },
    release,
  };
}
