/**
 * Independent readers for the generators' output: exact decimals via BigInt and a strict CSV parse.
 * Deliberately not the generators' own helpers, so a bug there cannot hide itself here.
 */
import Papa from 'papaparse';

export const MONEY = /^-?\d+(\.\d+)?$/;

/** Decimal text -> integer at `scale` decimals; throws if the text has more decimals than that. */
export function toScaled(text: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  const frac = m[3] ?? '';
  if (frac.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  const v = BigInt(m[2] + frac.padEnd(scale, '0'));
  return m[1] === '-' ? -v : v;
}

export function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export type Parsed = { fields: string[]; rows: Record<string, string>[]; widths: number[] };

export function parseCsv(text: string): Parsed {
  const withHeader = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (withHeader.errors.length > 0) throw new Error(JSON.stringify(withHeader.errors.slice(0, 3)));
  const raw = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  return { fields: withHeader.meta.fields ?? [], rows: withHeader.data, widths: raw.data.map((r) => r.length) };
}
