import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/core/db/migrations';
import { COSTBOOK_APPLICATION_ID } from '../../../src/core/db/workspace';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';

async function savedImage(): Promise<Uint8Array> {
  const { engine } = await testEngine();
  await engine.call('import/files', { files: [fileInput('s.csv', fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv'))] });
  return (await engine.call('workspace/export', {})).bytes;
}

describe('opening a workspace image', () => {
  it('round-trips: the reopened workspace has the same rows, history and totals', async () => {
    const image = await savedImage();
    const { engine } = await testEngine();
    const info = await engine.call('workspace/open', { name: 'Reopened', bytes: image });
    expect(info).toMatchObject({ name: 'Reopened', chargeRows: 200, importCount: 1, schemaVersion: SCHEMA_VERSION });
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('2.49246069179');
    // The file records its migrations and its identity.
    const SQL = await initSqlJs();
    const db = new SQL.Database(image);
    expect(db.exec('PRAGMA application_id')[0].values[0][0]).toBe(COSTBOOK_APPLICATION_ID);
    expect(db.exec('PRAGMA user_version')[0].values[0][0]).toBe(SCHEMA_VERSION);
    expect(db.exec('SELECT version, length(sha256) FROM schema_migrations')[0].values).toEqual(MIGRATIONS.map((m) => [m.version, 64]));
  });

  it('refuses empty, foreign, truncated, damaged and newer files, keeping the open workspace', async () => {
    const image = await savedImage();
    const SQL = await initSqlJs();
    const foreign = new SQL.Database();
    foreign.run('CREATE TABLE t (x)');
    const newer = new SQL.Database(new Uint8Array(image));
    newer.run(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    const damaged = new Uint8Array(image);
    const pageSize = (damaged[16] << 8) | damaged[17];
    damaged.fill(0xff, pageSize * 2, pageSize * 3); // one torn page in the middle
    const cases: [string, Uint8Array, string][] = [
      ['empty.costbook', new Uint8Array(0), 'workspace/empty-file'],
      ['notes.costbook', new TextEncoder().encode('a,b\n1,2\n'.repeat(20)), 'workspace/not-sqlite'],
      ['other.sqlite', foreign.export(), 'workspace/not-costbook'],
      ['half.costbook', image.slice(0, Math.floor(image.length / 2)), 'workspace/truncated'],
      ['torn.costbook', damaged, 'workspace/corrupt'],
      ['future.costbook', newer.export(), 'workspace/newer-version'],
    ];
    const { engine } = await testEngine();
    await engine.call('workspace/open', { name: 'Good', bytes: image });
    for (const [name, bytes, code] of cases) {
      const copy = new Uint8Array(bytes);
      await expect(engine.call('workspace/open', { name, bytes })).rejects.toMatchObject({ code });
      expect(bytes).toEqual(copy); // never rewritten
      expect((await engine.call('workspace/info', {}))?.name).toBe('Good');
    }
  });
});

describe('migrations', () => {
  it('brings a workspace written by the first schema up to date, keeping its data', async () => {
    const SQL = await initSqlJs();
    const old = new SQL.Database();
    old.run(`PRAGMA application_id = ${COSTBOOK_APPLICATION_ID}`);
    old.run('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)');
    old.run(MIGRATIONS[0].sql);
    old.run('INSERT INTO schema_migrations VALUES (1, ?, ?, ?)', [
      MIGRATIONS[0].name,
      bytesToHex(sha256(new TextEncoder().encode(MIGRATIONS[0].sql))),
      '2026-01-01T00:00:00Z',
    ]);
    old.run('PRAGMA user_version = 1');
    old.run("INSERT INTO imports (file_name, file_hash, file_size, format, format_label, row_count, billed_total, imported_at) VALUES ('a.csv', 'h', 1, 'focus', 'FOCUS 1.0', 0, '0', 'x')");
    const { engine } = await testEngine();
    const info = await engine.call('workspace/open', { name: 'Old', bytes: old.export() });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect((await engine.call('import/history', {})).map((h) => h.file)).toEqual(['a.csv']);
    const reopened = new SQL.Database((await engine.call('workspace/export', {})).bytes);
    expect(reopened.exec('PRAGMA user_version')[0].values[0][0]).toBe(SCHEMA_VERSION);
    expect(reopened.exec("SELECT count(*) FROM pragma_table_info('imports') WHERE name = 'source_key'")[0].values[0][0]).toBe(1);
  });
});
