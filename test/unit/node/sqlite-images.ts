/** Real sql.js database images for the workspace file tests. */
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { COSTBOOK_APPLICATION_ID } from '../../../src/node/workspace-file';

let sql: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  sql ??= initSqlJs();
  return sql;
}

/** A Costbook-looking image (our application_id) whose `gen` table holds `generation`. */
export async function costbookImage(generation = 1, padBytes = 0): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${COSTBOOK_APPLICATION_ID}`);
    db.run('CREATE TABLE gen (n INTEGER NOT NULL)');
    db.run('INSERT INTO gen (n) VALUES (?)', [generation]);
    if (padBytes > 0) {
      db.run('CREATE TABLE pad (b BLOB)');
      // 64 KiB rows keep the statement small while filling many pages.
      for (let done = 0; done < padBytes; done += 65536) db.run('INSERT INTO pad (b) VALUES (randomblob(65536))');
    }
    return db.export();
  } finally {
    db.close();
  }
}

/** Someone else's SQLite file: valid, but application_id 0. */
export async function foreignSqliteImage(): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run('CREATE TABLE t (x)');
    db.run('INSERT INTO t VALUES (1)');
    return db.export();
  } finally {
    db.close();
  }
}

/** Opens an image and returns [quick_check result, generation]. */
export async function inspectImage(bytes: Uint8Array): Promise<{ quickCheck: string; generation: number }> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const quickCheck = String(db.exec('PRAGMA quick_check')[0].values[0][0]);
    const generation = Number(db.exec('SELECT n FROM gen')[0].values[0][0]);
    return { quickCheck, generation };
  } finally {
    db.close();
  }
}
