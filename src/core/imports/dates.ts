/**
 * Instants in bills: ISO 8601 with Z or an offset, the same with a space instead of T (FOCUS
 * sample, taken as UTC), and plain dates. Anything else is a row problem, never a guess.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const cache = new Map<string, number | null>();

/** Unix seconds (UTC), or null when the text is not a date this importer accepts. */
export function parseInstant(text: string): number | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const value = parseUncached(text);
  if (cache.size > 50_000) cache.clear();
  cache.set(text, value);
  return value;
}

function parseUncached(text: string): number | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || Number(mi) > 59 || Number(s) > 60) return null;
  let ms = Date.UTC(Number(y), month - 1, day, hour, Number(mi), Number(s));
  if (new Date(ms).getUTCDate() !== day && hour !== 24) return null; // 2025-02-30
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Math.floor(ms / 1000);
}

/** yyyymm of an instant, UTC. */
export function monthKey(seconds: number): number {
  const d = new Date(seconds * 1000);
  return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

export function isoDate(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Day order of a slash or dot date such as 01/02/2025: told per file, never guessed per value. */
export type DayOrder = 'MDY' | 'DMY';

const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/** Unix seconds (UTC) of a slash date in the given day order, or null. */
export function parseSlashedDate(text: string, order: DayOrder): number | null {
  const m = SLASHED.exec(text.trim());
  if (m === null) return null;
  const [, a, b, y, h = '0', mi = '0', s = '0', ampm] = m;
  const month = Number(order === 'MDY' ? a : b);
  const day = Number(order === 'MDY' ? b : a);
  let hour = Number(h);
  if (ampm !== undefined) hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(Number(y), month - 1, day, hour, Number(mi), Number(s));
  return new Date(ms).getUTCDate() === day ? Math.floor(ms / 1000) : null;
}

/**
 * Tells the day order of a column of slash dates from values that only one order can read
 * (a first part over 12 means DMY, a second part over 12 means MDY). Null while undecided.
 */
export function dayOrderOf(text: string): DayOrder | null {
  const m = SLASHED.exec(text.trim());
  if (m === null) return null;
  if (Number(m[1]) > 12) return 'DMY';
  if (Number(m[2]) > 12) return 'MDY';
  return null;
}
