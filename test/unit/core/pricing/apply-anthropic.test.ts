import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../helpers/engine';

/** tokens × rate (USD per 1M tokens, up to 6 decimals) / 1e6, as exact decimal text. */
function cost(tokens: number, rate: string): string {
  const [i, f = ''] = rate.split('.');
  const s = (BigInt(tokens) * (BigInt(i) * 1_000_000n + BigInt(f.padEnd(6, '0')))).toString().padStart(13, '0');
  return `${s.slice(0, -12)}.${s.slice(-12)}`;
}

const HEADER =
  'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed';

describe('an Anthropic Console usage export priced by the catalog', () => {
  it('prices every token class at its own rate: batch, 5-minute and 1-hour cache writes included', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', {
      files: [fileInput('usage_export_2026.csv', fixtureBytes('anthropic-console-csv/usage_export_2026.csv'))],
    });
    expect(r.status).toBe('imported');
    // anthropic.com/pricing: Sonnet 4.5 $3 in, $15 out, $0.30 cache read, $3.75 5-minute write, $6 1-hour write;
    // Haiku 4.5 batch $0.50 in, $2.50 out.
    const sonnet = exactSum([
      cost(120345, '3.00'), cost(20480, '3.75'), cost(880120, '0.30'), cost(45210, '15.00'),
      cost(98000, '3.00'), cost(4096, '6.00'), cost(512000, '0.30'), cost(30100, '15.00'),
    ]);
    const haiku = exactSum([cost(5_000_000, '0.50'), cost(350_000, '2.50')]);
    const summary = await engine.call('pricing/summary', {});
    const by = Object.fromEntries(summary.rows.map((row) => [row.model, row]));
    expect(by['claude-sonnet-4-5'].catalogCost).toBe(sonnet);
    expect(by['claude-haiku-4-5'].catalogCost).toBe(haiku);
    expect(summary.catalogCost).toBe(exactSum([sonnet, haiku]));
    // The web-search line has no tokens: it is not a token charge and is never reported as unpriced.
    expect(summary.unpricedTokenRows).toBe(0);
  });

  it('leaves usage before a model\'s first price and unknown models unpriced, and reports them', async () => {
    const { engine } = await testEngine();
    const csv = [
      HEADER,
      // Haiku 4.5's first price is 2025-10-15: a day earlier must not take it.
      '2025-10-14,claude-haiku-4-5-20251001,k,Default,standard,,1000,0,0,0,200,0,global,',
      '2025-10-15,claude-haiku-4-5-20251001,k,Default,standard,,1000,0,0,0,0,0,global,',
      '2026-01-05,claude-mystery-9,k,Default,standard,,7000,0,0,0,3000,0,global,',
    ].join('\n');
    await engine.call('import/files', { files: [fileInput('usage.csv', csv)] });
    const unmatched = await engine.call('pricing/unmatched', {});
    const mystery = unmatched.find((u) => u.name === 'claude-mystery-9');
    expect(mystery).toMatchObject({ provider: 'Anthropic', status: 'unmatched', tokens: 10000, rows: 2, firstDay: '2026-01-05' });
    const early = unmatched.find((u) => u.name === 'claude-haiku-4-5-20251001');
    expect(early).toMatchObject({ status: 'no-price-at-date', tokens: 1200, rows: 2, firstDay: '2025-10-14', lastDay: '2025-10-14' });
    expect(early?.reason).toContain('before 2025-10-15');
    expect(unmatched).toHaveLength(2);
    const summary = await engine.call('pricing/summary', {});
    expect(summary.catalogCost).toBe(exactSum([cost(1000, '1.00')]));
    expect(summary.unpricedTokenRows).toBe(4);
  });
});
