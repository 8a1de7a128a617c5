import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CancelToken } from '../../../src/core/engine';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../helpers/engine';

const SAMPLE = 'focus-1.0-sample/focus_sample_subset200.csv';

function sampleRecords(): Record<string, string>[] {
  const text = new TextDecoder().decode(fixtureBytes(SAMPLE));
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

async function counts(engine: Awaited<ReturnType<typeof testEngine>>['engine']) {
  const info = await engine.call('workspace/info', {});
  const history = await engine.call('import/history', {});
  const summary = await engine.call('summary/totals', { by: ['provider'] });
  return { rows: info?.chargeRows, imports: history.length, summary };
}

describe('importing the FOCUS 1.0 sample', () => {
  it('stores every row and totals equal the exact decimal sum of BilledCost', async () => {
    const { engine, events } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('focus_sample_subset200.csv', fixtureBytes(SAMPLE))] });
    const records = sampleRecords();
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('FOCUS 1.0');
    expect(r.rows).toBe(200);
    expect(r.billedCost).toBe(exactSum(records.map((x) => x.BilledCost)));
    expect(r.billedCost).toBe('2.49246069179');
    expect(r.periodStart).toBe('2024-09-01');
    expect(r.currency).toBe('USD');

    const summary = await engine.call('summary/totals', { by: ['provider'] });
    expect(summary.billedCost).toBe(exactSum(records.map((x) => x.BilledCost)));
    expect(summary.effectiveCost).toBe(exactSum(records.map((x) => x.EffectiveCost)));
    expect(summary.listCost).toBe(exactSum(records.map((x) => x.ListCost)));
    expect(summary.currency).toBe('USD');
    for (const provider of ['AWS', 'Microsoft', 'Oracle']) {
      const group = summary.groups.find((g) => g.key.provider === provider);
      const mine = records.filter((x) => x.ProviderName === provider);
      expect(group?.rows).toBe(mine.length);
      expect(group?.billedCost).toBe(exactSum(mine.map((x) => x.BilledCost)));
    }
    expect(events.some((e) => e.name === 'db/changed')).toBe(true);
    expect(events.some((e) => e.name === 'import/progress')).toBe(true);
  });

  it('keeps the source of every row and stores repeated text once', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('sample.csv', fixtureBytes(SAMPLE))] });
    const history = await engine.call('import/history', {});
    expect(history[0]).toMatchObject({ file: 'sample.csv', rows: 200, format: 'focus', formatLabel: 'FOCUS 1.0' });
    expect(history[0].fileHash).toMatch(/^[0-9a-f]{64}$/);
    const { bytes } = await engine.call('workspace/export', {});
    const SQL = await (await import('sql.js')).default();
    const db = new SQL.Database(bytes);
    const lines = db.exec('SELECT min(x_RowNumber), max(x_RowNumber), count(DISTINCT x_ImportId) FROM charges')[0].values[0];
    expect(lines).toEqual([2, 201, 1]);
    const providers = db.exec("SELECT count(*) FROM strings WHERE value IN ('AWS','Microsoft','Oracle')")[0].values[0][0];
    expect(providers).toBe(3);
    const tagged = db.exec('SELECT count(*) FROM charges WHERE Tags IS NOT NULL')[0].values[0][0];
    expect(Number(tagged)).toBe(sampleRecords().filter((x) => x.Tags !== 'NULL' && x.Tags !== '').length);
  });

  it('skips a file it has already imported', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('a.csv', fixtureBytes(SAMPLE))] });
    const [again] = await engine.call('import/files', { files: [fileInput('copy-of-a.csv', fixtureBytes(SAMPLE))] });
    expect(again.status).toBe('skipped');
    expect(again.duplicateOf).toBe(1);
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(200);
  });

  it('refuses a file with a bad amount as a whole, naming file, row, column and value', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('good.csv', fixtureBytes(SAMPLE))] });
    const before = await counts(engine);
    const lines = new TextDecoder().decode(fixtureBytes(SAMPLE)).split('\n');
    lines[3] = lines[3].replace(/^NULL,[^,]+,/, 'NULL,12$,');
    lines[7] = lines[7].replace('"2024-09-', '"2024-13-');
    const [r] = await engine.call('import/files', { files: [fileInput('broken.csv', lines.join('\n'))] });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('import/invalid-rows');
    const problems = r.error?.details.problems ?? [];
    expect(problems[0]).toMatchObject({ file: 'broken.csv', row: 4, column: 'BilledCost', value: '12$' });
    expect(problems[0].expected).toMatch(/decimal/);
    expect(problems.some((p) => p.row === 8 && /Period/.test(p.column ?? ''))).toBe(true);
    expect(r.error?.details.problemCount).toBe(problems.length);
    expect(await counts(engine)).toEqual(before);
  });

  it('reports ragged rows and a missing required column', async () => {
    const { engine } = await testEngine();
    const [ragged] = await engine.call('import/files', {
      files: [fileInput('ragged.csv', 'ChargePeriodStart,BilledCost,ServiceName\n2025-01-01,1.5,A\n2025-01-02,2\n')],
    });
    expect(ragged.error?.details.problems?.[0]).toMatchObject({ row: 3, column: null });
    const [missing] = await engine.call('import/files', {
      files: [fileInput('nostart.csv', 'BillingPeriodStart,BilledCost,ServiceName,ProviderName\n2025-01-01,1.5,A,B\n')],
    });
    expect(missing.error?.code).toBe('import/missing-columns');
    expect(missing.error?.details.missing).toEqual(['ChargePeriodStart']);
    const [text] = await engine.call('import/files', { files: [fileInput('notes.txt', 'hello\nworld\n')] });
    expect(text.error?.code).toBe('import/unrecognized-format');
    const [zip] = await engine.call('import/files', { files: [fileInput('x.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))] });
    expect(zip.error?.code).toBe('import/binary-file');
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });

  it('cancels an import and leaves the workspace unchanged', async () => {
    const { engine } = await testEngine();
    const token = new CancelToken();
    const header = 'ChargePeriodStart,BilledCost,ServiceName\n';
    const body = Array.from({ length: 50_000 }, (_, i) => `2025-01-0${(i % 9) + 1},0.${i},Svc${i % 7}\n`).join('');
    const input = fileInput('big.csv', header + body, 4096);
    const realStream = input.file.stream;
    let reads = 0;
    input.file.stream = () => {
      const s = realStream();
      return {
        getReader() {
          const r = s.getReader();
          return { ...r, read: async () => (++reads === 20 && token.cancel(), r.read()) };
        },
      };
    };
    const [r] = await engine.call('import/files', { files: [input] }, token);
    expect(r.status).toBe('cancelled');
    expect(r.error?.code).toBe('import/cancelled');
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
    expect(await engine.call('import/history', {})).toEqual([]);
  });

  it('removes exactly the rows of one import', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('a.csv', fixtureBytes(SAMPLE))] });
    const [b] = await engine.call('import/files', {
      files: [fileInput('b.csv', 'ChargePeriodStart,BilledCost,ProviderName\n2025-02-01T00:00:00Z,10.25,OpenAI\n2025-02-02T00:00:00Z,0.75,OpenAI\n')],
    });
    expect(b.formatLabel).toBe('FOCUS 1.0 (subset)');
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe(exactSum(['2.49246069179', '11']));
    const removed = await engine.call('import/remove', { importId: 1 });
    expect(removed.removedRows).toBe(200);
    const after = await engine.call('summary/totals', { by: ['month', 'provider'] });
    expect(after.billedCost).toBe('11');
    expect(after.groups).toEqual([
      { key: { month: '2025-02', provider: 'OpenAI' }, rows: 2, billedCost: '11', effectiveCost: '11', listCost: '11', currency: 'USD' },
    ]);
  });
});

describe('records shorter than the header', () => {
  const header = 'ChargePeriodStart,BilledCost,ServiceName,x_Project\n';
  it('are read with the missing trailing fields empty, with a warning', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', {
      files: [fileInput('short.csv', `${header}2025-01-01,1,A\n2025-01-02,2,B\n2025-01-03,3,C\n`)],
    });
    expect(r).toMatchObject({ status: 'imported', rows: 3, billedCost: '6' });
    expect(r.warnings.join(' ')).toMatch(/3 records had fewer fields than the header/);
  });

  it('are refused when only the last one is short, as in a file cut off mid-record', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', {
      files: [fileInput('cut.csv', `${header}2025-01-01,1,A,p\n2025-01-02,2,B,p\n2025-01-03,3`)],
    });
    expect(r.status).toBe('failed');
    expect(r.error?.details.problems?.[0]).toMatchObject({ row: 4, expected: '4 fields like the header, found 2' });
  });
});

describe('a value that returns after an empty one', () => {
  it('is stored again, not left empty', async () => {
    const { engine } = await testEngine();
    const file = 'ChargePeriodStart,BilledCost,ServiceName,RegionId\n2025-01-01,1,A,r1\n2025-01-02,2,A,\n2025-01-03,3,A,r1\n';
    await engine.call('import/files', { files: [fileInput('regions.csv', file)] });
    const SQL = await (await import('sql.js')).default();
    const db = new SQL.Database((await engine.call('workspace/export', {})).bytes);
    const regions = db.exec('SELECT s.value FROM charges c LEFT JOIN strings s ON s.id = c.RegionId ORDER BY c.id')[0].values.map((v) => v[0]);
    expect(regions).toEqual(['r1', null, 'r1']);
  });
});
