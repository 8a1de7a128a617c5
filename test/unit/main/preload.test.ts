import { describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const invoke = vi.fn();
const on = vi.fn();
const removeListener = vi.fn();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, on, removeListener },
}));

await import('../../../src/preload/index');

type Api = Record<string, unknown>;
function api(): Api {
  const value = exposed.get('costbook');
  if (typeof value !== 'object' || value === null) throw new Error('window.costbook was not exposed');
  return Object.fromEntries(Object.entries(value));
}

function method(name: string): (...args: unknown[]) => Promise<unknown> {
  const fn = api()[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not a function`);
  return (...args) => Promise.resolve(fn(...args));
}

describe('preload', () => {
  it('exposes exactly the reviewed API under one name, and nothing generic', () => {
    expect([...exposed.keys()]).toEqual(['costbook']);
    expect(Object.keys(api()).sort()).toEqual(
      [
        'platform',
        'chooseNewWorkspacePath',
        'openWorkspaceFile',
        'saveWorkspace',
        'saveWorkspaceAs',
        'createWorkspaceFile',
        'closeWorkspaceFile',
        'recentWorkspaces',
        'onMenuCommand',
      ].sort(),
    );
    expect(api().platform).toBe('desktop');
    for (const value of Object.values(api())) expect(value).not.toBe(invoke);
  });

  it('each method is one invoke on its costbook: channel and unwraps the reply', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: [{ path: '/w.costbook', name: 'w', openedAt: 'x' }] });
    expect(await method('recentWorkspaces')()).toEqual([{ path: '/w.costbook', name: 'w', openedAt: 'x' }]);
    expect(invoke).toHaveBeenLastCalledWith('costbook:recentWorkspaces');

    const bytes = new Uint8Array([1, 2]);
    invoke.mockResolvedValueOnce({ ok: true, value: { ok: true, path: '/w.costbook', savedAt: 't' } });
    await method('saveWorkspace')(bytes);
    expect(invoke).toHaveBeenLastCalledWith('costbook:saveWorkspace', bytes);

    invoke.mockResolvedValueOnce({ ok: true, value: null });
    await method('openWorkspaceFile')();
    expect(invoke).toHaveBeenLastCalledWith('costbook:openWorkspaceFile');
  });

  it('rejects with the plain error payload so the code survives contextBridge', async () => {
    const error = { code: 'workspace/locked', message: 'in use', details: { holder: null } };
    invoke.mockResolvedValueOnce({ ok: false, error });
    await expect(method('openWorkspaceFile')('/w.costbook')).rejects.toEqual(error);
  });

  it('onMenuCommand passes only valid commands, never the IPC event, and unsubscribes', () => {
    invoke.mockResolvedValue({ ok: true, value: undefined });
    const listener = vi.fn();
    const subscribe = api().onMenuCommand;
    if (typeof subscribe !== 'function') throw new Error('onMenuCommand missing');
    const unsubscribe: unknown = subscribe(listener);
    expect(on).toHaveBeenCalledWith('costbook:menuCommand', expect.any(Function));
    expect(invoke).toHaveBeenLastCalledWith('costbook:menuReady');
    const relay: (event: unknown, command: unknown) => void = on.mock.calls[0][1];
    relay({ sender: 'secret' }, 'save-as');
    relay({ sender: 'secret' }, 'rm -rf');
    expect(listener.mock.calls).toEqual([['save-as']]);
    if (typeof unsubscribe !== 'function') throw new Error('no unsubscribe');
    unsubscribe();
    expect(removeListener).toHaveBeenCalledWith('costbook:menuCommand', relay);
  });
});
