import { describe, expect, it } from 'vitest';
import { parseAzureAiMeter, tokenBlockSize } from '../../../../../src/core/imports/formats/azure/meters';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { kept, records, storedCharges, times } from './test-helpers';

const AOAI = 'azure-openai-ea-export/azure_openai_ea_actual_synthetic.csv';

/** Tokens in one Quantity unit, per formats.md §3.4 (written out here, not taken from the importer). */
const BLOCK: Record<string, string> = { '1K': '1000', '1M': '1000000' };

/** What each meter of the synthetic file is, read by a person from its name. */
const EXPECTED: Record<string, { model: string | null; tokenClass: string | null; tier: string | null }> = {
  'gpt-4o-0806-Inp-glbl Tokens': { model: 'gpt-4o', tokenClass: 'input', tier: 'standard' },
  'gpt-4o-0806-Outp-glbl Tokens': { model: 'gpt-4o', tokenClass: 'output', tier: 'standard' },
  'gpt 4o 0806 cached Inp glbl Tokens': { model: 'gpt-4o', tokenClass: 'cached_read', tier: 'standard' },
  'GPT 5 Inpt Glbl Tokens': { model: 'gpt-5', tokenClass: 'input', tier: 'standard' },
  'Provisioned Managed Global Unit': { model: null, tokenClass: null, tier: null },
};

describe('Azure OpenAI lines in an EA export', () => {
  it('gives model, token class and tokens (Quantity × the UnitOfMeasure block) per meter', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('aoai.csv', fixtureBytes(AOAI))] });
    const file = records(AOAI);
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('Azure EA cost export');
    expect(r.billedCost).toBe(exactSum(file.map((x) => kept(x.Cost))));
    expect(r.periodStart).toBe('2026-08-04');

    const stored = await storedCharges(engine, [
      'ServiceName', 'ServiceCategory', 'x_Model', 'x_TokenClass', 'x_ServiceTier', 'x_Tokens', 'x_Project', 'SkuMeter', 'BilledCost', 'ConsumedQuantity',
    ]);
    expect(stored).toHaveLength(file.length);
    stored.forEach((s, k) => {
      const row = file[k];
      const want = EXPECTED[row.MeterName];
      expect(s).toMatchObject({
        ServiceName: 'Azure OpenAI',
        ServiceCategory: 'AI and Machine Learning',
        x_Model: want.model,
        x_TokenClass: want.tokenClass,
        x_ServiceTier: want.tier,
        x_Project: row.ResourceName,
        SkuMeter: row.MeterName,
        BilledCost: exactSum([kept(row.Cost)]),
        ConsumedQuantity: Number(row.Quantity),
      });
      const tokens = want.tokenClass === null ? null : Number(times(row.Quantity, BLOCK[row.UnitOfMeasure]));
      expect(s.x_Tokens).toBe(tokens);
    });
    expect(stored.map((s) => s.x_Tokens)).toEqual([1_250_500, 210_200, 9_800_000, 500_000, null]);

    const byModel = await engine.call('summary/totals', { by: ['model'] });
    for (const model of ['gpt-4o', 'gpt-5', null]) {
      const mine = file.filter((x) => EXPECTED[x.MeterName].model === model);
      expect(byModel.groups.find((g) => g.key.model === model)).toMatchObject({
        rows: mine.length,
        billedCost: exactSum(mine.map((x) => kept(x.Cost))),
      });
    }
  });
});

describe('Azure OpenAI meter names', () => {
  it.each([
    ['gpt-4o-0806-Inp-glbl Tokens', 'gpt-4o', 'input', 'standard'],
    ['gpt 4o 0513 Output global Tokens', 'gpt-4o', 'output', 'standard'],
    ['gpt-4o-mini-0718-Inp-glbl Tokens', 'gpt-4o-mini', 'input', 'standard'],
    ['gpt 4.1 mini cached Inp glbl', 'gpt-4.1-mini', 'cached_read', 'standard'],
    ['GPT 5 Inpt Glbl', 'gpt-5', 'input', 'standard'],
    ['gpt-4-8K-Batch-Inp-glbl Tokens', 'gpt-4-8k', 'input', 'batch'],
    ['gpt 4.5 0227 cached Inp DZone', 'gpt-4.5', 'cached_read', 'standard'],
    ['gpt-35-turbo-4k-Input-regional', 'gpt-35-turbo-4k', 'input', 'standard'],
    ['gpt-4o-mini-0718-Outp regnl Tokens', 'gpt-4o-mini', 'output', 'standard'],
    ['R1 Inp glbl Tokens', 'r1', 'input', 'standard'],
    ['gpt-4o-transcribe-aud-inp-glbl Tokens', 'gpt-4o-transcribe', 'input', 'standard'],
    ['gpt-4o-mini-tts-aud-out-glbl', 'gpt-4o-mini-tts', 'output', 'standard'],
    ['text-embedding-3-large-glbl Tokens', 'text-embedding-3-large', 'input', 'standard'],
    ['gpt-4-8K PTU Inp Gl Tokens', 'gpt-4-8k', 'input', null],
  ])('%s → %s %s %s', (meter, model, tokenClass, tier) => {
    expect(parseAzureAiMeter(meter)).toEqual({ model, tokenClass, tier, provisioned: false });
  });

  it('treats Provisioned Managed meters as PTU hours, without model or token class', () => {
    for (const meter of ['Provisioned Managed Global Unit', 'Provisioned Managed Data Zone Unit', 'Provisioned Managed Regional Unit']) {
      expect(parseAzureAiMeter(meter)).toEqual({ model: null, tokenClass: null, tier: null, provisioned: true });
    }
  });

  it('reads UnitOfMeasure blocks as token counts and refuses units that are not counts', () => {
    expect(['1K', '1M', '10K', '1000 Tokens', '1M Tokens', 'Tokens', '1'].map(tokenBlockSize)).toEqual([
      '1000', '1000000', '10000', '1000', '1000000', '1', '1',
    ]);
    expect(['1 Hour', '100 Hours', '1/Month', '1 GB/Month', '', '0 Unassigned'].map(tokenBlockSize)).toEqual([null, null, null, null, null, null]);
  });
});
