import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({}));

const { buildMenuTemplate } = await import('../../../src/main/menu');
const { workspaceFileName, workspaceNameOf, workspacePathFromArgv, withWorkspaceExtension } = await import(
  '../../../src/main/workspace-paths'
);

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function click(template: MenuItemConstructorOptions[], label: string): void {
  const item = items(template).find((i) => i.label === label);
  const run: unknown = item?.click;
  if (typeof run !== 'function') throw new Error(`no menu item ${label}`);
  // The handlers ignore Electron's (menuItem, window, event) arguments.
  run();
}

function build(recent = [{ path: '/w/march.costbook', name: 'march', openedAt: 't' }], isMac = false, isDev = false) {
  const actions = { command: vi.fn(), openDialog: vi.fn(), openRecent: vi.fn() };
  return { template: buildMenuTemplate({ isMac, isDev, recent, actions }), actions };
}

describe('File menu', () => {
  it('sends each command to the renderer', () => {
    const { template, actions } = build();
    const expected: Array<[string, string]> = [
      ['New Workspace…', 'new'],
      ['Save As…', 'save-as'],
      ['Close Workspace', 'close'],
      ['Open Demo Workspace', 'demo'],
      ['Import Files…', 'import'],
    ];
    for (const [label] of expected) click(template, label);
    expect(actions.command.mock.calls).toEqual(expected.map(([, command]) => [command]));
    click(template, 'Open…');
    expect(actions.openDialog).toHaveBeenCalled();
    click(template, 'march');
    expect(actions.openRecent).toHaveBeenCalledWith('/w/march.costbook');
  });

  it('shows a disabled placeholder when there are no recent workspaces', () => {
    const { template } = build([]);
    expect(items(template).find((i) => i.label === 'No Recent Workspaces')).toMatchObject({ enabled: false });
  });

  it('offers reload and devtools only in development', () => {
    expect(items(build().template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(build(undefined, false, true).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('workspace paths', () => {
  it('makes safe file names from what the user typed', () => {
    expect(workspaceFileName('Team AI')).toBe('Team AI.costbook');
    expect(workspaceFileName('../../etc/passwd')).toBe('etc passwd.costbook');
    expect(workspaceFileName('  ')).toBe('Workspace.costbook');
    expect(workspaceFileName('q1.costbook')).toBe('q1.costbook');
  });

  it('adds the extension a Linux save dialog leaves off', () => {
    expect(withWorkspaceExtension('/a/b')).toBe('/a/b.costbook');
    expect(withWorkspaceExtension('/a/b.costbook')).toBe('/a/b.costbook');
    expect(workspaceNameOf('/a/Team AI.costbook')).toBe('Team AI');
  });

  it('finds the workspace a command line names', () => {
    expect(workspacePathFromArgv(['/usr/bin/costbook', '--flag', 'march.costbook'], '/home/ana')).toBe(
      '/home/ana/march.costbook',
    );
    expect(workspacePathFromArgv(['/usr/bin/costbook', '/abs/x.costbook', '--inspect'], '/')).toBe('/abs/x.costbook');
    expect(workspacePathFromArgv(['/usr/bin/costbook', 'notes.txt'], '/')).toBeNull();
    expect(workspacePathFromArgv(['x.costbook'], '/')).toBeNull();
  });
});
