/** File names and paths of workspaces: what dialogs suggest and what a command line names. */
import { basename, extname, isAbsolute, resolve } from 'node:path';

export const WORKSPACE_EXTENSION = '.costbook';

/** A safe file name from a name the user typed: no separators or reserved characters. */
export function workspaceFileName(suggested: string): string {
  const stem = suggested
    .replace(/\.costbook$/i, '')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .split(/\s+/)
    .filter((word) => !/^\.*$/.test(word))
    .join(' ')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return `${stem || 'Workspace'}${WORKSPACE_EXTENSION}`;
}

/** Save dialogs on Linux do not append the filter's extension; do it here. */
export function withWorkspaceExtension(path: string): string {
  return extname(path).toLowerCase() === WORKSPACE_EXTENSION ? path : `${path}${WORKSPACE_EXTENSION}`;
}

/** The name shown for a workspace: its file name without the extension. */
export function workspaceNameOf(path: string): string {
  const file = basename(path);
  return file.toLowerCase().endsWith(WORKSPACE_EXTENSION) ? file.slice(0, -WORKSPACE_EXTENSION.length) : file;
}

/**
 * The workspace a command line asks to open (double-click on a .costbook file, or a second
 * instance started with a path). Flags and non-.costbook arguments are ignored.
 */
export function workspacePathFromArgv(argv: readonly string[], workingDirectory: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (arg.startsWith('-')) continue;
    if (extname(arg).toLowerCase() !== WORKSPACE_EXTENSION) continue;
    return isAbsolute(arg) ? arg : resolve(workingDirectory, arg);
  }
  return null;
}
