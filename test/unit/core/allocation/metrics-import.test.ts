import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/shared/errors';
import { createWorkspace } from '../../../../src/core/db/workspace';
import { importBusinessMetrics, readMetricWeights } from '../../../../src/core/allocation/metrics';
import { bytesSource } from '../../../../src/core/imports/sources';
import { FIXED_NOW, fileInput, testEngine } from '../../helpers/engine';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16le(s: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let at = 0;
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
    at = 2;
  }
  for (let i = 0; i < s.length; i++, at += 2) {
    out[at] = s.charCodeAt(i) & 0xff;
    out[at + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

async function failure(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  return e as EngineError;
}

const SUPPORT_TICKETS =
  '\ufeffQuantity,Tag_Key,TAG_VALUE,Day,Metric,note\r\n' +
  '120,team,Customer Support,2026-09-01,tickets,first day\r\n' +
  '80.50,team,Search,2026-09-01,tickets,\r\n' +
  '40,team,Customer Support,2026-09-02,tickets,\r\n' +
  '\r\n' +
  '7,team,Search,2026-10-01,tickets,"a note, with a comma"\r\n';

describe('allocation/metrics-import', () => {
  it('stores a CSV with a BOM, CRLF, any header case and order, and lists the metric', async () => {
    const { engine, events } = await testEngine();
    const r = await engine.call('allocation/metrics-import', { file: fileInput('tickets.csv', SUPPORT_TICKETS, 5) });
    expect(r).toEqual({ metric: 'tickets', rows: 4, firstDay: '2026-09-01', lastDay: '2026-10-01' });
    expect(await engine.call('allocation/metrics', {})).toEqual([{ metric: 'tickets', rows: 4, firstDay: '2026-09-01', lastDay: '2026-10-01' }]);
    expect(events.filter((e) => e.name === 'db/changed').map((e) => e.payload)).toEqual([{ tables: ['allocation_rules'] }]);
  });

  it('replaces the quantity of a metric, day, tag key and value imported again (metric and key in any case)', async () => {
    const { engine } = await testEngine();
    await engine.call('allocation/metrics-import', { file: fileInput('tickets.csv', SUPPORT_TICKETS) });
    const fix = 'day,metric,tag_key,tag_value,quantity\n2026-09-01,Tickets,Team,Customer Support,100\n2026-09-03,tickets,team,Growth,5\n';
    expect(await engine.call('allocation/metrics-import', { file: fileInput('fix.csv', fix) })).toEqual({ metric: 'Tickets', rows: 2, firstDay: '2026-09-01', lastDay: '2026-09-03' });
    const [listed] = await engine.call('allocation/metrics', {});
    // 4 rows, one replaced, one added; listed under the spelling imported last.
    expect(listed).toEqual({ metric: 'tickets', rows: 5, firstDay: '2026-09-01', lastDay: '2026-10-01' });
  });

  it('summarises a file of several metrics in one entry and lists them one by one', async () => {
    const { engine } = await testEngine();
    const csv = 'day,metric,tag_key,tag_value,quantity\n2026-08-31,requests,team,Search,10\n2026-09-02,customers,customer,acme,3\n2026-09-05,requests,team,Growth,1\n';
    expect(await engine.call('allocation/metrics-import', { file: fileInput('m.csv', csv) })).toEqual({ metric: 'requests, customers', rows: 3, firstDay: '2026-08-31', lastDay: '2026-09-05' });
    expect(await engine.call('allocation/metrics', {})).toEqual([
      { metric: 'customers', rows: 1, firstDay: '2026-09-02', lastDay: '2026-09-02' },
      { metric: 'requests', rows: 2, firstDay: '2026-08-31', lastDay: '2026-09-05' },
    ]);
  });

  it('reads UTF-16 with a BOM and Windows-1252, keeping non-ASCII tag values', async () => {
    const { engine } = await testEngine();
    const text = 'day;metric;tag_key;tag_value;quantity\n2026-09-01;outcomes;équipe;Données Clients;12\n';
    expect((await engine.call('allocation/metrics-import', { file: fileInput('u16.csv', utf16le(text), 3) })).rows).toBe(1);
    const cp1252 = new Uint8Array([...utf8('day,metric,tag_key,tag_value,quantity\n2026-09-02,outcomes,team,Caf'), 0xe9, ...utf8(',4\n')]);
    expect(await engine.call('allocation/metrics-import', { file: fileInput('win.csv', cp1252) })).toEqual({ metric: 'outcomes', rows: 1, firstDay: '2026-09-02', lastDay: '2026-09-02' });
    expect((await engine.call('allocation/metrics', {}))[0].rows).toBe(2);
  });

  it('refuses a file with bad rows whole, naming file, line, column, value and what was expected', async () => {
    const { engine, events } = await testEngine();
    await engine.call('allocation/metrics-import', { file: fileInput('tickets.csv', SUPPORT_TICKETS) });
    const before = await engine.call('allocation/metrics', {});
    const bad = [
      'day,metric,tag_key,tag_value,quantity',
      '2026-09-01,tickets,team,Customer Support,999',
      '2026-02-30,tickets,team,Search,1',
      '2026-09-02,tickets,team,Search,-3',
      '2026-09-03,tickets,team,,2',
      '2026-09-04,tickets,team,Search,"1,5"',
      '2026-09-05,tickets,team',
      '2026-09-06,tickets,team,Search,1e3',
      '2026-09-01,TICKETS,TEAM,Customer Support,4',
      '9/7/2026,tickets,team,Search,1',
    ].join('\n');
    const e = await failure(engine.call('allocation/metrics-import', { file: fileInput('bad.csv', bad) }));
    expect(e.code).toBe('allocation/invalid-metrics');
    expect(e.message).toBe('bad.csv was not imported: 8 problems found, the first on line 3, column day: found "2026-02-30"; expected a UTC day as YYYY-MM-DD, e.g. 2026-03-31.');
    expect(e.details.problemCount).toBe(8);
    expect(e.details.problems?.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'day', '2026-02-30'],
      [4, 'quantity', '-3'],
      [5, 'tag_value', ''],
      [6, 'quantity', '1,5'],
      [7, null, null],
      [8, 'quantity', '1e3'],
      [9, 'tag_value', 'Customer Support'],
      [10, 'day', '9/7/2026'],
    ]);
    expect(e.details.problems?.[0].file).toBe('bad.csv');
    expect(e.details.problems?.[3].expected).toBe('a non-negative decimal number without separators, e.g. 1250 or 0.75');
    expect(e.details.problems?.[4].expected).toBe('5 fields like the header, found 3');
    expect(e.details.problems?.[6].expected).toBe('one row per day, metric, tag key and value (line 2 has the same)');
    // Nothing of the file was stored: line 2 alone was valid and would have replaced a quantity.
    expect(await engine.call('allocation/metrics', {})).toEqual(before);
    expect(events.filter((ev) => ev.name === 'db/changed')).toHaveLength(1);
  });

  it('reports at most 100 problems with the count of all of them', async () => {
    const { engine } = await testEngine();
    const lines = ['day,metric,tag_key,tag_value,quantity', ...Array.from({ length: 150 }, (_, i) => `2026-09-01,m,team,t${i},n/a`)];
    const e = await failure(engine.call('allocation/metrics-import', { file: fileInput('many.csv', lines.join('\n')) }));
    expect(e.details.problemCount).toBe(150);
    expect(e.details.problems).toHaveLength(100);
    expect(e.details.problems?.[99]).toEqual({ file: 'many.csv', row: 101, column: 'quantity', value: 'n/a', expected: 'a non-negative decimal number without separators, e.g. 1250 or 0.75' });
  });

  it('names missing header columns, and refuses a file with no rows', async () => {
    const { engine } = await testEngine();
    const e = await failure(engine.call('allocation/metrics-import', { file: fileInput('h.csv', 'date,metric,tag,tag_value,qty\n2026-09-01,a,b,c,1\n') }));
    expect(e.code).toBe('allocation/invalid-metrics');
    expect(e.details.missing).toEqual(['day', 'tag_key', 'quantity']);
    expect(e.message).toMatch(/^h\.csv was not imported: 3 problems found, the first on line 1, column day; expected a column named day/);
    const empty = await failure(engine.call('allocation/metrics-import', { file: fileInput('e.csv', 'day,metric,tag_key,tag_value,quantity\n\n') }));
    expect(empty.message).toBe('e.csv was not imported: line 2; expected at least one row of day, metric, tag key, tag value and quantity.');
    expect(await engine.call('allocation/metrics', {})).toEqual([]);
  });
});

describe('readMetricWeights', () => {
  it('sums quantities per UTC day or month and value, for a metric and tag key in any case', async () => {
    const SQL = await initSqlJs();
    const ws = createWorkspace(SQL, 'w', { now: () => FIXED_NOW });
    const csv = [
      'day,metric,tag_key,tag_value,quantity',
      '2026-09-01,tickets,team,Search,1.25',
      '2026-09-01,tickets,team,Growth,2',
      '2026-09-30,tickets,team,Search,0.75',
      '2026-10-01,tickets,team,Search,10',
      '2026-09-01,tickets,customer,acme,99',
      '2026-09-01,requests,team,Search,1000',
    ].join('\n');
    await importBusinessMetrics(ws, bytesSource('t.csv', utf8(csv)), { clock: { now: () => FIXED_NOW }, throwIfCancelled: () => undefined });
    const sep1 = Date.UTC(2026, 8, 1) / 1000;
    const sep30 = Date.UTC(2026, 8, 30) / 1000;
    const oct1 = Date.UTC(2026, 9, 1) / 1000;
    expect(readMetricWeights(ws, 'Tickets', 'TEAM', 'day')).toEqual(
      new Map([
        [sep1, new Map([['Search', 1.25], ['Growth', 2]])],
        [sep30, new Map([['Search', 0.75]])],
        [oct1, new Map([['Search', 10]])],
      ]),
    );
    expect(readMetricWeights(ws, 'tickets', 'team', 'month')).toEqual(
      new Map([
        [202609, new Map([['Search', 2], ['Growth', 2]])],
        [202610, new Map([['Search', 10]])],
      ]),
    );
    expect(readMetricWeights(ws, 'tickets', 'feature', 'month').size).toBe(0);
    expect(ws.db.exec("SELECT quantity, file_name, imported_at FROM business_metrics WHERE tag_value = 'Growth'")[0].values).toEqual([['2', 't.csv', FIXED_NOW.toISOString()]]);
    ws.close();
  });
});
