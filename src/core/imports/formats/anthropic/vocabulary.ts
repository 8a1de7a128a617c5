import type { ChargeDraft } from '../../charge-writer';

/** What every Anthropic charge says about where it comes from. */
export function fillAnthropicBase(d: ChargeDraft): void {
  d.setText('ProviderName', 'Anthropic');
  d.setText('PublisherName', 'Anthropic');
  d.setText('InvoiceIssuerName', 'Anthropic');
  d.setText('ServiceName', 'Claude API');
  d.setText('ServiceCategory', 'AI and Machine Learning');
}

export type TokenClass = 'input' | 'output' | 'cached_read' | 'cache_write';

/**
 * Anthropic's token types, in the Admin API's spelling (cost_report `token_type`) and the
 * Console cost export's, in Costbook's classes. Anthropic's uncached input excludes cache reads
 * and writes (unlike OpenAI's input_tokens), so the classes add up without overlap.
 */
export const TOKEN_TYPES: Record<string, TokenClass> = {
  uncached_input_tokens: 'input',
  output_tokens: 'output',
  cache_read_input_tokens: 'cached_read',
  'cache_creation.ephemeral_5m_input_tokens': 'cache_write',
  'cache_creation.ephemeral_1h_input_tokens': 'cache_write',
  input_no_cache: 'input',
  input_cache_read: 'cached_read',
  input_cache_write: 'cache_write',
  input_cache_write_5m: 'cache_write',
  input_cache_write_1h: 'cache_write',
  output: 'output',
};

/** Anthropic service tiers (and the usage export's usage_type) in Costbook's vocabulary. */
export function serviceTier(text: string | null): string | null {
  switch (text?.trim().toLowerCase()) {
    case 'standard':
      return 'standard';
    case 'batch':
    case 'message_batch':
    case 'message_batches':
      return 'batch';
    case 'priority':
    case 'priority_on_demand':
      return 'priority';
    case 'flex':
    case 'flex_discount':
      return 'flex';
    default:
      return null;
  }
}

/** A usage report's notice: these rows never count as invoiced cost. */
export const USAGE_NOTE = 'This is a usage report: its rows carry tokens but no cost, and are not added to invoiced totals.';
