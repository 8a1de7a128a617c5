import type { AllocationResult, BusinessMetricImport, RuleSetProblem } from '../shared/allocation-contract';
import { parseDecimal } from '../core/money/decimal';

/** Digits after the point of the currency's minor unit (2 for USD, 0 for JPY); 2 when unknown. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const pico = (text: string): bigint => parseDecimal(text) ?? 0n;

/** Picodollars as an integer count of the currency's minor units, rounded half away from zero. */
function toMinor(pico: bigint, digits: number): bigint {
  const unit = 10n ** BigInt(12 - digits);
  const mag = pico < 0n ? -pico : pico;
  const rounded = (mag + unit / 2n) / unit;
  return pico < 0n ? -rounded : rounded;
}

function formatMinor(minor: bigint, digits: number): string {
  const neg = minor < 0n;
  const s = (neg ? -minor : minor).toString().padStart(digits + 1, '0');
  const text = digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return neg ? `-${text}` : text;
}

/** part / whole as a percentage with one decimal, exact; "-" when the whole is zero. */
function percent(part: string, whole: string): string {
  const p = pico(part);
  const w = pico(whole);
  if (w === 0n) return '-';
  const tenths = (p * 2000n + w) / (2n * w);
  const sign = tenths < 0n ? '-' : '';
  const mag = tenths < 0n ? -tenths : tenths;
  return `${sign}${mag / 10n}.${mag % 10n} %`;
}

/** Coverage, never shown as 100 % unless it is. */
function coverageText(share: number): string {
  if (share >= 1) return '100 %';
  return `${(Math.floor(share * 1000) / 10).toFixed(1)} %`;
}

/** The `costbook allocate` table: value, billed cost at the minor unit, share, part from splits. */
export function formatAllocationTable(r: AllocationResult): string {
  const scope = r.period === null ? 'all imported months' : r.period;
  const title = `Billed cost by ${r.key}, ${scope} (rules version ${r.rulesVersion})`;
  if (r.groups.length === 0) return `${title}\nNo invoiced charges${r.period === null ? '' : ` in ${r.period}`}.`;
  const header = [r.key, 'currency', 'billed cost', 'share', 'from splits'];
  const rows: string[][] = [];
  for (const t of r.totalsByCurrency) {
    const digits = minorDigits(t.currency);
    const groups = r.groups.filter((g) => g.currency === t.currency);
    let rounded = 0n;
    let split = 0n;
    for (const g of groups) {
      const cost = toMinor(pico(g.billedCostRounded), digits);
      rounded += cost;
      split += pico(g.splitBilledCost);
      rows.push([g.value, g.currency, formatMinor(cost, digits), percent(g.billedCost, t.billedCost), formatMinor(toMinor(pico(g.splitBilledCost), digits), digits)]);
    }
    // Rounded groups sum exactly to the rounded total (largest remainder), so this row adds up.
    rows.push(['TOTAL', t.currency, formatMinor(rounded, digits), percent(t.billedCost, t.billedCost), formatMinor(toMinor(split, digits), digits)]);
  }
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
  const fmt = (row: string[]): string => row.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
  return [
    title,
    fmt(header),
    ...rows.map(fmt),
    `coverage: ${coverageText(r.coverage)} of billed cost is on a ${r.key} other than "${r.defaultValue}"`,
  ].join('\n');
}

/** Problems of a refused rule file, one a line, each with where it is in the file. */
export function formatRuleProblems(file: string, problems: unknown): string {
  const lines: string[] = [];
  for (const p of Array.isArray(problems) ? (problems as unknown[]) : []) {
    if (typeof p !== 'object' || p === null) continue;
    const { path, message } = p as Partial<RuleSetProblem>;
    if (typeof message !== 'string') continue;
    lines.push(`  ${file}: ${typeof path === 'string' && path !== '' ? `${path}: ` : ''}${message}`);
  }
  return lines.join('\n');
}

export function formatMetricImport(file: string, r: BusinessMetricImport, workspace: string): string {
  return `imported  ${file}  ${r.metric}  ${r.rows} row${r.rows === 1 ? '' : 's'}  ${r.firstDay}..${r.lastDay}  into ${workspace}`;
}
