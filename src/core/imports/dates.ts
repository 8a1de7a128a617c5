import { ownString } from '../db/strings';

/**
 * Instants in bills: ISO 8601 with Z or an offset, the same with a space instead of T (FOCUS
 * sample, taken as UTC), and plain dates. Anything else is a row problem, never a guess.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const cache = new Map<string, number | null>();

/** Unix seconds (UTC), or null when the text is not a date this importer accepts. */
export function parseInstant(text: string): number | null {
  const fast = parseCanonical(text);
  if (fast !== null) return fast;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const value = parseUncached(text);
  if (cache.size > 50_000) cache.clear();
  cache.set(ownString(text), value);
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

const DAY_SECONDS = 86_400;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m !== 2) return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

/** The value of `len` ASCII digits at `at`, or -1. */
function digitsAt(text: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The two shapes bills nearly always use, 2025-01-31T00:00:00Z and 2025-01-31, read without a
 * regular expression, a Date or a cache lookup. Null for anything else (then the general parser
 * decides), including the edge cases it treats specially: years before 100, hour 24, second 60.
 */
function parseCanonical(text: string): number | null {
  const n = text.length;
  if ((n !== 20 && n !== 10) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const days = daysFromCivil(y, m, d);
  if (n === 10) return days * DAY_SECONDS;
  // T hh : mm : ss Z
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90) return null;
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  const s = digitsAt(text, 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return null;
  return days * DAY_SECONDS + h * 3600 + mi * 60 + s;
}

/** yyyymm of an instant, UTC; computed without a Date for whole seconds in the usual range. */
export function monthKey(seconds: number): number {
  if (Number.isInteger(seconds) && Math.abs(seconds) < 1e11) {
    // Hinnant's civil_from_days, year and month only.
    const z = Math.floor(seconds / DAY_SECONDS) + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const m = mp < 10 ? mp + 3 : mp - 9;
    return (yoe + era * 400 + (m <= 2 ? 1 : 0)) * 100 + m;
  }
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
