import { ownString } from '../../../db/strings';
import { canonicalTags } from '../focus';

/**
 * Azure's Tags cell as canonical tags JSON. EA exports leave out the braces
 * (`"env": "prod","org": "trey"`), MCA and legacy files write a JSON object (formats.md §3.5).
 * Returns null for no tags and undefined when the text is not tags in either form.
 */
export function azureTags(raw: string): string | null | undefined {
  const text = raw.trim();
  if (text === '' || text === '{}') return null;
  return canonicalTags(text.startsWith('{') ? text : `{${text}}`);
}

/** Remembers each distinct Tags text: a bill repeats a handful of them on every row. */
export class TagCache {
  private readonly seen = new Map<string, string | null | undefined>();

  get(raw: string): string | null | undefined {
    if (this.seen.has(raw)) return this.seen.get(raw);
    const canonical = azureTags(raw);
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(ownString(raw), canonical);
    return canonical;
  }
}
