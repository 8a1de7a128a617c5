import { describe, expect, it } from 'vitest';
import { isGoogleAiLine, parseGoogleAiSku, tokensPerUnit } from '../../../../../src/core/imports/formats/gcp/ai-sku';

describe('Vertex AI / Gemini SKU descriptions', () => {
  it.each([
    ['Gemini 2.5 Flash GA Text Input - Predictions', 'gemini-2.5-flash', 'input', 'standard'],
    ['Gemini 3 Flash Text Output - Predictions', 'gemini-3-flash', 'output', 'standard'],
    ['Gemini 2.5 Flash GA Thinking Text Output - Predictions', 'gemini-2.5-flash', 'reasoning', 'standard'],
    ['Gemini 3 Flash Text Input Caching', 'gemini-3-flash', 'cached_read', 'standard'],
    ['Gemini 2.5 Flash GA Input Text Caching', 'gemini-2.5-flash', 'cached_read', 'standard'],
    ['Gemini 2.5 Flash Text Input - Batch Predictions', 'gemini-2.5-flash', 'input', 'batch'],
    ['Gemini 3 Flash Text Input Flex - Predictions', 'gemini-3-flash', 'input', 'flex'],
    ['Gemini 3.7 Flash Global Text Input - Predictions', 'gemini-3.7-flash', 'input', 'standard'],
    ['Gemini 3 Pro Text Input Priority - Predictions', 'gemini-3-pro', 'input', 'priority'],
    ['Gemini 3.5 Flash text input, flex', 'gemini-3.5-flash', 'input', 'flex'],
    ['Gemini 2.0 Flash Lite Text Output', 'gemini-2.0-flash-lite', 'output', 'standard'],
    ['Gemini 1.5 Pro Input Text', 'gemini-1.5-pro', 'input', 'standard'],
    ['Cloud Vertex AI Model Garden Model as a Service Gemma-4 Input Token', 'gemma-4', 'input', 'standard'],
  ])('%s → %s %s %s', (sku, model, tokenClass, tier) => {
    expect(parseGoogleAiSku(sku)).toEqual({ model, tokenClass, tier, storage: false });
  });

  it('keeps cache storage (billed by time) without a token class', () => {
    expect(parseGoogleAiSku('Gemini 3 Flash Text Input Caching Storage')).toEqual({ model: 'gemini-3-flash', tokenClass: null, tier: null, storage: true });
  });

  it('tells AI lines by service or a Gemini SKU', () => {
    expect(isGoogleAiLine('Vertex AI', 'Online prediction')).toBe(true);
    expect(isGoogleAiLine('Gemini API', 'Gemini 3.5 Flash text input')).toBe(true);
    expect(isGoogleAiLine('Compute Engine', 'E2 Instance Core running in Americas')).toBe(false);
  });

  it('counts tokens only in token units: characters, hours and bytes are not tokens', () => {
    expect(['token', 'tokens', 'count', 'k{token}', '1000 tokens', 'M tokens'].map(tokensPerUnit)).toEqual([1, 1, 1, 1000, 1000, 1_000_000]);
    expect(['char', 'k{char}', 'h', 'bytes', 'requests'].map(tokensPerUnit)).toEqual([null, null, null, null, null]);
  });
});
