import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { priceBook } from '../../../../src/core/pricing';
import { fixturePath } from '../../helpers/engine';

const book = priceBook();

/** The strings below are copied from the fixtures; this proves each still occurs there as written. */
function inFixture(file: string, text: string): string {
  expect(readFileSync(fixturePath(file), 'utf8')).toContain(text);
  return text;
}

function matched(name: string, provider?: string) {
  const r = book.resolveModel(name, provider);
  if (r.status !== 'matched') throw new Error(`${name}: ${JSON.stringify(r)}`);
  return r;
}

describe('resolveModel: every alias family, with real strings from the fixtures', () => {
  it('OpenAI dated snapshots and cost line items', () => {
    for (const f of ['openai-admin-api/usage_completions_example.json', 'openai-admin-api-grouped/usage_completions_grouped.json']) {
      const text = readFileSync(fixturePath(f), 'utf8');
      for (const m of text.match(/"model": "[^"]+"/g) ?? []) expect(book.resolveModel(m.slice(10, -1)).status).toBe('matched');
    }
    expect(matched(inFixture('openai-admin-api-grouped/usage_completions_grouped.json', 'gpt-4o-2024-08-06'))).toMatchObject({ model: 'gpt-4o', provider: 'openai', kind: 'snapshot' });
    expect(matched('gpt-4o-mini-2024-07-18')).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai' });
    expect(matched('gpt-5-2025-08-07')).toMatchObject({ model: 'gpt-5', provider: 'openai' });
    const csv = 'openai-dashboard-csv-line-items/cost_export_by_line_item.csv';
    expect(matched(inFixture(csv, 'gpt-4o-2024-08-06, cached input'))).toMatchObject({ model: 'gpt-4o', coordinate: { meter: 'cachedInput' } });
    expect(matched(inFixture(csv, 'gpt-4o-2024-08-06, output'))).toMatchObject({ model: 'gpt-4o', coordinate: { meter: 'output' } });
    const batch = inFixture('openai-admin-api-grouped/costs_by_line_item.json', 'gpt-4o-mini-2024-07-18, input (batch)');
    expect(matched(batch)).toMatchObject({ model: 'gpt-4o-mini', coordinate: { meter: 'input', tier: 'batch' } });
  });

  it('never folds gpt-4o-2024-05-13 into gpt-4o: it is another price', () => {
    expect(matched('gpt-4o-2024-05-13').model).toBe('gpt-4o-2024-05-13');
    expect(book.resolveModel('gpt-4o-2024-05-13, input').status).toBe('unmatched');
  });

  it('Azure OpenAI meter names, in all the fixture spellings', () => {
    const f = 'azure-openai-ea-export/azure_openai_ea_actual_synthetic.csv';
    expect(matched(inFixture(f, 'gpt-4o-0806-Inp-glbl Tokens'))).toMatchObject({ model: 'gpt-4o', provider: 'azure-openai', kind: 'azure-meter', coordinate: { meter: 'input', scope: 'global' } });
    expect(matched(inFixture(f, 'gpt-4o-0806-Outp-glbl Tokens')).coordinate).toEqual({ meter: 'output', scope: 'global' });
    expect(matched(inFixture(f, 'gpt 4o 0806 cached Inp glbl Tokens')).coordinate).toEqual({ meter: 'cachedInput', scope: 'global' });
    expect(matched(inFixture(f, 'GPT 5 Inpt Glbl Tokens'))).toMatchObject({ model: 'gpt-5', provider: 'azure-openai', coordinate: { meter: 'input' } });
    expect(book.resolveModel(inFixture(f, 'Provisioned Managed Global Unit')).status).toBe('unmatched');
    expect(matched('gpt 4o mini0718 BatchOutp DataZone').coordinate).toEqual({ meter: 'output', tier: 'batch', scope: 'data-zone' });
  });

  it('Bedrock usage types (region, meter, tier, scope) and model ids with inference-profile prefixes', () => {
    const f = 'aws-cur2-bedrock/cur2_bedrock_subset.csv';
    expect(matched(inFixture(f, 'USE1-Claude4.6Sonnet-input-tokens'))).toMatchObject({
      model: 'claude-sonnet-4-6',
      provider: 'aws-bedrock',
      kind: 'bedrock-usage-type',
      coordinate: { meter: 'input', region: 'USE1' },
    });
    expect(matched(inFixture(f, 'USE1-Claude4.6Sonnet-cache-read-input-token-count')).coordinate.meter).toBe('cachedInput');
    expect(matched(inFixture(f, 'USE1-Claude4.6Sonnet-cache-write-input-token-count')).coordinate.meter).toBe('cacheWrite');
    expect(matched('USE1-Claude4.5Sonnet-cache-write-input-token-count-1-hour').coordinate.meter).toBe('cacheWrite1h');
    expect(matched('USE1-Claude4.5Sonnet-input-tokens-cross-region-global').coordinate.scope).toBe('global');
    expect(matched('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'aws-bedrock', coordinate: { scope: 'data-zone' } });
    expect(matched('global.anthropic.claude-sonnet-4-5-20250929-v1:0').coordinate.scope).toBe('global');
    expect(matched('anthropic.claude-sonnet-4-5-20250929-v1:0').coordinate.scope).toBe('regional');
    // Version digits are significant: Claude3 is not Claude3.5, and an unknown squashed name stays unmatched.
    expect(matched('USW2-Claude3Haiku-output-tokens').model).toBe('claude-3-haiku');
    expect(book.resolveModel('USE1-Claude3Sonnet-input-tokens').status).toBe('unmatched');
  });

  it('Vertex SKU descriptions, with caching, thinking and batch', () => {
    const f = 'gcp-billing-vertex-synthetic/gcp_billing_export_vertex_synthetic.csv';
    expect(matched(inFixture(f, 'Gemini 2.5 Flash GA Text Input - Predictions'))).toMatchObject({ model: 'gemini-2.5-flash', provider: 'google-vertex', kind: 'vertex-sku', coordinate: { meter: 'input' } });
    expect(matched(inFixture(f, 'Gemini 2.5 Flash GA Text Output - Predictions')).coordinate.meter).toBe('output');
    expect(matched(inFixture(f, 'Gemini 2.5 Flash GA Input Text Caching')).coordinate.meter).toBe('cachedInput');
    expect(matched(inFixture(f, 'Gemini 2.5 Flash Text Input - Batch Predictions')).coordinate).toEqual({ meter: 'input', tier: 'batch' });
    expect(matched(inFixture(f, 'Gemini 1.5 Pro Input Text')).model).toBe('gemini-1.5-pro');
    // Cache storage is billed per token-hour, not per token: it must not pass for cached input.
    expect(book.resolveModel(inFixture(f, 'Gemini 2.5 Flash GA Text Input Caching Storage')).status).toBe('unmatched');
    expect(matched(inFixture('gcp-cost-table-console/gcp_cost_table_console.csv', 'Gemini 2.5 Pro Text Output - Predictions'))).toMatchObject({ model: 'gemini-2.5-pro', coordinate: { meter: 'output' } });
  });

  it('Anthropic display names from the Console cost exports and model ids from the usage export', () => {
    expect(matched(inFixture('anthropic-console-csv/cost_export_2026.csv', 'Claude Haiku 4.5'))).toMatchObject({ model: 'claude-haiku-4-5', provider: 'anthropic', kind: 'display-name' });
    expect(matched(inFixture('anthropic-console-csv/cost_export_2026.csv', 'Claude Sonnet 4.5')).model).toBe('claude-sonnet-4-5');
    expect(matched(inFixture('anthropic-console-csv/cost_export_2024_v1.csv', 'Claude 3.5 Sonnet 2024-10-22')).model).toBe('claude-3-5-sonnet');
    expect(matched(inFixture('anthropic-console-csv/usage_export_2026.csv', 'claude-sonnet-4-5-20250929'))).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'anthropic' });
    expect(matched('claude haiku 4.5').model).toBe('claude-haiku-4-5');
  });

  it('Cursor model names; Cursor-only names stay unmatched', () => {
    const f = 'cursor-usage-csv/team_usage_events.csv';
    expect(matched(inFixture(f, 'claude-4.5-sonnet-thinking'))).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'anthropic', kind: 'cursor' });
    expect(matched(inFixture(f, 'gpt-5')).model).toBe('gpt-5');
    expect(book.resolveModel(inFixture(f, 'auto')).status).toBe('unmatched');
    expect(book.resolveModel(inFixture('cursor-usage-csv/individual_usage_events_v3.csv', 'composer-1.5')).status).toBe('unmatched');
  });

  it('prefers the maker for a bare model id, honours --provider, and leaves resellers-only models open', () => {
    expect(matched('claude-sonnet-4-5')).toMatchObject({ provider: 'anthropic', providers: ['anthropic', 'aws-bedrock', 'google-vertex'] });
    expect(matched('claude-sonnet-4-5', 'aws-bedrock').provider).toBe('aws-bedrock');
    expect(matched('llama-4-maverick-17b-instruct')).toMatchObject({ provider: null, providers: ['aws-bedrock', 'google-vertex'] });
    expect(book.resolveModel('gpt-4o', 'anthropic').status).toBe('unmatched');
    expect(book.resolveModel('gpt-4o', 'nobody')).toEqual({ status: 'unmatched', reason: 'unknown provider "nobody"' });
  });

  it('matches whole names only: a prefix or a longer name is not a match', () => {
    for (const name of ['gpt-4', 'gpt-4o-2024', 'claude-sonnet', 'gpt-5-2025-08-07-extra', 'xgpt-4o-0806-Inp-glbl Tokens', '']) expect(book.resolveModel(name).status).toBe('unmatched');
  });

  it('reports an ambiguous spelling with its candidates instead of choosing', async () => {
    const { createPriceBook } = await import('../../../../src/core/pricing');
    const p = (id: string) => ({ id, name: id, aliases: [{ kind: 'display-name' as const, exact: 'Shared Name' }], prices: [] });
    const twin = createPriceBook({ schemaVersion: 1, providers: [{ provider: 'a', name: 'A', firstParty: true, defaultScope: 'global', pricingUrls: [], models: [p('m-1'), p('m-2')] }] });
    const r = twin.resolveModel('shared name');
    expect(r.status).toBe('ambiguous');
    if (r.status === 'ambiguous') expect(r.candidates.map((c) => c.model)).toEqual(['m-1', 'm-2']);
  });
});

describe('priceAt', () => {
  it('returns the record valid at the date and null before any price (never today\'s price)', () => {
    expect(book.priceAt('openai', 'o3', '2025-06-09')?.rates.input).toBe('10.00');
    expect(book.priceAt('openai', 'o3', '2025-06-10')?.rates.input).toBe('2.00');
    expect(book.priceAt('openai', 'o3', '2025-04-15')).toBeNull();
    expect(book.priceAt('openai', 'gpt-4o', '2024-09-30')?.rates.cachedInput).toBeUndefined();
    expect(book.priceAt('openai', 'gpt-4o', '2024-10-01')?.rates.cachedInput).toBe('1.25');
  });

  it('picks tiers, scopes and long-context records', () => {
    expect(book.priceAt('openai', 'gpt-4.1', '2025-05-01', { tier: 'batch' })?.rates).toEqual({ input: '1.00', output: '4.00' });
    expect(book.priceAt('openai', 'gpt-5', '2025-09-01', { tier: 'batch' })).toBeNull();
    expect(book.priceAt('aws-bedrock', 'claude-sonnet-4-5', '2025-10-01', { scope: 'data-zone' })?.rates.input).toBe('3.30');
    expect(book.priceAt('aws-bedrock', 'claude-sonnet-4-5', '2025-10-01', { scope: 'global' })?.rates.input).toBe('3.00');
    const long = book.priceAt('anthropic', 'claude-sonnet-4-5', '2025-10-01', { inputTokens: 250_000 });
    expect(long).toMatchObject({ contextAbove: 200000, repricesWholeRequest: true, rates: { input: '6.00', output: '22.50' } });
    expect(book.priceAt('anthropic', 'claude-sonnet-4-5', '2025-10-01', { inputTokens: 200_000 })?.rates.input).toBe('3.00');
  });

  it('follows dated price changes: an introductory price and a cut', () => {
    expect(book.priceAt('anthropic', 'claude-sonnet-5', '2026-08-31')?.rates.input).toBe('2.00');
    expect(book.priceAt('anthropic', 'claude-sonnet-5', '2026-09-01')?.rates.input).toBe('3.00');
    expect(book.priceAt('openai', 'gpt-5.6-luna', '2026-07-29')?.rates.output).toBe('6.00');
    expect(book.priceAt('openai', 'gpt-5.6-luna', '2026-07-30')?.rates.output).toBe('1.20');
    expect(book.priceAt('deepseek', 'deepseek-chat', '2025-09-28')?.rates.output).toBe('1.10');
    expect(book.priceAt('deepseek', 'deepseek-chat', '2025-09-29')?.rates.output).toBe('0.42');
  });

  it('has nothing for a model known only by name', () => {
    expect(book.priceAt('google-vertex', 'gemini-1.5-pro', '2025-01-01')).toBeNull();
    expect(book.priceAt('nobody', 'gpt-4o', '2025-01-01')).toBeNull();
  });
});
