import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { runCapture, tempDirPerTest } from '../helpers/cli';

const tmp = tempDirPerTest('costbook-cli-metrics-');

const run = runCapture;

/** A workspace file with one month of charges, made by `costbook import`. */
async function workspace(): Promise<string> {
  const ws = join(tmp.path, 'w.costbook');
  writeFileSync(join(tmp.path, 'bill.csv'), 'ChargePeriodStart,BilledCost,ProviderName\n2026-09-01,10,OpenAI\n');
  expect((await run('import', '--workspace', ws, join(tmp.path, 'bill.csv'))).code).toBe(0);
  return ws;
}

async function storedMetrics(ws: string): Promise<unknown[][]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(ws));
  try {
    return db.exec('SELECT metric, day, tag_key, tag_value, quantity, file_name FROM business_metrics ORDER BY id')[0]?.values ?? [];
  } finally {
    db.close();
  }
}

describe('costbook metrics import', () => {
  it('stores the metrics in the workspace file, saved, with the lock released', async () => {
    const ws = await workspace();
    const csv = join(tmp.path, 'tickets.csv');
    writeFileSync(csv, '\ufeffDAY,Metric,Tag_Key,Tag_Value,Quantity\r\n2026-09-01,tickets,team,Search,12\r\n2026-09-02,tickets,team,Growth,3.50\r\n');
    const r = await run('metrics', 'import', '--workspace', ws, csv);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`imported  tickets.csv  tickets  2 rows  2026-09-01..2026-09-02  into ${ws}`);
    expect(await storedMetrics(ws)).toEqual([
      ['tickets', Date.UTC(2026, 8, 1) / 1000, 'team', 'Search', '12', 'tickets.csv'],
      ['tickets', Date.UTC(2026, 8, 2) / 1000, 'team', 'Growth', '3.5', 'tickets.csv'],
    ]);
    expect(existsSync(`${ws}.lock`)).toBe(false);
  });

  it('refuses a bad file with exit 1, naming file, line, column, value and expectation, and leaves the workspace as it was', async () => {
    const ws = await workspace();
    const before = readFileSync(ws);
    const csv = join(tmp.path, 'bad.csv');
    writeFileSync(csv, 'day,metric,tag_key,tag_value,quantity\n2026-09-01,tickets,team,Search,12\n2026-09-31,tickets,team,Growth,1\n2026-09-02,tickets,team,Growth,-1\n');
    const r = await run('metrics', 'import', '--workspace', ws, csv);
    expect(r.code).toBe(1);
    expect(r.err).toContain('costbook: bad.csv was not imported: 2 problems found, the first on line 3, column day: found "2026-09-31"; expected a UTC day as YYYY-MM-DD');
    expect(r.err).toContain('bad.csv line 4, column quantity: found "-1"; expected a non-negative decimal number');
    expect(readFileSync(ws)).toEqual(before);
    expect(existsSync(`${ws}.lock`)).toBe(false);
  });

  it('needs an existing workspace and an existing file', async () => {
    const csv = join(tmp.path, 'm.csv');
    writeFileSync(csv, 'day,metric,tag_key,tag_value,quantity\n2026-09-01,m,team,A,1\n');
    const missing = await run('metrics', 'import', '--workspace', join(tmp.path, 'none.costbook'), csv);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No workspace at .*none\.costbook/);
    expect(existsSync(join(tmp.path, 'none.costbook'))).toBe(false);
    const ws = await workspace();
    const noFile = await run('metrics', 'import', '--workspace', ws, join(tmp.path, 'absent.csv'));
    expect(noFile.code).toBe(2);
    expect(noFile.err).toMatch(/No such file: .*absent\.csv/);
  });
});

describe('usage of the allocation commands', () => {
  it.each([
    [['allocate', '--workspace', 'w.costbook'], /allocate needs --by KEY/],
    [['allocate', '--workspace', 'w.costbook', '--by', 'team', '--period', '2026-13'], /--period must be a month as YYYY-MM \(got 2026-13\)/],
    [['allocate', '--by', 'team'], /--workspace is required/],
    [['allocate', '--workspace', 'w.costbook', '--by', 'team', 'rules.json'], /allocate takes no files/],
    [['allocate', '--workspace', 'w.costbook', '--by', 'team', '--colour'], /Unknown option --colour/],
    [['rules', '--workspace', 'w.costbook'], /Unknown subcommand "rules --workspace"; use export or import/],
    [['rules'], /rules needs a subcommand: export or import/],
    [['rules', 'import', '--workspace', 'w.costbook'], /rules import takes exactly one file/],
    [['rules', 'import', '--workspace', 'w.costbook', 'a.json', 'b.json'], /rules import takes exactly one file \(got a\.json, b\.json\)/],
    [['rules', 'export', '--workspace', 'w.costbook', 'out.json'], /rules export takes no files/],
    [['metrics', 'export', '--workspace', 'w.costbook'], /Unknown subcommand "metrics export"; use import/],
  ])('%j exits 2 with the reason and the usage', async (argv, reason) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(reason);
    expect(r.err).toContain('costbook allocate --workspace W.costbook --by KEY');
  });

  it('lists the commands in the help', async () => {
    const r = await run('help');
    expect(r.code).toBe(0);
    for (const c of ['costbook allocate', 'costbook rules export', 'costbook rules import', 'costbook metrics import']) expect(r.out).toContain(c);
  });
});
