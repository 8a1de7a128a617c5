import type { ImportFileResult, Summary } from '../shared/contract';
import type { PriceRecord } from '../core/pricing';
import type { EngineErrorPayload } from '../shared/errors';

export function formatImportLine(r: ImportFileResult): string {
  const parts = [r.status === 'needs-confirmation' ? 'waiting  ' : r.status.padEnd(9), r.file];
  if (r.formatLabel) parts.push(r.formatLabel);
  if (r.status === 'imported') {
    parts.push(`${r.rows} rows`);
    if (r.periodStart) parts.push(`${r.periodStart}..${r.periodEnd}`);
    parts.push(`${r.billedCost} ${r.currency ?? ''}`.trim());
  }
  if (r.status === 'needs-confirmation') {
    const list = r.replaces.map((o) => `#${o.importId} ${o.file}`).join(', ');
    return `${parts.join('  ')}  same source and period as import ${list}: run again with --replace to replace it, or --keep-both`;
  }
  for (const w of r.warnings) parts.push(`(${w})`);
  return parts.join('  ');
}

export function formatProblems(e: EngineErrorPayload): string {
  const lines = [`  ${e.message}`];
  for (const p of e.details.problems ?? []) {
    const where = `line ${p.row}${p.column ? `, column ${p.column}` : ''}`;
    const value = p.value === null ? '' : `: found "${p.value.length > 60 ? p.value.slice(0, 57) + '...' : p.value}"`;
    lines.push(`  ${p.file} ${where}${value}; expected ${p.expected}`);
  }
  const more = (e.details.problemCount ?? 0) - (e.details.problems?.length ?? 0);
  if (more > 0) lines.push(`  ... and ${more} more problems`);
  if (e.details.missing) lines.push(`  missing columns: ${e.details.missing.join(', ')}`);
  return lines.join('\n');
}

export function formatSummaryTable(s: Summary): string {
  const header = [...s.by, 'rows', 'billedCost', 'effectiveCost', 'listCost', 'currency'];
  const rows = s.groups.map((g) => [
    ...s.by.map((d) => (d === 'currency' ? g.currency : g.key[d] ?? '(none)')),
    String(g.rows),
    g.billedCost,
    g.effectiveCost,
    g.listCost,
    g.currency,
  ]);
  for (const t of s.totalsByCurrency) {
    rows.push([...s.by.map((_, k) => (k === 0 ? 'TOTAL' : '')), String(s.rows), t.billedCost, t.effectiveCost, t.listCost, t.currency]);
  }
  if (s.by.length === 0 && rows.length === 0) return 'The workspace has no invoiced charges yet.';
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const fmt = (r: string[]): string => r.map((c, k) => (k >= s.by.length && k < header.length - 1 ? c.padStart(widths[k]) : c.padEnd(widths[k]))).join('  ');
  return [fmt(header), ...rows.map(fmt)].join('\n');
}

/** One resolved price, as `costbook price` prints it. */
export type PriceView = { model: string; name: string; provider: string; meter: string | null; record: PriceRecord; longContext: PriceRecord[] };

const RATE_LABELS: [keyof PriceRecord['rates'], string][] = [
  ['input', 'input'],
  ['output', 'output'],
  ['cachedInput', 'cached input'],
  ['cacheWrite', 'cache write'],
  ['cacheWrite1h', 'cache write 1h'],
  ['reasoning', 'reasoning'],
  ['request', 'request'],
];

/**
 * The public JSON contract of `costbook price --json`: rates as decimal strings in USD per the
 * unit (1M tokens for token meters) under input, output, cachedInput, cacheWrite (each absent
 * when not sold), plus model, source and effectiveFrom; the rest is context.
 */
export function priceJson(v: PriceView): Record<string, unknown> {
  const r = v.record;
  return {
    model: v.model,
    name: v.name,
    provider: v.provider,
    ...(v.meter === null ? {} : { meter: v.meter }),
    tier: r.tier,
    scope: r.scope,
    unit: r.unit,
    ...r.rates,
    effectiveFrom: r.from,
    effectiveTo: r.to,
    source: r.source,
    checked: r.checked,
    longContext: v.longContext.map((l) => ({ above: l.contextAbove, repricesWholeRequest: l.repricesWholeRequest, ...l.rates })),
  };
}

export function formatPriceTable(v: PriceView): string {
  const r = v.record;
  const lines = [`${v.name} (${v.model}) at ${v.provider}, ${r.tier}, ${r.scope}, valid ${r.from}..${r.to ?? 'now'}${v.meter === null ? '' : `; this name bills ${v.meter}`}`];
  const rows: string[][] = [['meter', `USD per ${r.unit}`, ...v.longContext.map((l) => `above ${l.contextAbove} tokens${l.repricesWholeRequest ? ' (whole request)' : ''}`)]];
  for (const [key, label] of RATE_LABELS) {
    if (r.rates[key] === undefined && v.longContext.every((l) => l.rates[key] === undefined)) continue;
    rows.push([label, r.rates[key] ?? '-', ...v.longContext.map((l) => l.rates[key] ?? '-')]);
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((row) => row[k].length)));
  for (const row of rows) lines.push(row.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ').trimEnd());
  lines.push(`source: ${r.source} (checked ${r.checked})`);
  if (r.note) lines.push(`note: ${r.note}`);
  return lines.join('\n');
}
