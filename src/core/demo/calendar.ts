/**
 * UTC days and billing months for the generators. Everything is UTC because FOCUS dates are, and a
 * local time zone would shift a day's charges into the neighbouring day.
 */

export type Month = { year: number; month: number /* 1-12 */ };

export type DemoDay = {
  index: number;
  /** Position of the day's month in the range, 0-based. */
  monthIndex: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** The day's start in ms since the epoch, for writers that print times their own way. */
  startMs: number;
  start: string; // ChargePeriodStart
  end: string; // ChargePeriodEnd, exclusive
  billingStart: string;
  billingEnd: string; // exclusive
};

const DAY_MS = 86_400_000;

export function parseMonth(text: string): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  const month = m === null ? 0 : Number(m[2]);
  if (m === null || month < 1 || month > 12) throw new RangeError(`month must be YYYY-MM: ${text}`);
  return { year: Number(m[1]), month };
}

export function addMonths(m: Month, delta: number): Month {
  const zeroBased = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(zeroBased / 12), month: (zeroBased % 12) + 1 };
}

export function monthText(m: Month): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

function monthStartMs(m: Month): number {
  return Date.UTC(m.year, m.month - 1, 1);
}

/** 2026-09-01T00:00:00Z: FOCUS's extended ISO form, without milliseconds. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** Every day of `months` whole months starting at `first`. */
export function daysOfMonths(first: Month, months: number): DemoDay[] {
  const days: DemoDay[] = [];
  for (let mi = 0; mi < months; mi++) {
    const m = addMonths(first, mi);
    const from = monthStartMs(m);
    const to = monthStartMs(addMonths(m, 1));
    const billingStart = isoUtc(from);
    const billingEnd = isoUtc(to);
    for (let t = from; t < to; t += DAY_MS) {
      days.push({
        index: days.length,
        monthIndex: mi,
        weekday: new Date(t).getUTCDay(),
        startMs: t,
        start: isoUtc(t),
        end: isoUtc(t + DAY_MS),
        billingStart,
        billingEnd,
      });
    }
  }
  return days;
}

export function isWeekend(day: DemoDay): boolean {
  return day.weekday === 0 || day.weekday === 6;
}
