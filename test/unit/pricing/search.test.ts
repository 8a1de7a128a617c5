import { describe, expect, it } from 'vitest';
import { priceBook } from '../../../src/core/pricing';
import { testEngine } from '../helpers/engine';

const key = (h: { provider: string; model: string }) => `${h.provider}/${h.model}`;

describe('finding a model in the price catalog', () => {
  it('finds a model by the words of its name: "sonnet 4.5" is Sonnet 4.5 at each seller, the maker first, and not Sonnet 4', async () => {
    const { engine } = await testEngine();
    const hits = await engine.call('pricing/search', { query: 'sonnet 4.5' });
    expect(hits.map(key)).toEqual(['anthropic/claude-sonnet-4-5', 'aws-bedrock/claude-sonnet-4-5', 'google-vertex/claude-sonnet-4-5']);
    expect(hits[0]).toMatchObject({ name: 'Claude Sonnet 4.5', providerName: 'Anthropic API', match: 'words', aliasCount: 4, priced: true });
  });

  it('ranks whole words and fewer extra words first', async () => {
    const { engine } = await testEngine();
    const hits = await engine.call('pricing/search', { query: 'sonnet 4' });
    // Sonnet 4 matches every word whole with nothing left over; Sonnet 4.5 and 4.6 have a word more.
    expect(hits.slice(0, 2).map(key)).toEqual(['anthropic/claude-sonnet-4', 'aws-bedrock/claude-sonnet-4']);
    expect(hits.map((h) => h.model)).toContain('claude-sonnet-4-5');
  });

  it('resolves a billing spelling to the canonical model at its seller, with what the spelling says, then the other sellers', async () => {
    const { engine } = await testEngine();
    const hits = await engine.call('pricing/search', { query: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    expect(hits.map((h) => [key(h), h.match])).toEqual([
      ['aws-bedrock/claude-sonnet-4-5', 'exact'],
      ['anthropic/claude-sonnet-4-5', 'same-model'],
      ['google-vertex/claude-sonnet-4-5', 'same-model'],
    ]);
    expect(hits[0].coordinate).toEqual({ scope: 'data-zone' });
    expect(hits[0].matchedText).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');

    const azure = await engine.call('pricing/search', { query: 'gpt-4o-mini-0718-Batch-Inp-glbl' });
    expect(azure[0]).toMatchObject({ provider: 'azure-openai', model: 'gpt-4o-mini', match: 'exact', coordinate: { meter: 'input', tier: 'batch', scope: 'global' } });
  });

  it('lists every catalog model for an empty query and nothing for words no model has', async () => {
    const { engine } = await testEngine();
    const all = await engine.call('pricing/search', { query: '  ', limit: 1000 });
    const count = priceBook().catalog.providers.reduce((n, p) => n + p.models.length, 0);
    expect(all).toHaveLength(count);
    expect(new Set(all.map(key)).size).toBe(count);
    expect(all.every((h) => h.match === 'all')).toBe(true);
    expect(await engine.call('pricing/search', { query: 'sonnet 9.9' })).toEqual([]);
    expect(await engine.call('pricing/search', { query: 'gpt', limit: 3 })).toHaveLength(3);
  });
});

describe('a model\'s price history', () => {
  it('gives every record with its dates, tier, scope, rates as decimal text, source and check date, and the aliases', async () => {
    const { engine } = await testEngine();
    const d = await engine.call('pricing/model', { provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(d).not.toBeNull();
    if (d === null) return;
    expect(d).toMatchObject({ providerName: 'Anthropic API', name: 'Claude Sonnet 4.5', defaultScope: 'global' });
    expect(d.records).toHaveLength(3);
    expect(d.records[0]).toEqual({
      from: '2025-09-29',
      to: null,
      tier: 'standard',
      scope: 'global',
      unit: '1M tokens',
      contextAbove: null,
      repricesWholeRequest: null,
      rates: { input: '3.00', output: '15.00', cachedInput: '0.30', cacheWrite: '3.75', cacheWrite1h: '6.00' },
      source: 'https://www.anthropic.com/pricing#api',
      checked: '2026-07-29',
      note: null,
    });
    // The long-context record follows its base record; batch comes after standard.
    expect(d.records.map((r) => [r.tier, r.contextAbove])).toEqual([['standard', null], ['standard', 200000], ['batch', null]]);
    expect(d.records[1].repricesWholeRequest).toBe(true);
    expect(d.aliases.map((a) => [a.kind, a.text, a.isPattern])).toContainEqual(['snapshot', 'claude-sonnet-4-5-20250929', false]);
    expect(d.sellers.map((s) => s.provider)).toEqual(['anthropic', 'aws-bedrock', 'google-vertex']);
  });

  it('shows a dated price change as two records that meet', async () => {
    const { engine } = await testEngine();
    const d = await engine.call('pricing/model', { provider: 'openai', model: 'gpt-4o' });
    const standard = d?.records.filter((r) => r.tier === 'standard') ?? [];
    expect(standard.map((r) => [r.from, r.to, r.rates.cachedInput ?? null])).toEqual([
      ['2024-08-06', '2024-10-01', null],
      ['2024-10-01', null, '1.25'],
    ]);
  });

  it('is null for a model the seller does not list', async () => {
    const { engine } = await testEngine();
    expect(await engine.call('pricing/model', { provider: 'openai', model: 'claude-sonnet-4-5' })).toBeNull();
    expect(await engine.call('pricing/model', { provider: 'nobody', model: 'gpt-4o' })).toBeNull();
  });
});
