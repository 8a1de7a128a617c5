import type { ChargeDraft } from '../../charge-writer';

/** What every OpenAI charge says about where it comes from. */
export function fillOpenAiBase(d: ChargeDraft): void {
  d.setText('ProviderName', 'OpenAI');
  d.setText('PublisherName', 'OpenAI');
  d.setText('InvoiceIssuerName', 'OpenAI');
  d.setText('ServiceName', 'OpenAI API');
  d.setText('ServiceCategory', 'AI and Machine Learning');
}

export type TokenClass = 'input' | 'output' | 'cached_read' | 'cache_write' | 'reasoning';

export type LineItem = { model: string; tokenClass: TokenClass; batch: boolean };

/** Token-direction words OpenAI puts after the model in a cost line item, squashed to letters. */
const CLASS_WORDS: Record<string, TokenClass> = {
  input: 'input',
  inputs: 'input',
  uncachedinput: 'input',
  output: 'output',
  outputs: 'output',
  cachedinput: 'cached_read',
  inputcached: 'cached_read',
  cachedread: 'cached_read',
  cacheread: 'cached_read',
  cachewrite: 'cache_write',
  cachedwrite: 'cache_write',
  inputcachewrite: 'cache_write',
  reasoning: 'reasoning',
};

/** A model id: one word of letters, digits and . - _ : / (fine-tuned ids hold colons). */
const MODEL_ID = /^[a-z0-9][\w.:/-]*$/i;

/**
 * Reads "gpt-4o-2024-08-06, input" (the cost endpoint's and the dashboard's line items, when
 * grouped by line item) as model + token class. A trailing "batch" word marks the batch tier.
 * Line items that are not of that form ("Web search tool calls") give null: the text is still
 * kept as the charge's description, nothing is guessed from it.
 */
export function parseLineItem(text: string | null): LineItem | null {
  if (text === null) return null;
  const comma = text.lastIndexOf(',');
  if (comma <= 0) return null;
  const model = text.slice(0, comma).trim();
  let words = text.slice(comma + 1).toLowerCase();
  const batch = /\bbatch\b/.test(words);
  words = words.replace(/\(?\bbatch\b\)?/g, '').replace(/tokens?/g, '').replace(/[^a-z]/g, '');
  const tokenClass = CLASS_WORDS[words];
  if (tokenClass === undefined || !MODEL_ID.test(model)) return null;
  return { model, tokenClass, batch };
}

/** OpenAI's `quantity_unit` values: the FOCUS-style unit and how many tokens one unit holds. */
const QUANTITY_UNITS: Record<string, { unit: string; tokens: number | null }> = {
  tokens: { unit: 'Tokens', tokens: 1 },
  '1000_tokens': { unit: '1K Tokens', tokens: 1000 },
  duration_seconds: { unit: 'Seconds', tokens: null },
  duration_minutes: { unit: 'Minutes', tokens: null },
  duration_hours: { unit: 'Hours', tokens: null },
  gibibyte_hours: { unit: 'GiB-Hours', tokens: null },
  images: { unit: 'Images', tokens: null },
  characters: { unit: 'Characters', tokens: null },
};

export function quantityUnit(text: string | null): { unit: string; tokens: number | null } | null {
  if (text === null) return null;
  return QUANTITY_UNITS[text.trim().toLowerCase()] ?? { unit: text, tokens: null };
}

/**
 * OpenAI `service_tier` values in Costbook's vocabulary (standard | batch | priority | flex).
 * Others ("scale", "auto") have no counterpart and give null; the importer says so.
 */
export function serviceTier(text: string | null): string | null {
  if (text === null) return null;
  switch (text.trim().toLowerCase()) {
    case 'default':
    case 'standard':
      return 'standard';
    case 'batch':
      return 'batch';
    case 'priority':
      return 'priority';
    case 'flex':
      return 'flex';
    default:
      return null;
  }
}

/** A cost line item on a charge: kept as meter and description, read for model, token class and tier. */
export function applyLineItem(d: ChargeDraft, lineItem: string | null): void {
  d.setText('SkuMeter', lineItem);
  d.setText('ChargeDescription', lineItem);
  const item = parseLineItem(lineItem);
  if (item === null) return;
  d.setText('x_Model', item.model);
  d.setText('x_TokenClass', item.tokenClass);
  if (item.batch) d.setText('x_ServiceTier', 'batch');
}
