import type { Database, SqlJsStatic } from 'sql.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { EngineError } from '../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { StringTable } from './strings';

/** PRAGMA application_id of every Costbook workspace: "CoSB". */
export const COSTBOOK_APPLICATION_ID = 0x436f5342;

const SQLITE_MAGIC = 'SQLite format 3\0';

export type Clock = { now(): Date };

/** An open workspace: the sql.js database plus the caches that belong to it. */
export class Workspace {
  readonly strings: StringTable;

  constructor(
    readonly db: Database,
    public name: string,
    /** The sql.js module the database runs in (SQLite's exported functions: see RowInserter). */
    readonly sqlite: SqlJsStatic | null = null,
  ) {
    this.strings = new StringTable(db);
  }

  get createdAt(): string {
    const r = this.db.exec("SELECT value FROM workspace_meta WHERE key = 'created_at'");
    return r.length ? String(r[0].values[0][0]) : '';
  }

  close(): void {
    this.db.close();
  }
}

function configure(db: Database): void {
  // A workspace may come from a colleague: never let its schema call back into app functions.
  db.run('PRAGMA trusted_schema = OFF');
  db.run('PRAGMA cell_size_check = ON');
  db.run('PRAGMA foreign_keys = OFF');
  // The image is saved whole by the host; SQLite's own journal only has to protect the in-memory copy.
  db.run('PRAGMA journal_mode = MEMORY');
}

function migrate(db: Database, clock: Clock): void {
  db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map<number, string>();
  for (const row of db.exec('SELECT version, sha256 FROM schema_migrations')[0]?.values ?? []) {
    applied.set(Number(row[0]), String(row[1]));
  }
  for (const m of MIGRATIONS) {
    const hash = bytesToHex(sha256(new TextEncoder().encode(m.sql)));
    const known = applied.get(m.version);
    if (known !== undefined) {
      if (known !== hash) {
        throw new EngineError('workspace/corrupt', `Migration ${m.name} recorded in the file differs from this app's.`);
      }
      continue;
    }
    db.run('BEGIN');
    try {
      db.run(m.sql);
      db.run('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)', [
        m.version,
        m.name,
        hash,
        clock.now().toISOString(),
      ]);
      db.run(`PRAGMA user_version = ${m.version}`);
      db.run('COMMIT');
    } catch (e) {
      db.run('ROLLBACK');
      throw e;
    }
  }
}

export function createWorkspace(SQL: SqlJsStatic, name: string, clock: Clock): Workspace {
  const db = new SQL.Database();
  configure(db);
  db.run(`PRAGMA application_id = ${COSTBOOK_APPLICATION_ID}`);
  migrate(db, clock);
  db.run("INSERT INTO workspace_meta (key, value) VALUES ('created_at', ?), ('name', ?)", [
    clock.now().toISOString(),
    name,
  ]);
  return new Workspace(db, name, SQL);
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

/**
 * Opens a workspace image, refusing anything that is not a whole, healthy Costbook file of this
 * version or older. sql.js opens almost any bytes without complaint, so every check is explicit.
 * The caller's bytes are never modified (sql.js gets its own copy).
 */
export function openWorkspace(SQL: SqlJsStatic, name: string, bytes: Uint8Array, clock: Clock): Workspace {
  const file = { file: name };
  if (bytes.length === 0) {
    throw new EngineError('workspace/empty-file', `${name} is empty (0 bytes); it is not a workspace.`, file);
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 16));
  if (bytes.length < 100 || magic !== SQLITE_MAGIC) {
    throw new EngineError('workspace/not-sqlite', `${name} is not a Costbook workspace (not an SQLite file).`, file);
  }
  const rawPageSize = (bytes[16] << 8) | bytes[17];
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = readU32(bytes, 28);
  if (pageSize * pageCount !== bytes.length) {
    throw new EngineError(
      'workspace/truncated',
      `${name} is incomplete: the header promises ${pageSize * pageCount} bytes but the file has ${bytes.length}.`,
      { ...file, expected: pageSize * pageCount, found: bytes.length },
    );
  }
  if (readU32(bytes, 68) !== COSTBOOK_APPLICATION_ID) {
    throw new EngineError('workspace/not-costbook', `${name} is an SQLite database but not a Costbook workspace.`, file);
  }
  const db = new SQL.Database(new Uint8Array(bytes));
  try {
    configure(db);
    const check = db.exec('PRAGMA quick_check');
    const verdict = check.length ? String(check[0].values[0][0]) : 'no answer';
    if (verdict !== 'ok') {
      throw new EngineError('workspace/corrupt', `${name} is damaged: ${verdict}.`, { ...file, check: verdict });
    }
    const version = Number(db.exec('PRAGMA user_version')[0].values[0][0]);
    if (version > SCHEMA_VERSION) {
      throw new EngineError(
        'workspace/newer-version',
        `${name} was written by a newer Costbook (schema ${version}; this app knows ${SCHEMA_VERSION}).`,
        { ...file, found: version, supported: SCHEMA_VERSION },
      );
    }
    migrate(db, clock);
    return new Workspace(db, name, SQL);
  } catch (e) {
    db.close();
    if (e instanceof EngineError) throw e;
    throw new EngineError('workspace/corrupt', `${name} could not be read: ${(e as Error).message}.`, file);
  }
}
