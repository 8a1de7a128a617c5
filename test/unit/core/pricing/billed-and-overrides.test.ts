import { describe, expect, it } from 'vitest';
import type { PriceOverrideInput } from '../../../../src/shared/contract';
import { fileInput, testEngine } from '../../helpers/engine';

const FOCUS_HEADER = 'ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,BillingCurrency,ProviderName,ServiceName,ChargeCategory,x_Model,x_TokenClass,x_Tokens,x_ServiceTier';
const day = (d: string): string => `${d}T00:00:00Z`;

const CONSOLE_HEADER =
  'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed';

/** One million Sonnet 4.5 input tokens ($3.00 at list) on each of three days, and 100k output tokens ($1.50) on the last. */
const SONNET_DAYS = [
  CONSOLE_HEADER,
  '2026-03-01,claude-sonnet-4-5-20250929,k,Default,standard,,1000000,0,0,0,0,0,global,',
  '2026-03-15,claude-sonnet-4-5-20250929,k,Default,standard,,1000000,0,0,0,0,0,global,',
  '2026-04-01,claude-sonnet-4-5-20250929,k,Default,standard,,1000000,0,0,0,100000,0,global,',
].join('\n');

const override = (o: Partial<PriceOverrideInput>): PriceOverrideInput => ({
  provider: 'anthropic', model: 'claude-sonnet-4-5', meter: null, kind: 'discount', discountPercent: null, rates: null, from: '2026-01-01', to: null, ...o,
});

async function sonnetCost(engine: Awaited<ReturnType<typeof testEngine>>['engine']) {
  const s = await engine.call('pricing/summary', {});
  const row = s.rows.find((r) => r.model === 'claude-sonnet-4-5');
  return { cost: row?.catalogCost, overrideRows: row?.overrideRows };
}

describe('billed rows', () => {
  it('keep their billed cost, gain the catalog cost, and show the effective discount', async () => {
    const { engine } = await testEngine();
    const csv = [
      FOCUS_HEADER,
      // gpt-4o: 1.2M input at $2.50 = $3.00 list, billed 2.70; 100k output at $10 = $1.00 list, billed 0.95.
      `${day('2026-03-01')},${day('2026-03-02')},2.70,2.70,2.70,USD,OpenAI,OpenAI API,Usage,gpt-4o,input,1200000,standard`,
      `${day('2026-03-01')},${day('2026-03-02')},0.95,0.95,0.95,USD,OpenAI,OpenAI API,Usage,gpt-4o,output,100000,standard`,
      `${day('2026-03-01')},${day('2026-03-02')},5.00,5.00,5.00,USD,OpenAI,OpenAI API,Usage,gpt-99,input,10,standard`,
    ].join('\n');
    const [r] = await engine.call('import/files', { files: [fileInput('focus.csv', csv)] });
    expect(r.status).toBe('imported');
    const totals = await engine.call('summary/totals', { by: [] });
    expect(totals.billedCost).toBe('8.65');
    const s = await engine.call('pricing/summary', {});
    const gpt4o = s.rows.find((x) => x.model === 'gpt-4o');
    expect(gpt4o).toMatchObject({ billedCost: '3.65', catalogCost: '4', invoicedCatalogCost: '4', invoicedBilledCost: '3.65', effectiveDiscountPercent: '8.75', tokens: 1_300_000 });
    // Unpriced billed spend comes first in the report: it is what the analyst has to explain.
    const unmatched = await engine.call('pricing/unmatched', {});
    expect(unmatched[0]).toMatchObject({ name: 'gpt-99', provider: 'OpenAI', billedCost: '5', tokens: 10, status: 'unmatched' });
  });
});

describe('price overrides', () => {
  it('win over the catalog within their dates only, the most specific first, and undo when deleted', async () => {
    const { engine, events } = await testEngine();
    await engine.call('import/files', { files: [fileInput('usage.csv', SONNET_DAYS)] });
    expect(await sonnetCost(engine)).toEqual({ cost: '10.5', overrideRows: 0 });

    const discount = await engine.call('pricing/override-save', { override: override({ discountPercent: '20', from: '2026-03-10', to: '2026-04-01' }) });
    // Only 2026-03-15 lies in [03-10, 04-01): $3.00 → $2.40.
    expect(discount.run.override).toBe(1);
    expect(await sonnetCost(engine)).toEqual({ cost: '9.9', overrideRows: 1 });
    expect(events.some((e) => e.name === 'db/changed' && JSON.stringify(e.payload).includes('price_overrides'))).toBe(true);

    await engine.call('pricing/override-save', { override: override({ kind: 'rates', meter: 'input', rates: { input: '2.00' }, from: '2026-03-31' }) });
    // 2026-04-01 input: explicit $2.00; its output keeps the catalog's $15 (the rates name input only).
    expect(await sonnetCost(engine)).toEqual({ cost: '8.9', overrideRows: 2 });

    await engine.call('pricing/override-delete', { id: discount.override.id });
    expect(await sonnetCost(engine)).toEqual({ cost: '9.5', overrideRows: 1 });
    expect((await engine.call('pricing/overrides', {})).map((o) => o.kind)).toEqual(['rates']);
  });

  it('round a discount that leaves fractions of a picodollar per token once per charge', async () => {
    const { engine } = await testEngine();
    const csv = [CONSOLE_HEADER, '2026-03-01,claude-sonnet-4-5-20250929,k,Default,standard,,1000001,0,0,0,0,0,global,'].join('\n');
    await engine.call('import/files', { files: [fileInput('usage.csv', csv)] });
    await engine.call('pricing/override-save', { override: override({ discountPercent: '7.77777' }) });
    // 3e6 pico per token × 0.9222223 = 2766666.9; × 1000001 tokens = 2766669666666.9 → 2766669666667 pico.
    expect(await sonnetCost(engine)).toEqual({ cost: '2.766669666667', overrideRows: 1 });
  });

  it('refuses an override it could not apply', async () => {
    const { engine } = await testEngine();
    await expect(engine.call('pricing/override-save', { override: override({ discountPercent: '120' }) })).rejects.toMatchObject({ code: 'pricing/invalid-override' });
    await expect(engine.call('pricing/override-save', { override: override({ model: 'gpt-4o' }) })).rejects.toMatchObject({ code: 'pricing/invalid-override' });
    await expect(engine.call('pricing/override-save', { override: override({ kind: 'rates', rates: { input: '1,50' } }) })).rejects.toMatchObject({ code: 'pricing/invalid-override' });
    expect(await engine.call('pricing/overrides', {})).toEqual([]);
  });
});
