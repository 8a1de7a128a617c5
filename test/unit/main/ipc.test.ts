import type { IpcSender as IpcSenderType } from '../../../src/main/ipc';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CostbookBridge } from '../../../src/shared/bridge';
import type { EngineErrorPayload } from '../../../src/shared/errors';
import { acquireWorkspaceLock } from '../../../src/node/workspace-file';
import { costbookImage } from '../node/sqlite-images';

vi.mock('electron', () => ({}));

const { createMenuCommandQueue, registerIpcHandlers } = await import('../../../src/main/ipc');
type IpcSender = IpcSenderType;
const { INVOKED_METHODS, MENU_READY_CHANNEL } = await import('../../../src/main/ipc-channels');
const { APP_ORIGIN } = await import('../../../src/main/origins');
const { WorkspaceSession } = await import('../../../src/main/workspace-session');

type Listener = (event: IpcSender, ...args: unknown[]) => unknown;
type Reply = { ok: true; value: unknown } | { ok: false; error: EngineErrorPayload };

const APP_FRAME = { senderFrame: { url: 'app://app/index.html' } };

let dir: string;
let image: Uint8Array;
let listeners: Map<string, Listener>;
const fakeDialogs = () => ({
  chooseNewPath: vi.fn<(name: string) => Promise<string | null>>(),
  chooseOpenPath: vi.fn<() => Promise<string | null>>(),
  chooseSaveAsPath: vi.fn<(name: string) => Promise<string | null>>(),
});
let dialogs: ReturnType<typeof fakeDialogs>;
let session: InstanceType<typeof WorkspaceSession>;
let onMenuReady: ReturnType<typeof vi.fn<() => void>>;
let channels: string[];

beforeAll(async () => {
  image = await costbookImage(1);
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'costbook-ipc-'));
  listeners = new Map();
  dialogs = fakeDialogs();
  session = new WorkspaceSession({ recentFile: join(dir, 'user-data', 'recent-workspaces.json') });
  onMenuReady = vi.fn<() => void>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => {
      if (listeners.has(channel)) throw new Error(`${channel} registered twice`);
      listeners.set(channel, listener);
    },
  };
  channels = registerIpcHandlers({ ipcMain, trustedOrigins: [APP_ORIGIN], workspace: session, dialogs, onMenuReady });
});

afterEach(() => {
  session.closeNow();
  rmSync(dir, { recursive: true, force: true });
});

function asReply(v: unknown): Reply {
  if (typeof v !== 'object' || v === null || typeof Reflect.get(v, 'ok') !== 'boolean') {
    throw new Error(`not an IpcReply: ${JSON.stringify(v)}`);
  }
  return Reflect.get(v, 'ok') ? { ok: true, value: Reflect.get(v, 'value') } : { ok: false, error: Reflect.get(v, 'error') };
}

async function invoke(method: string, args: unknown[], event: IpcSender = APP_FRAME): Promise<Reply> {
  const listener = listeners.get(`costbook:${method}`);
  if (!listener) throw new Error(`no handler for ${method}`);
  return asReply(await listener(event, ...args));
}

async function value(method: keyof CostbookBridge, ...args: unknown[]): Promise<unknown> {
  const reply = await invoke(method, args);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

describe('channels', () => {
  it('registers one costbook: channel per bridge method, plus the menu handshake', () => {
    expect(channels.sort()).toEqual([...INVOKED_METHODS.map((m) => `costbook:${m}`), MENU_READY_CHANNEL].sort());
    expect([...listeners.keys()].every((c) => c.startsWith('costbook:'))).toBe(true);
  });

  it('every channel rejects callers that are not the app page, before doing anything', async () => {
    const foreign = [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'app://app.evil/' } },
      { senderFrame: { url: 'file:///etc/passwd' } },
      { senderFrame: { url: 'about:blank' } },
      { senderFrame: null },
    ];
    for (const channel of listeners.keys()) {
      for (const event of foreign) {
        const reply = asReply(await listeners.get(channel)?.(event, new Uint8Array(0), 'x'));
        expect(reply.ok, `${channel} from ${JSON.stringify(event)}`).toBe(false);
      }
    }
    expect(dialogs.chooseOpenPath).not.toHaveBeenCalled();
    expect(dialogs.chooseNewPath).not.toHaveBeenCalled();
    expect(onMenuReady).not.toHaveBeenCalled();
  });
});

describe('argument validation', () => {
  const bad: Array<[string, unknown[]]> = [
    ['saveWorkspace', []],
    ['saveWorkspace', ['not bytes']],
    ['saveWorkspace', [[1, 2, 3]]],
    ['saveWorkspace', [image, 'extra']],
    ['saveWorkspaceAs', [image]],
    ['saveWorkspaceAs', [image, 42]],
    ['chooseNewWorkspacePath', [{ name: 'x' }]],
    ['chooseNewWorkspacePath', ['x'.repeat(30 * 1024 * 1024)]],
    ['openWorkspaceFile', [42]],
    ['openWorkspaceFile', ['relative/path.costbook']],
    ['openWorkspaceFile', ['/tmp/a\0b.costbook']],
    ['createWorkspaceFile', ['/tmp/x.costbook', 'bytes']],
    ['closeWorkspaceFile', ['unexpected']],
    ['recentWorkspaces', [1]],
  ];
  for (const [method, args] of bad) {
    it(`refuses ${method}(${args.map((a) => (typeof a === 'string' ? `"${a.slice(0, 20)}"` : typeof a)).join(', ')})`, async () => {
      const reply = await invoke(method, args);
      expect(reply).toMatchObject({ ok: false, error: { code: 'engine/internal' } });
    });
  }

  it('refuses to open a path the user never picked (a compromised page naming any file)', async () => {
    const path = join(dir, 'elsewhere.costbook');
    writeFileSync(path, image);
    const reply = await invoke('openWorkspaceFile', [path]);
    expect(reply).toMatchObject({ ok: false, error: { code: 'engine/internal' } });
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('refuses to create a file at a path the New Workspace dialog did not return', async () => {
    const reply = await invoke('createWorkspaceFile', [join(dir, 'sneaky.costbook'), image]);
    expect(reply).toMatchObject({ ok: true, value: { ok: false, code: 'workspace/save-failed' } });
    expect(existsSync(join(dir, 'sneaky.costbook'))).toBe(false);
  });
});

describe('workspace flows', () => {
  it('creates, saves, lists as recent, closes and reopens a workspace', async () => {
    const path = join(dir, 'Team AI.costbook');
    dialogs.chooseNewPath.mockResolvedValue(path);
    expect(await value('chooseNewWorkspacePath', 'Team AI')).toEqual({ path, name: 'Team AI' });
    expect(await value('createWorkspaceFile', path, image)).toMatchObject({ ok: true, path });
    expect(existsSync(`${path}.lock`)).toBe(true);

    const next = await costbookImage(2);
    expect(await value('saveWorkspace', next)).toMatchObject({ ok: true, path });
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(next))).toBe(true);
    expect(await value('recentWorkspaces')).toMatchObject([{ path, name: 'Team AI' }]);

    await value('closeWorkspaceFile');
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(await value('saveWorkspace', next)).toMatchObject({ ok: false, code: 'workspace/none-open' });

    // A recent workspace may be reopened by path.
    const opened = await value('openWorkspaceFile', path);
    expect(opened).toMatchObject({ path, name: 'Team AI' });
    expect(existsSync(`${path}.lock`)).toBe(true);
  });

  it('opens through the dialog when no path is given, and returns null on cancel', async () => {
    dialogs.chooseOpenPath.mockResolvedValueOnce(null);
    expect(await value('openWorkspaceFile')).toBeNull();
    const path = join(dir, 'picked.costbook');
    writeFileSync(path, image);
    dialogs.chooseOpenPath.mockResolvedValueOnce(path);
    const opened = await value('openWorkspaceFile');
    expect(opened).toMatchObject({ path, name: 'picked' });
  });

  it('opens a file the OS handed over (second instance) without showing a dialog', async () => {
    const path = join(dir, 'from-os.costbook');
    writeFileSync(path, image);
    session.requestOpen(path);
    expect(await value('openWorkspaceFile')).toMatchObject({ path });
    expect(dialogs.chooseOpenPath).not.toHaveBeenCalled();
  });

  it('reports a workspace locked by another process with workspace/locked and the holder', async () => {
    const path = join(dir, 'shared.costbook');
    writeFileSync(path, image);
    const other = acquireWorkspaceLock(path);
    try {
      dialogs.chooseOpenPath.mockResolvedValueOnce(path);
      const reply = await invoke('openWorkspaceFile', []);
      expect(reply).toMatchObject({ ok: false, error: { code: 'workspace/locked', details: { holder: { pid: process.pid } } } });
    } finally {
      other.release();
    }
  });

  it('refuses a damaged file with its code and does not lock or modify it', async () => {
    const path = join(dir, 'empty.costbook');
    writeFileSync(path, '');
    dialogs.chooseOpenPath.mockResolvedValueOnce(path);
    const reply = await invoke('openWorkspaceFile', []);
    expect(reply).toMatchObject({ ok: false, error: { code: 'workspace/empty-file' } });
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(readFileSync(path)).toHaveLength(0);
  });

  it('save as moves the lock to the new file and returns null on cancel', async () => {
    const first = join(dir, 'first.costbook');
    const second = join(dir, 'second.costbook');
    dialogs.chooseNewPath.mockResolvedValue(first);
    await value('chooseNewWorkspacePath', 'first');
    await value('createWorkspaceFile', first, image);
    dialogs.chooseSaveAsPath.mockResolvedValueOnce(null);
    expect(await value('saveWorkspaceAs', image, 'second')).toBeNull();
    dialogs.chooseSaveAsPath.mockResolvedValueOnce(second);
    expect(await value('saveWorkspaceAs', image, 'second')).toMatchObject({ ok: true, path: second });
    expect(existsSync(`${first}.lock`)).toBe(false);
    expect(existsSync(`${second}.lock`)).toBe(true);
  });

  it('a failed save answers ok:false and leaves the file as it was', async () => {
    const path = join(dir, 'w.costbook');
    dialogs.chooseNewPath.mockResolvedValue(path);
    await value('chooseNewWorkspacePath', 'w');
    await value('createWorkspaceFile', path, image);
    const result = await value('saveWorkspace', new Uint8Array([1, 2, 3]));
    expect(result).toMatchObject({ ok: false, code: 'workspace/save-failed' });
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(image))).toBe(true);
  });

  it('the menu handshake marks the renderer ready', async () => {
    const reply = asReply(await listeners.get(MENU_READY_CHANNEL)?.(APP_FRAME));
    expect(reply.ok).toBe(true);
    expect(onMenuReady).toHaveBeenCalledTimes(1);
  });
});

describe('menu command queue', () => {
  it('holds commands until the renderer subscribes, then delivers them once', () => {
    const send = vi.fn();
    const queue = createMenuCommandQueue(send);
    queue.post('open');
    queue.post('open');
    queue.post('import');
    expect(send).not.toHaveBeenCalled();
    queue.markReady();
    expect(send.mock.calls).toEqual([['open'], ['import']]);
    queue.post('demo');
    expect(send).toHaveBeenLastCalledWith('demo');
    queue.reset();
    queue.post('close');
    expect(send).toHaveBeenCalledTimes(3);
  });
});
