/**
 * Validates the provider files and compiles them into the catalog the app loads. The checks are
 * the catalog's invariants: per model, tier, scope, unit and context tier the records meet
 * exactly (no overlap, no gap, only the last open-ended), every price has a source and a check
 * date, units and meters are known, and every alias example resolves, as written, to its model.
 * Pure: scripts/pricing-build.mjs does the file reading and writing.
 */
import { readProviderFile, type Issues } from './read-catalog';
import { createPriceBook } from './resolve';
import type { AliasExample, Catalog, ModelEntry, PriceRecord, ProviderFile } from './types';

export type SourceFile = { file: string; json: unknown };

const groupKey = (r: PriceRecord): string => `${r.tier}/${r.scope}/${r.unit}${r.contextAbove === undefined ? '' : `/above ${r.contextAbove}`}`;

function checkDates(where: string, m: ModelEntry, issues: Issues): void {
  const groups = new Map<string, PriceRecord[]>();
  for (const r of m.prices) groups.set(groupKey(r), [...(groups.get(groupKey(r)) ?? []), r]);
  for (const [key, list] of groups) {
    const sorted = [...list].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const next = sorted[i];
      if (prev.to === null || prev.to > next.from) issues.push(`${where} ${m.id}: ${key} records overlap: ${prev.from}..${prev.to ?? 'open'} and ${next.from}..${next.to ?? 'open'}`);
      else if (prev.to < next.from) issues.push(`${where} ${m.id}: ${key} records leave a gap from ${prev.to} to ${next.from}`);
    }
  }
  for (const r of m.prices) {
    if (r.contextAbove === undefined) continue;
    const base = m.prices.some((b) => b.contextAbove === undefined && b.tier === r.tier && b.scope === r.scope && b.unit === r.unit && b.from <= r.from && (b.to === null || r.from < b.to));
    if (!base) issues.push(`${where} ${m.id}: the long-context record from ${r.from} (${groupKey(r)}) has no base record for its dates`);
  }
}

function checkIds(files: ProviderFile[], issues: Issues): void {
  const names = new Map<string, { name: string; provider: string }>();
  for (const f of files) {
    const seen = new Set<string>();
    for (const m of f.models) {
      if (seen.has(m.id)) issues.push(`${f.provider}: model ${m.id} is listed twice`);
      seen.add(m.id);
      const other = names.get(m.id);
      if (other !== undefined && other.name !== m.name) issues.push(`${f.provider}: model ${m.id} is called "${m.name}" here but "${other.name}" at ${other.provider}: one canonical id is one model`);
      else names.set(m.id, { name: m.name, provider: f.provider });
    }
  }
}

/** Every example (and every exact alias) must resolve to its own model, at its provider and with no provider given. */
function checkExamples(catalog: Catalog, issues: Issues): void {
  const book = createPriceBook(catalog);
  for (const p of catalog.providers) {
    for (const m of p.models) {
      for (const a of m.aliases) {
        const examples: AliasExample[] = [...(a.exact === undefined ? [] : [a.exact]), ...(a.examples ?? [])];
        for (const ex of examples) {
          const text = typeof ex === 'string' ? ex : ex.in;
          const where = `${p.provider} ${m.id}: alias example "${text}"`;
          for (const scoped of [true, false]) {
            const r = book.resolveModel(text, scoped ? p.provider : undefined);
            const at = scoped ? `at ${p.provider}` : 'with no provider given';
            if (r.status === 'unmatched') issues.push(`${where} does not resolve ${at}`);
            else if (r.status === 'ambiguous') issues.push(`${where} is ambiguous ${at}: ${r.candidates.map((c) => `${c.provider}/${c.model}`).join(', ')}`);
            else if (r.model !== m.id) issues.push(`${where} resolves to ${r.model} ${at}`);
            else if (scoped && typeof ex !== 'string') {
              for (const k of ['meter', 'tier', 'scope', 'region'] as const) {
                if (ex[k] !== undefined && r.coordinate[k] !== ex[k]) issues.push(`${where}: ${k} is ${r.coordinate[k] ?? '(none)'}, expected ${ex[k]}`);
              }
            }
          }
        }
      }
    }
  }
}

/** Strips what only the build needs (alias examples) and orders providers by id, so the output is deterministic. */
function forApp(files: ProviderFile[]): Catalog {
  const providers = [...files]
    .sort((a, b) => (a.provider < b.provider ? -1 : 1))
    .map((p) => ({ ...p, models: p.models.map((m) => ({ ...m, aliases: m.aliases.map(({ examples: _examples, ...a }) => a) })) }));
  return { schemaVersion: 1, providers };
}

export function compileCatalog(sources: SourceFile[]): { catalog: Catalog | null; issues: Issues } {
  const issues: Issues = [];
  const files: ProviderFile[] = [];
  for (const s of sources) {
    const f = readProviderFile(s.json, s.file, issues);
    if (f === null) continue;
    const expected = s.file.replace(/^.*\//, '').replace(/\.json$/, '');
    if (f.provider !== expected) issues.push(`${s.file}: provider "${f.provider}" must match the file name ("${expected}")`);
    if (files.some((o) => o.provider === f.provider)) issues.push(`${s.file}: provider "${f.provider}" is defined twice`);
    for (const m of f.models) checkDates(s.file, m, issues);
    files.push(f);
  }
  checkIds(files, issues);
  if (issues.length > 0) return { catalog: null, issues };
  const withExamples: Catalog = { schemaVersion: 1, providers: files };
  checkExamples(withExamples, issues);
  return issues.length > 0 ? { catalog: null, issues } : { catalog: forApp(files), issues };
}

/** The compiled catalog as committed: two-space JSON with a final newline. */
export function serialiseCatalog(catalog: Catalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
