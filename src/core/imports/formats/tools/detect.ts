import { indexHeader, type HeaderIndex } from '../header';
import type { Detection, SourceKind } from '../types';

export function countPresent(h: HeaderIndex, names: readonly string[]): number {
  return names.filter((n) => h.has(n)).length;
}

/** FOCUS files are FOCUS whatever extra columns they carry: no tools importer claims them. */
export function looksLikeFocus(h: HeaderIndex): boolean {
  return h.has('BilledCost') && h.has('ChargePeriodStart');
}

/** How a tools format is told from its header: all `required` columns, scored by `hints` present. */
export type Signature = {
  format: string;
  required: readonly string[];
  hints: readonly string[];
  /** How many required columns make a header "look like" this format for a missing-columns answer. */
  lookalike: number;
};

/**
 * Scores start at 40, above any FOCUS score (at most 31), and grow with the hints present, so a
 * header that carries a format's whole signature wins over one carrying less of it.
 */
export function scoreOf(h: HeaderIndex, sig: Signature): number | null {
  if (looksLikeFocus(h) || !sig.required.every((c) => h.has(c))) return null;
  return 40 + countPresent(h, sig.hints);
}

export function detection(sig: Signature, score: number, version: string | null, label: string, sourceKind: SourceKind): Detection {
  return { format: sig.format, version, label, sourceKind, score };
}

/** Required columns a header lacks, when it has enough of them to be this format at all. */
export function missingOf(header: string[], sig: Signature): string[] {
  const h = indexHeader(header);
  if (looksLikeFocus(h) || countPresent(h, sig.required) < sig.lookalike) return [];
  return sig.required.filter((c) => !h.has(c));
}

/** Where each named column sits in the header (-1 when absent), by the header-matching rules. */
export function columnsOf<K extends string>(header: string[], names: readonly K[]): Record<K, number> {
  const h = indexHeader(header);
  const out: Partial<Record<K, number>> = {};
  for (const n of names) out[n] = h.index(n);
  // Every name of `names` was just set: the record is complete.
  return out as Record<K, number>;
}
