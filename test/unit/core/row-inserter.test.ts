import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { RowInserter } from '../../../src/core/db/row-inserter';

const WIDTH = 6;
// Values sql.js binds in different ways: 32-bit integers, larger integers and fractions as
// doubles, -0, null; and values that repeat, so that most parameters are not bound again.
const VALUES = [0, 1, -1, 7, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 3e9, 2 ** 53 - 1, 0.1, -2.5e-7, 1e300, -0, 123456.789, null];

function rows(count: number, seed: number): (number | null)[][] {
  let x = seed;
  const next = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const out: (number | null)[][] = [];
  let last: (number | null)[] = new Array<number | null>(WIDTH).fill(null);
  for (let r = 0; r < count; r++) {
    // Each column keeps its last value two times in three.
    const row = last.map((v) => (next() < 0.66 ? v : VALUES[Math.floor(next() * VALUES.length)]));
    out.push(row);
    last = row;
  }
  return out;
}

async function database() {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  // Columns without a type keep what was bound (typeof tells an integer from a real); INTEGER
  // and REAL ones convert as the charges table does.
  for (const t of ['direct', 'plain']) db.run(`CREATE TABLE ${t} (a, b, c INTEGER, d INTEGER, e REAL, f)`);
  const insert = (t: string) => db.prepare(`INSERT INTO ${t} VALUES (${new Array(WIDTH).fill('?').join(', ')})`);
  const read = (t: string) =>
    db.exec(`SELECT ${['a', 'b', 'c', 'd', 'e', 'f'].map((c) => `typeof(${c}), quote(${c})`).join(', ')} FROM ${t} ORDER BY rowid`)[0]?.values ?? [];
  /** Inserts the rows into `direct` through `inserter` and into `plain` with Statement.run. */
  const insertBoth = (inserter: RowInserter, all: (number | null)[][]) => {
    const plain = insert('plain');
    for (const row of all) {
      inserter.run(row);
      plain.run(row);
    }
  };
  return { SQL, db, insert, read, insertBoth };
}

describe('inserting rows through SQLite’s own functions', () => {
  it('stores exactly what Statement.run stores, binding only what changed', async () => {
    const { SQL, db, insert, read, insertBoth } = await database();
    const inserter = RowInserter.of(SQL, db, insert('direct'), WIDTH);
    expect(inserter.direct).toBe(true);
    insertBoth(inserter, rows(3000, 42));
    const stored = read('direct');
    expect(stored.length).toBe(3000);
    expect(stored).toEqual(read('plain'));
    // Both kinds of binding were used.
    const kinds = new Set(stored.flatMap((r) => r.filter((_, i) => i % 2 === 0)));
    expect([...kinds].sort()).toEqual(['integer', 'null', 'real']);
  });

  it('raises SQLite’s error for a row it refuses, and stores the next rows as given', async () => {
    const { SQL, db } = await database();
    db.run('CREATE TABLE strict (a INTEGER NOT NULL UNIQUE, b)');
    db.run('INSERT INTO strict VALUES (5, 0)');
    const stmt = db.prepare('INSERT INTO strict VALUES (?, ?)');
    const inserter = RowInserter.of(SQL, db, stmt, 2);
    inserter.run([1, 10]);
    expect(() => inserter.run([null, 20])).toThrow(/NOT NULL constraint failed: strict\.a/);
    expect(() => inserter.run([5, 20])).toThrow(/UNIQUE constraint failed: strict\.a/);
    // The refused row would now fit: the next rows must still be stored as given, not it.
    db.run('DELETE FROM strict WHERE a = 5');
    inserter.run([6, 30]);
    inserter.run([7, 30]);
    expect(db.exec('SELECT a, b FROM strict ORDER BY rowid')[0].values).toEqual([
      [1, 10],
      [6, 30],
      [7, 30],
    ]);
  });

  it('never runs a refused row a second time, outside the transaction it rolled back', async () => {
    const { SQL, db } = await database();
    db.run('CREATE TABLE t (a INTEGER)');
    // A row the database refuses by rolling the whole transaction back, but would take on its
    // own into the emptied table.
    db.run("CREATE TRIGGER refuse BEFORE INSERT ON t WHEN new.a = 3 AND (SELECT count(*) FROM t) > 0 BEGIN SELECT RAISE(ROLLBACK, 'three is refused'); END");
    const inserter = RowInserter.of(SQL, db, db.prepare('INSERT INTO t VALUES (?)'), 1);
    db.run('BEGIN');
    inserter.run([1]);
    inserter.run([2]);
    expect(() => inserter.run([3])).toThrow(/three is refused/);
    expect(db.exec('SELECT count(*) FROM t')[0].values[0][0]).toBe(0);
  });

  it('runs Statement.run where SQLite’s functions cannot be reached', async () => {
    const { db, insert, read, insertBoth } = await database();
    const inserter = RowInserter.of(null, db, insert('direct'), WIDTH);
    expect(inserter.direct).toBe(false);
    insertBoth(inserter, rows(200, 7));
    expect(read('direct')).toEqual(read('plain'));
  });
});
