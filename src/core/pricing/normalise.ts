/**
 * How billing spellings are compared. Exact aliases compare after `normaliseName`: Unicode NFKC,
 * trimmed, runs of whitespace as one space, lower case. Nothing else is folded: dashes, dots and
 * digits stay, because "claude-3-5-sonnet" and "claude-3.5-sonnet" may be different products at
 * some provider and "gpt-4o" is not "gpt-4o-mini". Patterns see `patternInput` (the same without
 * the lower-casing; they are case-insensitive) and must be anchored, so that a short name never
 * matches inside a longer one.
 */

export function patternInput(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

export function normaliseName(text: string): string {
  return patternInput(text).toLowerCase();
}

/** Key into a provider vocabulary: captured words with runs of spaces, dashes and underscores as one space. */
export function vocabularyKey(text: string): string {
  return normaliseName(text).replace(/[\s_-]+/g, ' ').trim();
}
