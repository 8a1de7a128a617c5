import { tokenLines, type TokenLine } from './tools-reader';

/** Who made the records: LiteLLM proxies estimate spend, they never invoice it. */
export const LITELLM_ISSUER = 'LiteLLM proxy';

export const LITELLM_WARNINGS = [
  "LiteLLM spend is the proxy's estimate from its own price list, not an invoice: it is kept as usage and is not added to invoiced totals.",
  'LiteLLM spend is in US dollars and is used for billed, effective and list cost alike.',
  "Each record's whole spend and request count are on its input line; its output and cache lines carry tokens only.",
];

/**
 * LiteLLM tags are "key:value" texts (`["project:chatbot", "env:prod"]`). A tag without a colon is
 * a key without a value. Keys must be unique in a tag set, so the first occurrence wins.
 */
export function addTagText(tags: Map<string, string | null>, tag: string): void {
  const at = tag.indexOf(':');
  const key = (at < 0 ? tag : tag.slice(0, at)).trim();
  if (key === '' || tags.has(key)) return;
  const value = at < 0 ? '' : tag.slice(at + 1).trim();
  tags.set(key, value === '' ? null : value);
}

/**
 * Token lines of a LiteLLM record. LiteLLM reports usage the OpenAI way: prompt_tokens counts
 * every input token, cached reads and (for Anthropic, which LiteLLM folds in) cache writes
 * included, so uncached input is what remains. Null when the cache counts exceed the prompt,
 * i.e. the record contradicts that convention.
 */
export function litellmTokenLines(prompt: number, completion: number, cachedRead: number | null, cacheWrite: number | null): TokenLine[] | null {
  const input = prompt - (cachedRead ?? 0) - (cacheWrite ?? 0);
  if (input < 0) return null;
  return tokenLines(
    { tokenClass: 'input', tokens: input },
    { tokenClass: 'cached_read', tokens: cachedRead },
    { tokenClass: 'cache_write', tokens: cacheWrite },
    { tokenClass: 'output', tokens: completion },
  );
}
