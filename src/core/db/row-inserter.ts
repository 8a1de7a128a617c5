import type { Database, SqlJsStatic, Statement } from 'sql.js';

/** SQLite's own functions, as sql.js exports them from its WebAssembly module. */
type SqliteExports = {
  _sqlite3_bind_int(stmt: number, index: number, value: number): number;
  _sqlite3_bind_double(stmt: number, index: number, value: number): number;
  _sqlite3_bind_blob(stmt: number, index: number, data: number, bytes: number, destructor: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
};

const SQLITE_DONE = 101;
const NAMES = ['_sqlite3_bind_int', '_sqlite3_bind_double', '_sqlite3_bind_blob', '_sqlite3_clear_bindings', '_sqlite3_step', '_sqlite3_reset'];

/**
 * sql.js keeps its open statements in an object of the Database keyed by SQLite's pointer to
 * each: that key is the statement's pointer. Found by identity, not by a property name (sql.js
 * ships minified); 0 when not found.
 */
function pointerOf(db: Database, stmt: Statement): number {
  for (const value of Object.values(db as unknown as Record<string, unknown>)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [key, candidate] of Object.entries(value)) {
      if (candidate === stmt && /^\d+$/.test(key)) return Number(key);
    }
  }
  return 0;
}

/**
 * Runs one prepared statement row after row with numbers and nulls, as `Statement.run` would,
 * but binds only the parameters that changed since the last row, calling SQLite's exported
 * functions directly. `Statement.run` clears and binds every parameter through a JavaScript
 * wrapper each time: a charge has 66, most of them the same as the last charge's (1M rows: about
 * 0.7 s less on the engine's thread). Each value is bound as sql.js binds it: an integer of 32
 * bits as an integer, any other number as a double, null as NULL. Where the pointer or the
 * functions cannot be found (another sql.js), it runs `Statement.run`.
 */
export class RowInserter {
  private readonly bound: (number | null | undefined)[];

  private constructor(
    private readonly db: Database,
    private readonly stmt: Statement,
    private sqlite: SqliteExports | null,
    private readonly ptr: number,
    size: number,
  ) {
    // A statement's parameters start out NULL.
    this.bound = new Array<number | null | undefined>(size).fill(null);
    sqlite?._sqlite3_clear_bindings(ptr);
  }

  static of(SQL: SqlJsStatic | null, db: Database, stmt: Statement, size: number): RowInserter {
    const exports = SQL as unknown as Record<string, unknown> | null;
    const complete = exports !== null && NAMES.every((name) => typeof exports[name] === 'function');
    const ptr = complete ? pointerOf(db, stmt) : 0;
    return new RowInserter(db, stmt, ptr === 0 ? null : (SQL as unknown as SqliteExports), ptr, size);
  }

  /** Whether rows go through SQLite's functions directly (else through `Statement.run`). */
  get direct(): boolean {
    return this.sqlite !== null;
  }

  run(params: readonly (number | null)[]): void {
    const sqlite = this.sqlite;
    if (sqlite === null) {
      this.stmt.run(params as (number | null)[]);
      return;
    }
    const ptr = this.ptr;
    const bound = this.bound;
    for (let i = 0; i < params.length; i++) {
      const v = params[i];
      if (v === bound[i]) continue;
      bound[i] = v;
      if (v === null) sqlite._sqlite3_bind_blob(ptr, i + 1, 0, 0, 0);
      else if (v === (v | 0)) sqlite._sqlite3_bind_int(ptr, i + 1, v);
      else sqlite._sqlite3_bind_double(ptr, i + 1, v);
    }
    const rc = sqlite._sqlite3_step(ptr);
    sqlite._sqlite3_reset(ptr);
    if (rc !== SQLITE_DONE) {
      // The statement is reset and ready; bind the next row whole. The row is not run again: a
      // failure may have rolled the whole transaction back, and a second try would run alone.
      bound.fill(undefined);
      (this.db as unknown as { handleError(rc: number): never }).handleError(rc);
    }
  }

  /** Frees the statement; the inserter is not to be used after. */
  free(): void {
    this.sqlite = null;
    this.stmt.free();
  }
}
