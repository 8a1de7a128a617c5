import { describe, expect, it } from 'vitest';
import { monthKey, parseInstant } from '../../../../src/core/imports/dates';

/** parseInstant as it was before its fast path: a regular expression and Date.UTC. */
function reference(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m === null) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || Number(mi) > 59 || Number(s) > 60) return null;
  let ms = Date.UTC(Number(y), month - 1, day, hour, Number(mi), Number(s));
  if (new Date(ms).getUTCDate() !== day && hour !== 24) return null;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Math.floor(ms / 1000);
}

describe('instants read without a regular expression', () => {
  it.each([
    '2025-01-31T00:00:00Z', '2025-01-31', '2024-02-29', '2025-02-29', '2025-02-30T00:00:00Z', '2100-02-29', '2000-02-29',
    '1970-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '0099-05-05', '0100-03-01', '2025-01-31T24:00:00Z', '2025-01-31T23:59:60Z',
    '2025-13-01', '2025-00-10', '2025-04-31', '2025-01-31T00:00:00+02:00', '2025-01-31 00:00:00', '2025-1-31', '2025-01-31X',
    '2025-01-31T00:00:00z', '2025-01-31T0a:00:00Z', '2025/01/31', '9999-12-31T23:59:59Z', '2025-06-15T12:34:56Z',
  ])('reads %j as the regular expression did', (text) => {
    expect(parseInstant(text)).toBe(reference(text));
  });

  it('agrees with the reference on every day of two centuries at midnight and at a random time', () => {
    for (let t = Date.UTC(1890, 0, 1); t < Date.UTC(2110, 0, 1); t += 86_400_000) {
      const iso = new Date(t + ((t / 86_400_000) % 86_400) * 1000).toISOString().replace('.000Z', 'Z');
      expect(parseInstant(iso)).toBe(reference(iso));
      expect(parseInstant(iso.slice(0, 10))).toBe(reference(iso.slice(0, 10)));
    }
  });
});

describe('month keys without a Date', () => {
  it('match the UTC calendar month for instants across centuries, both sides of 1970', () => {
    const viaDate = (s: number) => {
      const d = new Date(s * 1000);
      return d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
    };
    for (let s = -5e9; s < 1e10; s += 86_400 * 13 + 3_607) {
      expect(monthKey(s)).toBe(viaDate(s));
      expect(monthKey(s - 1)).toBe(viaDate(s - 1));
    }
    for (const s of [0, -1, 1, 1.5, -0.5, 1e12, -62_135_596_800, 253_402_300_799]) expect(monthKey(s)).toBe(viaDate(s));
  });
});
