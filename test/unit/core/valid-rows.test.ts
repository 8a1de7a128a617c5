import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, testEngine } from '../helpers/engine';

const FILE = [
  'ChargePeriodStart,BilledCost,ServiceName,ChargeDescription',
  '2025-05-01,1.25,Search,ok',
  '2025-05-02,twelve,Search,bad amount',
  '2025-05-03,2.50,Chat,"=HYPERLINK(""http://x"")"',
  '2025-13-04,4,Chat,bad date',
  '2025-05-05,3,Chat,x,extra',
  '2025-05-06,0.75,Chat,ok',
].join('\n');

describe('importing only the valid rows', () => {
  it('is refused whole by default, saying how many rows are valid', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('mixed.csv', FILE)] });
    expect(r.status).toBe('failed');
    expect(r.error?.details).toMatchObject({ problemCount: 3, validRows: 3, rejectedRows: 3 });
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });

  it('commits exactly the valid rows and returns the rejected ones with reasons as CSV', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('mixed.csv', FILE)], options: { validRowsOnly: true } });
    expect(r).toMatchObject({ status: 'imported', rows: 3, rejectedRows: 3, sourceKind: 'invoice' });
    expect(r.billedCost).toBe(exactSum(['1.25', '2.50', '0.75']));
    const rejected = Papa.parse<string[]>(r.rejectedCsv ?? '', { skipEmptyLines: true }).data;
    expect(rejected[0]).toEqual(['x_SourceLine', 'x_RejectReason', 'ChargePeriodStart', 'BilledCost', 'ServiceName', 'ChargeDescription']);
    expect(rejected.slice(1).map((row) => row[0])).toEqual(['3', '5', '6']);
    expect(rejected[1][1]).toMatch(/BilledCost: expected a plain decimal number .*found "twelve"/);
    expect(rejected[3].slice(2)).toEqual(['2025-05-05', '3', 'Chat', 'x', 'extra']);
    expect(rejected[3][1]).toMatch(/4 fields like the header, found 5/);
    const history = await engine.call('import/history', {});
    expect(history[0]).toMatchObject({ rows: 3, errors: 3, sourceKind: 'invoice' });
  });

  it('writes a spreadsheet formula in a rejected row as text', async () => {
    const { engine } = await testEngine();
    const file = 'ChargePeriodStart,BilledCost,ServiceName\n2025-05-01,1,A\n2025-05-02,x,"=1+1"\n';
    const [r] = await engine.call('import/files', { files: [fileInput('f.csv', file)], options: { validRowsOnly: true } });
    expect(r.rejectedCsv).toContain("'=1+1");
  });
});
