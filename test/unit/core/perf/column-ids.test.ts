import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../../src/core/db/workspace';
import { ColumnIds } from '../../../../src/core/imports/perf/column-ids';
import { FIXED_NOW } from '../../helpers/engine';

async function strings() {
  const ws = createWorkspace(await initSqlJs(), 'Test', { now: () => FIXED_NOW });
  ws.db.run('BEGIN');
  return ws;
}

/** A value as a parser hands it out: a fresh string cut from a longer text, never the same object. */
const fresh = (value: string): string => `«${value}»`.slice(1, -1);

describe('dictionary ids remembered per column', () => {
  it('are the workspace dictionary ids, for few values, many values, and beyond the per-column limit', async () => {
    const ws = await strings();
    const columns = new ColumnIds(ws.strings, 3, 50);
    const rows: string[][] = [];
    for (let r = 0; r < 2000; r++) {
      rows.push([
        ['OpenAI', 'Anthropic', 'Microsoft'][r % 3], // a few values, compared
        `sku-${(r * 7) % 40}`, // tens of values, in the column's map
        `/subscriptions/0000/resourceGroups/rg/providers/x/accounts/resource-${r % 700}`, // past the limit of 50
      ]);
    }
    for (const row of rows) {
      row.forEach((value, column) => expect(columns.idOf(column, fresh(value))).toBe(ws.strings.idOf(value)));
    }
    // The same value in two columns is one dictionary entry.
    expect(columns.idOf(0, fresh('sku-3'))).toBe(columns.idOf(1, fresh('sku-3')));
    const distinct = new Set(rows.flat()).size;
    expect(Number(ws.db.exec('SELECT count(*) FROM strings')[0].values[0][0])).toBe(distinct);
  });

  it('keep a wide column of tens of thousands of values in a table that grows', async () => {
    const ws = await strings();
    const columns = new ColumnIds(ws.strings, 2);
    const values = Array.from({ length: 30_000 }, (_, i) => `arn:aws:bedrock:us-east-1:1234:application-inference-profile/${(i * 7919) % 30_000}`);
    const first = values.map((v) => columns.idOf(1, fresh(v)));
    // Read again in another order, mixed with values the column has not had yet.
    for (let i = values.length - 1; i >= 0; i -= 3) expect(columns.idOf(1, fresh(values[i]))).toBe(first[i]);
    for (let i = 0; i < 1000; i++) expect(columns.idOf(1, fresh(`new-${i}`))).toBe(ws.strings.idOf(`new-${i}`));
    values.forEach((v, i) => expect(first[i]).toBe(ws.strings.idOf(v)));
    expect(new Set(first).size).toBe(30_000);
    // Another column asking for the same text gets the same id.
    expect(columns.idOf(0, fresh(values[123]))).toBe(first[123]);
  });

  it('hand out ids the dictionary forgets again when the import rolls back', async () => {
    const ws = await strings();
    const before = ws.strings.idOf('kept');
    ws.db.run('COMMIT');
    ws.strings.commit();
    ws.db.run('BEGIN');
    const columns = new ColumnIds(ws.strings, 1);
    const added = columns.idOf(0, fresh('rolled back'));
    expect(columns.idOf(0, fresh('kept'))).toBe(before);
    ws.db.run('ROLLBACK');
    ws.strings.rollback();
    expect(ws.strings.valueOf(added)).toBeNull();
    expect(ws.strings.valueOf(before)).toBe('kept');
  });
});
