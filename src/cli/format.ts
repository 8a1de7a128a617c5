import type { ImportFileResult, Summary } from '../shared/contract';
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
