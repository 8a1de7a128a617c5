import { normaliseName } from './normalise';
import type { PriceBook } from './resolve';

/**
 * Bills name their seller as the seller writes it ("AWS", "Microsoft", "Google Cloud"); the
 * catalog names price lists by id. Only the names Costbook's importers write, and the common
 * FOCUS spellings, are mapped: a seller with no price list (Cursor, GitHub) stays unpriced rather
 * than being priced with the model maker's list, which is not what that seller charges.
 */
const SELLERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  microsoft: 'azure-openai',
  azure: 'azure-openai',
  'microsoft azure': 'azure-openai',
  'azure openai': 'azure-openai',
  aws: 'aws-bedrock',
  'amazon web services': 'aws-bedrock',
  'amazon bedrock': 'aws-bedrock',
  'google cloud': 'google-vertex',
  'google cloud platform': 'google-vertex',
  gcp: 'google-vertex',
  google: 'google',
  'mistral ai': 'mistral',
  mistral: 'mistral',
  deepseek: 'deepseek',
  cohere: 'cohere',
  xai: 'xai',
};

/** The catalog provider id for a charge's ProviderName, or null when the catalog has no list for it. */
export function catalogProvider(book: PriceBook, providerName: string | null): string | null {
  if (providerName === null) return null;
  const key = normaliseName(providerName);
  const ids = book.providerIds();
  if (ids.includes(key)) return key;
  const mapped = SELLERS[key];
  return mapped !== undefined && ids.includes(mapped) ? mapped : null;
}
