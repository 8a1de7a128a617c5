import { describe, expect, it } from 'vitest';
import { parseBedrockUsageType, parseMarketplaceBedrock, readableModelId, tokensPerUnit } from '../../../../../src/core/imports/formats/aws/bedrock';

describe('Bedrock usage types', () => {
  it.each([
    ['USE1-Claude4.6Sonnet-input-tokens', 'claude-4.6-sonnet', 'input', 'standard'],
    ['USE1-Claude4.6Opus-output-tokens', 'claude-4.6-opus', 'output', 'standard'],
    ['USE1-Claude3Sonnet-cache-read-input-token-count', 'claude-3-sonnet', 'cached_read', 'standard'],
    ['USW2-Claude3Sonnet-cache-write-input-token-count', 'claude-3-sonnet', 'cache_write', 'standard'],
    ['EUC1-NovaPro-mantle-output-tokens-priority', 'nova-pro', 'output', 'priority'],
    ['USE1-Claude3Haiku-batch-input-tokens', 'claude-3-haiku', 'input', 'batch'],
    ['USE1-CrossRegion-Claude3.5SonnetV2-output-tokens', 'claude-3.5-sonnet-v2', 'output', 'standard'],
    ['USE1-CrossRegionGlobal-Claude4.6Sonnet-input-tokens', 'claude-4.6-sonnet', 'input', 'standard'],
    ['USW2-Llama3-70B-input-tokens', 'llama-3-70b', 'input', 'standard'],
    ['APN1-TitanEmbeddingsG1-Text-input-tokens', 'titan-embeddings-g1-text', 'input', 'standard'],
  ])('%s -> %s %s %s', (usageType, model, tokenClass, tier) => {
    expect(parseBedrockUsageType(usageType)).toEqual({ model, tokenClass, tier, provisioned: false });
  });

  it('reads provisioned throughput as hours, not tokens', () => {
    expect(parseBedrockUsageType('USE1-Claude3Haiku-ProvisionedThroughput-NoCommit')).toEqual({
      model: 'claude-3-haiku',
      tokenClass: null,
      tier: null,
      provisioned: true,
    });
  });

  it('leaves other Bedrock usage types alone', () => {
    expect(parseBedrockUsageType('USE1-KnowledgeBase-Retrieval')).toBeNull();
    expect(parseBedrockUsageType('USE1-MP:USE1_InputTokenCount-Units')).toBeNull();
  });

  it('reads Marketplace editions from the product name', () => {
    expect(parseMarketplaceBedrock('USE1-MP:USE1_OutputTokenCount-Units', 'Claude 3 Sonnet (Amazon Bedrock Edition)')).toEqual({
      model: 'claude-3-sonnet',
      tokenClass: 'output',
      tier: 'standard',
      provisioned: false,
    });
    expect(parseMarketplaceBedrock('USE1-MP:USE1_InputTokenCount-Units', 'Some SaaS product')).toBeNull();
  });

  it('makes readable model ids', () => {
    expect(readableModelId('Mistral7BInstruct')).toBe('mistral-7b-instruct');
    expect(readableModelId('Claude3Sonnet')).toBe('claude-3-sonnet');
  });

  it('scales 1K and 1M token units and takes plain counts as tokens', () => {
    expect(tokensPerUnit('1K tokens')).toEqual({ perUnit: 1000, explicit: true });
    expect(tokensPerUnit('1M Tokens')).toEqual({ perUnit: 1_000_000, explicit: true });
    expect(tokensPerUnit('1000 tokens')).toEqual({ perUnit: 1000, explicit: true });
    expect(tokensPerUnit('Units')).toEqual({ perUnit: 1, explicit: false });
    expect(tokensPerUnit(null)).toEqual({ perUnit: 1, explicit: false });
    expect(tokensPerUnit('Hours')).toBeNull();
  });
});
