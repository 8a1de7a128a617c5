/** Native file dialogs for workspaces. The only source of new paths besides the OS itself. */
import { dialog } from 'electron';
import type { BrowserWindow, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import { withWorkspaceExtension, workspaceFileName } from './workspace-paths';

export type WorkspaceDialogs = {
  chooseNewPath(suggestedName: string): Promise<string | null>;
  chooseOpenPath(): Promise<string | null>;
  chooseSaveAsPath(suggestedName: string): Promise<string | null>;
};

const WORKSPACE_FILTERS: FileFilter[] = [{ name: 'Costbook workspace', extensions: ['costbook'] }];

export function createWorkspaceDialogs(getWindow: () => BrowserWindow | null, defaultDir: () => string): WorkspaceDialogs {
  const askSavePath = async (title: string, buttonLabel: string, suggestedName: string) => {
    const options: SaveDialogOptions = {
      title,
      buttonLabel,
      defaultPath: join(defaultDir(), workspaceFileName(suggestedName)),
      filters: WORKSPACE_FILTERS,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = getWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : withWorkspaceExtension(result.filePath);
  };

  return {
    chooseNewPath: (name) => askSavePath('New Workspace', 'Create', name),
    chooseSaveAsPath: (name) => askSavePath('Save Workspace As', 'Save', name),
    chooseOpenPath: async () => {
      const options: OpenDialogOptions = {
        title: 'Open Workspace',
        filters: [...WORKSPACE_FILTERS, { name: 'All files', extensions: ['*'] }],
        properties: ['openFile'],
      };
      const window = getWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
