/**
 * Text forms rules compare: NFC, case-folded, and "flexible" (folded, without spaces, `_`, `-`).
 * JavaScript has no Unicode case folding, so folding is upper-then-lower case (ß → SS → ss,
 * ǅ → Ǆ → ǆ, ﬀ → FF → ff, ſ → S → s) with the few places where that differs from full folding
 * repaired: a capital ẞ lowers to ß, a final sigma lowers to ς, and İ lowers to i + combining
 * dot; all three would then differ from what their other spellings fold to.
 */

const ASCII = /^[\x00-\x7f]*$/;
const AFTER_CASE_MAPPING = /[ßς\u0307]/;
const SHARP_S = /ß/g;
const FINAL_SIGMA = /ς/g;
// Dotted capital I (Turkish) matches plain i, as İSTANBUL, İstanbul and istanbul mean one city.
const DOTTED_I = /i\u0307/g;
const FLEXIBLE_GAPS = /[\s_-]+/gu;

/** Case-folded text for case-insensitive comparison: "Straße" and "STRASSE" give "strasse". */
export function foldCase(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let folded = s.normalize('NFC').toUpperCase().toLowerCase();
  if (AFTER_CASE_MAPPING.test(folded)) folded = folded.replace(SHARP_S, 'ss').replace(FINAL_SIGMA, 'σ').replace(DOTTED_I, 'i');
  // Case mapping can leave a letter and its accent apart (ǰ → J̌ → ǰ): compose them again.
  return folded.normalize('NFC');
}

/** The form `flexible` compares: folded, without whitespace, `_` and `-` ("Prod_Team" → "prodteam"). */
export function flexibleKey(s: string): string {
  return foldCase(s).replace(FLEXIBLE_GAPS, '');
}

/** NFC, the form case-sensitive comparisons and regular expressions see. */
export function nfc(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFC');
}

/**
 * Rows repeat the same few thousand values across many rules and keys, so the folded forms are
 * memoized. The caches are bounded (cleared when full) so a pass over a huge file cannot grow them
 * without limit; clearing only costs recomputation.
 */
const CACHE_LIMIT = 50_000;
const foldCache = new Map<string, string>();
const flexCache = new Map<string, string>();
const nfcCache = new Map<string, string>();

export function foldCached(s: string): string {
  let v = foldCache.get(s);
  if (v === undefined) {
    v = foldCase(s);
    if (foldCache.size >= CACHE_LIMIT) foldCache.clear();
    foldCache.set(s, v);
  }
  return v;
}

export function flexibleCached(s: string): string {
  let v = flexCache.get(s);
  if (v === undefined) {
    v = flexibleKey(s);
    if (flexCache.size >= CACHE_LIMIT) flexCache.clear();
    flexCache.set(s, v);
  }
  return v;
}

export function nfcCached(s: string): string {
  if (ASCII.test(s)) return s;
  let v = nfcCache.get(s);
  if (v === undefined) {
    v = s.normalize('NFC');
    if (nfcCache.size >= CACHE_LIMIT) nfcCache.clear();
    nfcCache.set(s, v);
  }
  return v;
}

/** Missing, empty or whitespace only. */
export function isBlank(s: string | null): boolean {
  return s === null || s.trim() === '';
}
