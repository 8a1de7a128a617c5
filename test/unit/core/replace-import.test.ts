import { describe, expect, it } from 'vitest';
import { fileInput, testEngine } from '../helpers/engine';

const header = 'ChargePeriodStart,BilledCost,ProviderName,BillingAccountId';
const september = `${header}\n2025-09-01,10,OpenAI,org-1\n2025-09-30,5,OpenAI,org-1\n`;
const septemberCorrected = `${header}\n2025-09-01,10,OpenAI,org-1\n2025-09-30,7.5,OpenAI,org-1\n`;
const october = `${header}\n2025-10-01,3,OpenAI,org-1\n`;
const otherAccount = `${header}\n2025-09-02,1,OpenAI,org-2\n`;

describe('a new export of the same source and period', () => {
  it('asks first, then replaces the earlier import in one transaction', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('sep.csv', september), fileInput('oct.csv', october), fileInput('org2.csv', otherAccount)] });
    const [ask] = await engine.call('import/files', { files: [fileInput('sep-v2.csv', septemberCorrected)] });
    expect(ask.status).toBe('needs-confirmation');
    expect(ask.replaces).toEqual([
      { importId: 1, file: 'sep.csv', rows: 2, billedCost: '15', currency: 'USD', periodStart: '2025-09-01', periodEnd: '2025-09-30' },
    ]);
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('19');

    const [done] = await engine.call('import/files', { files: [fileInput('sep-v2.csv', septemberCorrected)], options: { replace: true } });
    expect(done.status).toBe('imported');
    expect(done.warnings.join(' ')).toMatch(/Replaced import #1 \(sep\.csv, 2 rows\)/);
    const history = await engine.call('import/history', {});
    expect(history.map((h) => h.file)).toEqual(['sep-v2.csv', 'org2.csv', 'oct.csv']);
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('21.5');
  });

  it('keeps both when told to (an export split into several files)', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('part-1.csv', september)] });
    const [r] = await engine.call('import/files', { files: [fileInput('part-2.csv', septemberCorrected)], options: { replace: false } });
    expect(r.status).toBe('imported');
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('32.5');
  });

  it('never treats the parts of one import call as replacing each other', async () => {
    const { engine } = await testEngine();
    const results = await engine.call('import/files', { files: [fileInput('part-1.csv', september), fileInput('part-2.csv', septemberCorrected)] });
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
  });
});
