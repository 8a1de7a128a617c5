/** Effective dates of rules: UTC days written YYYY-MM-DD. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Unix seconds of the UTC day, or null when the text is not a real day ("2025-02-30" is not). */
export function parseRuleDay(text: string): number | null {
  const m = DAY.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const at = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls over (Feb 30 → Mar 2) and maps years below 100 to the 1900s: both are refused.
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.getTime() / 1000;
}
