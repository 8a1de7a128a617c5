import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../helpers/engine';

const SAMPLE = fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv');
const small = (provider: string, cost: string) => new TextEncoder().encode(`ChargePeriodStart,BilledCost,ProviderName\n2025-04-01,${cost},${provider}\n`);

describe('compressed exports', () => {
  it('imports a gzip file as its content, read in small chunks', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('focus.csv.gz', new Uint8Array(gzipSync(SAMPLE)), 1000)] });
    expect(r).toMatchObject({ file: 'focus.csv', status: 'imported', rows: 200, billedCost: '2.49246069179' });
  });

  it('imports every data file of a ZIP archive, skipping folders and hidden files', async () => {
    const { engine } = await testEngine();
    const zip = zipSync({
      'exports/openai.csv': small('OpenAI', '1.10'),
      'exports/anthropic.csv': small('Anthropic', '2.20'),
      'exports/.DS_Store': new Uint8Array([0, 0, 0, 1]),
      '__MACOSX/exports/._openai.csv': new Uint8Array([0, 5, 22, 7]),
      'focus.csv': SAMPLE,
    });
    const results = await engine.call('import/files', { files: [fileInput('month.zip', zip)] });
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['month.zip/exports/anthropic.csv', 'imported'],
      ['month.zip/exports/openai.csv', 'imported'],
      ['month.zip/focus.csv', 'imported'],
    ]);
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe(exactSum(['1.10', '2.20', '2.49246069179']));
  });

  it('refuses a damaged gzip file and changes nothing', async () => {
    const { engine } = await testEngine();
    const gz = new Uint8Array(gzipSync(SAMPLE)).slice(0, 300);
    const [r] = await engine.call('import/files', { files: [fileInput('cut.csv.gz', gz)] });
    expect(r.status).toBe('failed');
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });
});
