import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWorkspaceFile } from '../../../src/node/workspace-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'costbook-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a workspace file that is not there', () => {
  it('says the file was not found', async () => {
    await expect(readWorkspaceFile(join(dir, 'gone.costbook'))).rejects.toMatchObject({
      code: 'workspace/not-found',
      details: { reason: 'ENOENT' },
    });
  });

  it('refuses a folder with the right code', async () => {
    await expect(readWorkspaceFile(dir)).rejects.toMatchObject({ code: 'workspace/not-sqlite' });
  });
});
