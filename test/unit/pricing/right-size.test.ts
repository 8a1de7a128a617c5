import { describe, expect, it } from 'vitest';
import type { RightSizeCandidate, RightSizeResult } from '../../../src/shared/contract';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';

const HEADER =
  'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed';

// Claude Sonnet 3.5 on two days that straddle OpenAI's first GPT-4o cached-input price (2024-10-01),
// and a Claude Haiku 3 row under another key that no model slice of Sonnet may pick up.
const CONSOLE = [
  HEADER,
  '2024-09-30,claude-3-5-sonnet-20241022,key-a,Default,standard,,1234567,20000,0,300000,45678,0,global,',
  '2024-10-01,claude-3-5-sonnet-20241022,key-a,Default,standard,,2000000,0,0,1000000,100000,0,global,',
  '2024-10-01,claude-3-haiku-20240307,key-b,Default,standard,,5000000,0,0,0,0,0,global,',
].join('\n');

const CANDIDATES = [
  { provider: 'anthropic', model: 'claude-3-5-sonnet' },
  { provider: 'anthropic', model: 'claude-3-haiku' },
  { provider: 'openai', model: 'gpt-4o' },
  { provider: 'anthropic', model: 'claude-3-5-haiku' },
];

async function withConsole() {
  const { engine } = await testEngine();
  const [r] = await engine.call('import/files', { files: [fileInput('usage.csv', CONSOLE)] });
  expect(r.status).toBe('imported');
  return engine;
}

function byModel(result: RightSizeResult): Record<string, RightSizeCandidate> {
  return Object.fromEntries(result.candidates.map((c) => [`${c.provider}/${c.model}`, c]));
}

describe('right-sizing a slice of token usage', () => {
  it('keeps the token mix from the data and prices it on each candidate with the prices valid on each usage day', async () => {
    const engine = await withConsole();
    const r = await engine.call('pricing/right-size', { slice: { field: 'model', value: 'claude-3-5-sonnet' }, candidates: CANDIDATES });

    expect(r.rows).toBe(7);
    expect([r.firstDay, r.lastDay]).toEqual(['2024-09-30', '2024-10-01']);
    expect(r.mix).toEqual([
      { meter: 'input', tokens: 3_234_567 },
      { meter: 'cachedInput', tokens: 1_300_000 },
      { meter: 'cacheWrite', tokens: 20_000 },
      { meter: 'output', tokens: 145_678 },
    ]);
    expect(r.totalTokens).toBe(4_700_245);
    expect(r.actualModels).toEqual([{ provider: 'anthropic', model: 'claude-3-5-sonnet', name: 'Claude Sonnet 3.5', tokens: 4_700_245 }]);
    // 3,234,567 × $3 + 1,300,000 × $0.30 + 20,000 × $3.75 + 145,678 × $15, per 1M tokens.
    expect(r.actualCost).toBe('12.353871');
    expect(r.actualUnpricedTokens).toBe(0);
    // A usage export is not an invoice: nothing billed.
    expect(r.billed).toEqual([]);

    const c = byModel(r);
    expect(c['anthropic/claude-3-5-sonnet']).toMatchObject({ actual: true, cost: '12.353871', complete: true, savings: '0', savingsPercent: '0.00' });
    // Haiku 3: $0.25 in, $0.03 cache read, $0.30 cache write, $1.25 out.
    expect(c['anthropic/claude-3-haiku']).toMatchObject({ actual: false, cost: '1.03573925', complete: true, savings: '11.31813175', savingsPercent: '91.62' });
    expect(c['anthropic/claude-3-haiku'].listRates).toEqual({ input: '0.25', output: '1.25', cachedInput: '0.03', cacheWrite: '0.30' });

    // GPT-4o had no cached-input price before 2024-10-01 and never a cache-write price: those tokens are stated, not guessed.
    const gpt = c['openai/gpt-4o'];
    expect(gpt).toMatchObject({ cost: '10.7931975', pricedTokens: 4_380_245, unpricedTokens: 320_000, complete: false, savings: null, savingsPercent: null });
    expect(gpt.meters.find((m) => m.meter === 'cachedInput')).toEqual({
      meter: 'cachedInput',
      tokens: 1_300_000,
      cost: '1.25',
      unpricedTokens: 300_000,
      reasons: ['openai/gpt-4o@2024-08-06 standard global has no cachedInput rate'],
    });
    expect(gpt.meters.find((m) => m.meter === 'cacheWrite')).toMatchObject({ tokens: 20_000, cost: '0', unpricedTokens: 20_000 });

    // Claude Haiku 3.5's first price is 2024-11-04: none of this usage could have run at it.
    expect(c['anthropic/claude-3-5-haiku']).toMatchObject({ cost: '0', pricedTokens: 0, unpricedTokens: 4_700_245, complete: false });
    expect(c['anthropic/claude-3-5-haiku'].meters[0].reasons).toEqual(['anthropic lists no standard price for claude-3-5-haiku before 2024-11-04']);

    // Complete candidates first, cheapest first; then the fewest unpriced tokens.
    expect(r.candidates.map((x) => `${x.provider}/${x.model}`)).toEqual([
      'anthropic/claude-3-haiku',
      'anthropic/claude-3-5-sonnet',
      'openai/gpt-4o',
      'anthropic/claude-3-5-haiku',
    ]);
  });

  it('slices by month and by API key, and finds nothing for a value no charge has', async () => {
    const engine = await withConsole();
    const oct = await engine.call('pricing/right-size', { slice: { field: 'model', value: 'claude-3-5-sonnet', month: '2024-10' }, candidates: CANDIDATES.slice(0, 1) });
    expect(oct.totalTokens).toBe(3_100_000);
    expect(oct.actualCost).toBe('7.8');
    expect(oct.candidates[0]).toMatchObject({ cost: '7.8', actual: true });

    const key = await engine.call('pricing/right-size', { slice: { field: 'apiKey', value: 'key-b' }, candidates: CANDIDATES.slice(0, 2) });
    expect(key.mix).toEqual([{ meter: 'input', tokens: 5_000_000 }]);
    // 5M input tokens: $1.25 on Haiku 3 (actual), $15 on Sonnet 3.5.
    expect(key.actualCost).toBe('1.25');
    expect(byModel(key)['anthropic/claude-3-5-sonnet']).toMatchObject({ cost: '15', savings: '-13.75', savingsPercent: '-1100.00' });

    const none = await engine.call('pricing/right-size', { slice: { field: 'model', value: 'no-such-model' } });
    expect(none).toMatchObject({ rows: 0, totalTokens: 0, candidates: [], actualCost: '0' });
  });

  it('applies the workspace overrides to candidates as to the charges', async () => {
    const engine = await withConsole();
    await engine.call('pricing/override-save', {
      override: { provider: 'anthropic', model: 'claude-3-haiku', meter: null, kind: 'discount', discountPercent: '10', rates: null, from: '2024-01-01', to: null },
    });
    const r = await engine.call('pricing/right-size', { slice: { field: 'model', value: 'claude-3-5-sonnet' }, candidates: CANDIDATES.slice(0, 2) });
    expect(byModel(r)['anthropic/claude-3-haiku']).toMatchObject({ cost: '0.932165325', savings: '11.421705675', savingsPercent: '92.45' });
    expect(r.actualCost).toBe('12.353871');
  });

  it('keeps the service tier: batch tokens are priced only where a batch price exists', async () => {
    const { engine } = await testEngine();
    const csv = [HEADER, '2024-10-01,claude-3-5-sonnet-20241022,key-c,Default,batch,,1000000,0,0,0,200000,0,global,'].join('\n');
    await engine.call('import/files', { files: [fileInput('batch.csv', csv)] });
    const r = await engine.call('pricing/right-size', { slice: { field: 'apiKey', value: 'key-c' }, candidates: [CANDIDATES[0], CANDIDATES[2]] });
    const c = byModel(r);
    // OpenAI's GPT-4o batch list price: $1.25 in, $5 out.
    expect(c['openai/gpt-4o']).toMatchObject({ cost: '2.25', complete: true });
    expect(c['anthropic/claude-3-5-sonnet']).toMatchObject({ cost: '0', unpricedTokens: 1_200_000, actual: true });
    expect(c['anthropic/claude-3-5-sonnet'].meters[0].reasons).toEqual(['anthropic lists no batch price for claude-3-5-sonnet']);
    expect(r.actualUnpricedTokens).toBe(1_200_000);
    // Without a price for the slice itself there is nothing to compare with.
    expect(c['openai/gpt-4o'].savings).toBeNull();
  });

  it('counts each token once when a proxy log repeats a day the provider report covers, and slices by source tag', async () => {
    const engine = await withConsole();
    const lines = new TextDecoder().decode(fixtureBytes('litellm-spendlogs/spendlogs_export.csv')).split('\n');
    // The fixture's Claude call (5,000 prompt tokens of which 4,000 cached, 800 output), moved onto Sonnet 3.5 and two days.
    const call = lines[2].replace(/claude-sonnet-4-5-20250929/g, 'claude-3-5-sonnet-20241022');
    const onDay = (day: string, id: string) => call.replace(/2026-08-04/g, day).replace('chatcmpl-synthetic-002', id);
    const proxy = [lines[0], onDay('2024-10-01', 'req-1'), onDay('2024-10-02', 'req-2')].join('\n');
    const [p] = await engine.call('import/files', { files: [fileInput('spendlogs.csv', proxy)] });
    expect(p.status).toBe('imported');

    const r = await engine.call('pricing/right-size', { slice: { field: 'model', value: 'claude-3-5-sonnet' }, candidates: CANDIDATES.slice(0, 1) });
    // 2024-10-01 comes from the console export only; 2024-10-02 only the proxy saw.
    expect(r.totalTokens).toBe(4_700_245 + 5_800);
    expect(r.mix.find((m) => m.meter === 'cachedInput')?.tokens).toBe(1_300_000 + 4_000);
    const proxySource = r.sources.find((s) => s.format === 'litellm-spendlogs');
    expect(proxySource).toMatchObject({ provider: 'Anthropic', daysCounted: 1, daysLeftOut: 1, tokens: 11_600 });
    expect(r.sources.find((s) => s.format !== 'litellm-spendlogs')).toMatchObject({ daysCounted: 2, daysLeftOut: 0 });
    // 4,700,245 tokens as before ($12.353871) plus 1,000 × $3 + 4,000 × $0.30 + 800 × $15 per 1M.
    expect(r.actualCost).toBe('12.370071');

    const fields = await engine.call('pricing/slice-fields', {});
    expect(fields.fields.map((f) => f.field)).toContain('tag:project');
    expect(fields.months).toEqual(['2024-09', '2024-10']);
    const values = await engine.call('pricing/slice-values', { field: 'tag:project' });
    expect(values).toEqual([{ value: 'chatbot', label: 'chatbot', rows: 6, tokens: 11_600 }]);
    const tagged = await engine.call('pricing/right-size', { slice: { field: 'tag:project', value: 'chatbot' }, candidates: CANDIDATES.slice(0, 1) });
    // Within the tag only the proxy reports tokens, so both its days count.
    expect(tagged.totalTokens).toBe(11_600);
    expect(tagged.sources).toMatchObject([{ format: 'litellm-spendlogs', daysCounted: 2, daysLeftOut: 0 }]);
  });

  it('offers every catalog model priced on the usage dates when no candidates are named', async () => {
    const engine = await withConsole();
    const r = await engine.call('pricing/right-size', { slice: { field: 'model', value: 'claude-3-5-sonnet' } });
    const keys = r.candidates.map((c) => `${c.provider}/${c.model}`);
    expect(keys).toContain('anthropic/claude-3-5-sonnet');
    expect(keys).toContain('openai/gpt-4o');
    // Models whose first price is after the usage are not offered.
    expect(keys).not.toContain('anthropic/claude-sonnet-4-5');
    expect(keys).not.toContain('anthropic/claude-3-5-haiku');
    const complete = r.candidates.filter((c) => c.complete);
    const costs = complete.map((c) => Number(c.cost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(r.candidates.findIndex((c) => !c.complete)).toBe(complete.length);
  });

  it('refuses a field usage cannot be sliced by', async () => {
    const engine = await withConsole();
    // @ts-expect-error: not a slice field
    await expect(engine.call('pricing/right-size', { slice: { field: 'colour', value: 'x' } })).rejects.toThrow('not a field usage can be sliced by');
  });
});
