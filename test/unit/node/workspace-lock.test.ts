import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../../../src/shared/errors';
import { acquireWorkspaceLock } from '../../../src/node/workspace-file';
import type { WorkspaceLock } from '../../../src/node/workspace-file';

let dir: string;
let workspace: string;
const held: WorkspaceLock[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'costbook-lock-'));
  workspace = join(dir, 'team.costbook');
});

afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  rmSync(dir, { recursive: true, force: true });
});

function take(path = workspace, staleMs?: number): WorkspaceLock {
  const lock = acquireWorkspaceLock(path, { staleMs });
  held.push(lock);
  return lock;
}

function lockError(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected the lock to be refused');
}

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? 999_999;
}

function plantLock(owner: Record<string, unknown>, ageMs = 0): void {
  const lockPath = `${workspace}.lock`;
  mkdirSync(lockPath);
  writeFileSync(join(lockPath, 'owner.json'), JSON.stringify(owner));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    utimesSync(join(lockPath, 'owner.json'), then, then);
    utimesSync(lockPath, then, then);
  }
}

describe('acquireWorkspaceLock', () => {
  it('writes who holds the lock', () => {
    const lock = take();
    const owner: unknown = JSON.parse(readFileSync(join(`${workspace}.lock`, 'owner.json'), 'utf8'));
    expect(owner).toMatchObject({ host: hostname(), pid: process.pid });
    expect(owner).toHaveProperty('user');
    expect(owner).toHaveProperty('startedAt');
    expect(lock.isHeld()).toBe(true);
  });

  it('refuses a second writer with workspace/locked and names the holder', () => {
    take();
    const error = lockError(() => take());
    expect(error.code).toBe('workspace/locked');
    expect(error.details.holder).toMatchObject({ host: hostname(), pid: process.pid });
    expect(error.message).toContain(`pid ${process.pid}`);
  });

  it('release removes the lock so the next writer gets it', () => {
    const first = take();
    first.release();
    expect(existsSync(`${workspace}.lock`)).toBe(false);
    expect(first.isHeld()).toBe(false);
    expect(take().isHeld()).toBe(true);
  });

  it('takes over a lock left by a dead process on this host', () => {
    plantLock({ host: hostname(), pid: deadPid(), user: 'ana', startedAt: '2025-01-01T00:00:00Z', token: 'old' });
    const lock = take();
    expect(lock.isHeld()).toBe(true);
    expect(JSON.parse(readFileSync(join(`${workspace}.lock`, 'owner.json'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
  });

  it('respects a fresh lock from another host, whose pid it cannot check', () => {
    plantLock({ host: 'other-machine', pid: 4242, user: 'ana', startedAt: '2025-01-01T00:00:00Z', token: 't' });
    const error = lockError(() => take());
    expect(error.code).toBe('workspace/locked');
    expect(error.message).toContain('ana@other-machine');
  });

  it('takes over a lock nobody refreshed for longer than the stale limit', () => {
    plantLock({ host: 'other-machine', pid: 4242, user: 'ana', startedAt: '2025-01-01T00:00:00Z', token: 't' }, 60_000);
    expect(take(workspace, 10_000).isHeld()).toBe(true);
  });

  it('treats a half-created lock (no owner file yet) as held while it is fresh', () => {
    mkdirSync(`${workspace}.lock`);
    expect(lockError(() => take()).code).toBe('workspace/locked');
  });

  it('notices when another process took the lock over, and then leaves its lock alone', () => {
    const lock = take();
    // Simulate a takeover by another process (e.g. after this one was frozen past the stale limit).
    writeFileSync(join(lock.lockPath, 'owner.json'), JSON.stringify({ host: 'x', pid: 1, token: 'theirs' }));
    expect(lock.isHeld()).toBe(false);
    lock.release();
    expect(existsSync(lock.lockPath)).toBe(true);
  });
});
