import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src/core/db/workspace';
import { generateFocusBenchLines } from '../../../src/core/demo/bench-rows';
import { ChargeTotals } from '../../../src/core/imports/perf/charge-totals';
import { joinSplit, splitPico } from '../../../src/core/money/decimal';
import { FIXED_NOW, fileInput, fixtureBytes, testEngine, type TestEngine } from '../helpers/engine';

const KEY = 'x_Month, ProviderName, ServiceName, SubAccountName, ChargeCategory, x_Model, BillingCurrency';
const sums = (col: (m: string) => string) =>
  ['BilledCost', 'EffectiveCost', 'ListCost'].map((m) => `CAST(${col(`${m}_hi`)} AS TEXT) || ':' || CAST(${col(`${m}_lo`)} AS TEXT)`).join(', ');
/** Each import's totals straight from its charges. */
const FROM_CHARGES = `SELECT x_ImportId, ${KEY}, count(*), ${sums((c) => `sum(${c})`)}
  FROM charges GROUP BY x_ImportId, ${KEY} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
/** The same, as kept while the charges were written. */
const FROM_TOTALS = `SELECT import_id, ${KEY}, row_count, ${sums((c) => c)} FROM charge_totals ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;

/** `hi:lo` sums as exact picodollars, so two ways of carrying compare equal. */
function exact(rows: unknown[][]): unknown[][] {
  return rows.map((r) =>
    r.map((v) => {
      if (typeof v !== 'string' || !v.includes(':')) return v;
      const [hi, lo] = v.split(':');
      return joinSplit(BigInt(hi), BigInt(lo)).toString();
    }),
  );
}

async function query(engine: TestEngine['engine'], sql: string): Promise<unknown[][]> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  return new SQL.Database(bytes).exec(sql)[0]?.values ?? [];
}

const BENCH = new TextEncoder().encode([...generateFocusBenchLines({ rows: 4000, seed: 3, startMonth: '2026-08' })].join(''));
const FILES: [string, Uint8Array][] = [
  ['bench.csv', BENCH],
  ['cur.csv', fixtureBytes('aws-cur-legacy/test_cur.csv')],
  ['gcp.csv', fixtureBytes('gcp-billing-bigquery-flattened/2022-08-01_5.csv')],
  ['azure.csv', fixtureBytes('azure-cost-export-mca/azure_version_2.csv')],
  ['litellm.csv', fixtureBytes('litellm-spendlogs/spendlogs_export.csv')],
];

describe('each import’s totals, kept as its charges are written', () => {
  it('equal its charges grouped in SQL, through imports, staging, discarding and removal', async () => {
    const { engine } = await testEngine();
    const results = await engine.call('import/files', { files: FILES.map(([name, bytes]) => fileInput(name, bytes)) });
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported']);
    const [staged] = await engine.call('import/files', {
      files: [fileInput('openai.csv', fixtureBytes('openai-dashboard-csv/cost_export.csv'))],
      options: { stage: true },
    });
    const fromCharges = exact(await query(engine, FROM_CHARGES));
    expect(fromCharges.length).toBeGreaterThan(100);
    expect(exact(await query(engine, FROM_TOTALS))).toEqual(fromCharges);

    await engine.call('import/discard', { importIds: [staged.importId!] });
    await engine.call('import/remove', { importId: results[1].importId! });
    const after = exact(await query(engine, FROM_CHARGES));
    expect(after.some((r) => r[0] === results[1].importId || r[0] === staged.importId)).toBe(false);
    expect(exact(await query(engine, FROM_TOTALS))).toEqual(after);
  });

  it('are built for the charges of a workspace saved before they existed', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: FILES.slice(0, 3).map(([name, bytes]) => fileInput(name, bytes)) });
    const summary = await engine.call('summary/totals', { by: ['month', 'provider', 'service', 'subAccount', 'chargeCategory', 'model'] });
    const { bytes } = await engine.call('workspace/export', {});
    // The same workspace at schema 7: no totals table, no record of migration 8.
    const SQL = await initSqlJs();
    const old = new SQL.Database(bytes);
    old.run('DROP TABLE charge_totals');
    old.run('DELETE FROM schema_migrations WHERE version = 8');
    old.run('PRAGMA user_version = 7');
    const ws = openWorkspace(SQL, 'Old', old.export(), { now: () => FIXED_NOW });
    const fromCharges = exact(ws.db.exec(FROM_CHARGES)[0].values);
    expect(exact(ws.db.exec(FROM_TOTALS)[0].values)).toEqual(fromCharges);
    const { engine: reopened } = await testEngine();
    await reopened.call('workspace/open', { name: 'Old', bytes: ws.db.export() });
    expect(await reopened.call('summary/totals', { by: ['month', 'provider', 'service', 'subAccount', 'chargeCategory', 'model'] })).toEqual(summary);
  });

  it('add credits and charges of every size exactly, carrying the low parts', () => {
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const totals = new ChargeTotals();
    const expected = new Map<string, bigint[]>();
    for (let n = 0; n < 20_000; n++) {
      const key = [202601 + (rand() % 3), 1 + (rand() % 4), 0, 7, 0, rand() % 2 ? 9 : 0, 1];
      const amounts = [0, 1, 2].map(() => {
        const big = (BigInt(rand()) * 1_000_003n + BigInt(rand() % 1_000_000_000)) * (rand() % 5 === 0 ? -1n : 1n);
        return rand() % 3 === 0 ? 999_999_999n : big;
      });
      const money = amounts.flatMap((a) => {
        const s = splitPico(a);
        return [s.hi, s.lo];
      });
      totals.add([...key, ...money], [0, 1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]);
      const k = key.join(',');
      const acc = expected.get(k) ?? [0n, 0n, 0n, 0n];
      expected.set(k, [acc[0] + 1n, acc[1] + amounts[0], acc[2] + amounts[1], acc[3] + amounts[2]]);
    }
    const rows: unknown[][] = [];
    const db = { prepare: () => ({ run: (r: unknown[]) => rows.push(r), free: () => undefined }) };
    totals.store(db as never, 42);
    const got = new Map(
      rows.map((r) => [
        r.slice(1, 8).map((v) => v ?? 0).join(','),
        [BigInt(r[8] as number), ...[0, 1, 2].map((j) => joinSplit(BigInt(r[9 + 2 * j] as number), BigInt(r[10 + 2 * j] as number)))],
      ]),
    );
    expect(rows.every((r) => r[0] === 42 && r[3] === null && r[5] === null)).toBe(true);
    expect(got).toEqual(expected);
  });
});
