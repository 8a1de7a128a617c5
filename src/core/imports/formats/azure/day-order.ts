import { dayOrderOf, parseSlashedDate, type DayOrder } from '../../dates';

const SLASHED = /^\d{1,2}[/.]\d{1,2}[/.]\d{4}\b/;

export function isSlashedDate(text: string): boolean {
  return SLASHED.test(text.trim());
}

function isFirstOfMonth(seconds: number | null): boolean {
  return seconds !== null && new Date(seconds * 1000).getUTCDate() === 1;
}

/**
 * The day order of one file's slash dates (Azure writes MM/DD/YYYY in some layouts and ISO in
 * others, and the export's locale is not in the file). Learned from the records as they stream:
 * a part over 12 settles it, and so does a period start that is the first of a month in only one
 * of the two readings (formats.md §3.5). Until then a slash date is undecided, never guessed.
 */
export class FileDayOrder {
  order: DayOrder | null = null;

  learn(values: readonly (string | null)[], periodStarts: readonly (string | null)[]): void {
    if (this.order !== null) return;
    for (const v of values) {
      const o = v === null ? null : dayOrderOf(v);
      if (o !== null) {
        this.order = o;
        return;
      }
    }
    for (const v of periodStarts) {
      if (v === null || !isSlashedDate(v)) continue;
      const mdy = isFirstOfMonth(parseSlashedDate(v, 'MDY'));
      const dmy = isFirstOfMonth(parseSlashedDate(v, 'DMY'));
      if (mdy !== dmy) {
        this.order = mdy ? 'MDY' : 'DMY';
        return;
      }
    }
  }

  /** Words for a problem about a slash date this file has not (or not consistently) told the order of. */
  expected(): string {
    if (this.order === null) {
      return 'a date whose day order the file makes clear: no value so far tells MM/DD/YYYY from DD/MM/YYYY (a day over 12, or a period that starts on the 1st)';
    }
    return `a date in this file's ${this.order === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'} order`;
  }
}
