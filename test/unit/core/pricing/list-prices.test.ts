import { describe, expect, it } from 'vitest';
import { priceBook } from '../../../../src/core/pricing';

/**
 * Current list prices (USD per 1M tokens), typed here from the cited source text, not copied
 * from the catalog: genai-prices 47df840 provider YAMLs (input_mtok, output_mtok,
 * cache_read_mtok, cache_write_mtok, cache_write_1h_mtok), LiteLLM 2026-07-24 per-token costs
 * times 1e6 where genai-prices has no entry, and pricing-catalogs.md. [provider, model, date,
 * input, output, cached input, cache write]; "-" means not sold.
 */
const EXPECTED: [string, string, string, string, string, string, string][] = [
  ['openai', 'gpt-4o', '2026-11-01', '2.50', '10.00', '1.25', '-'],
  ['openai', 'gpt-4o-2024-05-13', '2026-11-01', '5.00', '15.00', '-', '-'],
  ['openai', 'gpt-4o-mini', '2026-11-01', '0.15', '0.60', '0.075', '-'],
  ['openai', 'gpt-4.1', '2026-11-01', '2.00', '8.00', '0.50', '-'],
  ['openai', 'gpt-4.1-mini', '2026-11-01', '0.40', '1.60', '0.10', '-'],
  ['openai', 'gpt-4.1-nano', '2026-11-01', '0.10', '0.40', '0.025', '-'],
  ['openai', 'gpt-5', '2026-11-01', '1.25', '10.00', '0.125', '-'],
  ['openai', 'gpt-5-mini', '2026-11-01', '0.25', '2.00', '0.025', '-'],
  ['openai', 'gpt-5-nano', '2026-11-01', '0.05', '0.40', '0.005', '-'],
  ['openai', 'gpt-5.4', '2026-11-01', '2.50', '15.00', '0.25', '-'],
  ['openai', 'gpt-5.5', '2026-11-01', '5.00', '30.00', '0.50', '-'],
  ['openai', 'gpt-5.6-luna', '2026-11-01', '0.20', '1.20', '0.02', '0.25'],
  ['openai', 'o3', '2026-11-01', '2.00', '8.00', '0.50', '-'],
  ['openai', 'o4-mini', '2026-11-01', '1.10', '4.40', '0.275', '-'],
  ['openai', 'o3-mini', '2026-11-01', '1.10', '4.40', '0.55', '-'],
  ['openai', 'o1', '2026-11-01', '15.00', '60.00', '7.50', '-'],
  ['openai', 'text-embedding-3-small', '2026-11-01', '0.02', '-', '-', '-'],
  ['openai', 'text-embedding-3-large', '2026-11-01', '0.13', '-', '-', '-'],
  ['anthropic', 'claude-sonnet-4-5', '2026-11-01', '3.00', '15.00', '0.30', '3.75'],
  ['anthropic', 'claude-sonnet-4-6', '2026-11-01', '3.00', '15.00', '0.30', '3.75'],
  ['anthropic', 'claude-haiku-4-5', '2026-11-01', '1.00', '5.00', '0.10', '1.25'],
  ['anthropic', 'claude-opus-4-6', '2026-11-01', '5.00', '25.00', '0.50', '6.25'],
  ['anthropic', 'claude-opus-4-5', '2026-11-01', '5.00', '25.00', '0.50', '6.25'],
  ['anthropic', 'claude-opus-4-1', '2026-11-01', '15.00', '75.00', '1.50', '18.75'],
  ['anthropic', 'claude-sonnet-4', '2026-11-01', '3.00', '15.00', '0.30', '3.75'],
  ['anthropic', 'claude-sonnet-5', '2026-11-01', '3.00', '15.00', '0.30', '3.75'],
  ['anthropic', 'claude-3-5-haiku', '2026-11-01', '0.80', '4.00', '0.08', '1.00'],
  ['google', 'gemini-2.5-pro', '2026-11-01', '1.25', '10.00', '0.125', '-'],
  ['google', 'gemini-2.5-flash', '2026-11-01', '0.30', '2.50', '0.03', '-'],
  ['google', 'gemini-2.5-flash-lite', '2026-11-01', '0.10', '0.40', '0.01', '-'],
  ['google', 'gemini-2.0-flash', '2026-11-01', '0.10', '0.40', '0.025', '-'],
  ['google', 'gemini-3-pro-preview', '2026-11-01', '2.00', '12.00', '0.20', '-'],
  ['google', 'gemini-3-flash-preview', '2026-11-01', '0.50', '3.00', '0.05', '-'],
  ['aws-bedrock', 'claude-sonnet-4-5', '2026-11-01', '3.00', '15.00', '0.30', '3.75'],
  ['aws-bedrock', 'claude-3-haiku', '2026-11-01', '0.25', '1.25', '-', '-'],
  ['aws-bedrock', 'llama-3-3-70b-instruct', '2026-11-01', '0.72', '0.72', '-', '-'],
  ['aws-bedrock', 'nova-pro', '2026-11-01', '0.80', '3.20', '-', '-'],
  ['aws-bedrock', 'nova-lite', '2026-11-01', '0.06', '0.24', '-', '-'],
  ['google-vertex', 'llama-4-maverick-17b-instruct', '2026-11-01', '0.35', '1.15', '-', '-'],
  ['azure-openai', 'gpt-4o', '2026-11-01', '2.50', '10.00', '1.25', '-'],
  ['azure-openai', 'gpt-4.1', '2026-11-01', '2.00', '8.00', '0.50', '-'],
  ['azure-openai', 'gpt-5', '2026-11-01', '1.25', '10.00', '0.125', '-'],
  ['mistral', 'mistral-large-2512', '2026-11-01', '0.50', '1.50', '0.05', '-'],
  ['mistral', 'mistral-medium-3', '2026-11-01', '0.40', '2.00', '-', '-'],
  ['mistral', 'codestral', '2026-11-01', '0.30', '0.90', '-', '-'],
  ['deepseek', 'deepseek-chat', '2026-11-01', '0.28', '0.42', '0.028', '-'],
  ['deepseek', 'deepseek-reasoner', '2026-11-01', '0.28', '0.42', '0.028', '-'],
  ['cohere', 'command-a', '2026-11-01', '2.50', '10.00', '-', '-'],
  ['cohere', 'command-r', '2026-11-01', '0.15', '0.60', '-', '-'],
  ['cohere', 'command-r7b', '2026-11-01', '0.0375', '0.15', '-', '-'],
  ['xai', 'grok-4', '2026-11-01', '3.00', '15.00', '0.75', '-'],
  ['xai', 'grok-3-mini', '2026-11-01', '0.30', '0.50', '0.075', '-'],
  ['xai', 'grok-4-fast-reasoning', '2026-11-01', '0.20', '0.50', '0.05', '-'],
  ['xai', 'grok-code-fast-1', '2026-11-01', '0.20', '1.50', '0.02', '-'],
];

/** Compares as numbers written in decimal ("2.5" and "2.50" are one price) without floats. */
const canonical = (d: string): string => (d === '-' ? '-' : d.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));

describe('list prices of current models, checked against the cited sources', () => {
  it(`covers at least 40 models across all providers (${EXPECTED.length} here)`, () => {
    expect(new Set(EXPECTED.map(([p, m]) => `${p}/${m}`)).size).toBeGreaterThanOrEqual(40);
    expect(new Set(EXPECTED.map(([p]) => p)).size).toBe(priceBook().providerIds().length);
  });

  it.each(EXPECTED)('%s %s on %s: input %s, output %s, cached %s, cache write %s', (provider, model, date, input, output, cached, write) => {
    const r = priceBook().priceAt(provider, model, date);
    expect(r, `${provider}/${model} has no standard price on ${date}`).not.toBeNull();
    if (r === null) return;
    const got = [r.rates.input ?? '-', r.rates.output ?? '-', r.rates.cachedInput ?? '-', r.rates.cacheWrite ?? '-'].map(canonical);
    expect(got).toEqual([input, output, cached, write].map(canonical));
    expect(r.source).toMatch(/^https:\/\//);
  });
});
