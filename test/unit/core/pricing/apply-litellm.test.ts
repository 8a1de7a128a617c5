import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../helpers/engine';

/**
 * Rates typed from the catalog's cited sources (USD per 1M tokens), not read from the catalog:
 * openai gpt-4o from 2024-10-01 (openai.com/api/pricing), anthropic claude-sonnet-4-5 from
 * 2025-09-29 (anthropic.com/pricing), azure-openai gpt-4o-mini global from 2024-10-01.
 */
const RATES = {
  gpt4o: { input: '2.50', output: '10.00' },
  sonnet45: { input: '3.00', cachedInput: '0.30', output: '15.00' },
  azureMini: { input: '0.15', output: '0.60' },
};

/** tokens × rate / 1e6 as exact decimal text. */
function cost(tokens: number, rate: string): string {
  const [i, f = ''] = rate.split('.');
  const micro = BigInt(i) * 1_000_000n + BigInt(f.padEnd(6, '0'));
  const pico = BigInt(tokens) * micro; // rate in 1e-6 USD per 1M tokens → tokens × micro is 1e-12 USD
  const s = pico.toString().padStart(13, '0');
  return `${s.slice(0, -12)}.${s.slice(-12)}`;
}

describe('a LiteLLM spend log priced by the catalog', () => {
  it('reproduces the total computed by hand from the file tokens and the cited rates', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', {
      files: [fileInput('spendlogs_export.csv', fixtureBytes('litellm-spendlogs/spendlogs_export.csv'))],
    });
    expect(r.status).toBe('imported');
    // Row 1: gpt-4o-2024-08-06, 1200 prompt (none cached), 300 completion.
    // Row 2: claude-sonnet-4-5-20250929, 5000 prompt of which 4000 cached reads, 800 completion.
    // Row 3: azure/gpt-4o-mini, 900 prompt, 100 completion.
    const byHand = exactSum([
      cost(1200, RATES.gpt4o.input),
      cost(300, RATES.gpt4o.output),
      cost(1000, RATES.sonnet45.input),
      cost(4000, RATES.sonnet45.cachedInput),
      cost(800, RATES.sonnet45.output),
      cost(900, RATES.azureMini.input),
      cost(100, RATES.azureMini.output),
    ]);
    expect(byHand).toBe('0.022395');
    const summary = await engine.call('pricing/summary', {});
    expect(summary.catalogCost).toBe(byHand);
    expect(summary.unpricedTokenRows).toBe(0);
    const models = Object.fromEntries(summary.rows.map((row) => [`${row.provider} ${row.model}`, row]));
    expect(models['OpenAI gpt-4o'].catalogCost).toBe('0.006');
    expect(models['Anthropic claude-sonnet-4-5'].catalogCost).toBe('0.0162');
    expect(models['Anthropic claude-sonnet-4-5'].tokens).toBe(5800);
    expect(models['Microsoft gpt-4o-mini'].catalogCost).toBe('0.000195');
    // A proxy log is a usage source: its spend estimate is not billed cost, so there is no discount to show.
    expect(models['OpenAI gpt-4o'].billedCost).toBe('0');
    expect(models['OpenAI gpt-4o'].effectiveDiscountPercent).toBeNull();
    expect(await engine.call('pricing/unmatched', {})).toEqual([]);
  });
});
