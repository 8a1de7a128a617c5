import type { CatalogAlias, CatalogModelDetail, ModelSearchHit, PriceHistoryRecord } from '../../shared/contract';
import { normaliseName } from './normalise';
import type { Candidate, PriceBook } from './resolve';
import type { ModelEntry, PriceRecord, ProviderFile } from './types';

/**
 * Finding a model in the catalog. A query that is one of a model's spellings (an id, an exact
 * alias, or a string a pattern matches, such as a Bedrock usage type or inference-profile id) is
 * resolved the way billing strings are; otherwise every word of the query must start a word of
 * one of the model's names (its id, display name or an exact alias), so "sonnet 4.5" finds Claude
 * Sonnet 4.5 and not Claude Sonnet 4. Patterns cannot be searched by words: they only answer
 * whole strings.
 */

/** Words of a name: lower case, split at anything that is not a letter or a digit ("4.5" is 4 and 5). */
export function words(text: string): string[] {
  return normaliseName(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

type Entry = { provider: ProviderFile; model: ModelEntry; names: { text: string; words: string[] }[] };

function entries(book: PriceBook): Entry[] {
  return book.catalog.providers.flatMap((p) =>
    p.models.map((m) => {
      const texts = [m.id, m.name, ...m.aliases.flatMap((a) => (a.exact === undefined ? [] : [a.exact]))];
      return { provider: p, model: m, names: [...new Set(texts)].map((text) => ({ text, words: words(text) })) };
    }),
  );
}

const hasTokenPrices = (m: ModelEntry): boolean => m.prices.some((r) => r.unit === '1M tokens');

function hit(e: Entry, match: ModelSearchHit['match'], matchedText: string | null, coordinate: ModelSearchHit['coordinate']): ModelSearchHit {
  return {
    provider: e.provider.provider,
    providerName: e.provider.name,
    model: e.model.id,
    name: e.model.name,
    aliasCount: e.model.aliases.length,
    priced: e.model.prices.length > 0,
    match,
    matchedText,
    coordinate,
  };
}

/**
 * How well the query's words fit one name: null when a query word starts none of its words.
 * Whole-word matches, the query's words in the name's order, and fewer words left over rank higher.
 */
function wordScore(query: string[], name: string[]): number | null {
  let score = 0;
  let last = -1;
  let inOrder = true;
  for (const q of query) {
    let at = name.indexOf(q);
    if (at >= 0) score += 3;
    else {
      at = name.findIndex((w) => w.startsWith(q));
      if (at < 0) return null;
      score += 1;
    }
    if (at <= last) inOrder = false;
    last = at;
  }
  return score + (inOrder ? 2 : 0) - (name.length - query.length) * 0.1;
}

function coordinateOf(c: Candidate): ModelSearchHit['coordinate'] {
  const { meter, tier, scope, region } = c.coordinate;
  if (meter === undefined && tier === undefined && scope === undefined && region === undefined) return null;
  return { ...(meter && { meter }), ...(tier && { tier }), ...(scope && { scope }), ...(region && { region }) };
}

export function searchModels(book: PriceBook, query: string, limit = 50): ModelSearchHit[] {
  const all = entries(book);
  const byKey = new Map(all.map((e) => [`${e.provider.provider}/${e.model.id}`, e]));
  const q = query.trim();
  if (q === '') {
    return all
      .map((e) => hit(e, 'all', null, null))
      .sort((a, b) => a.name.localeCompare(b.name) || a.providerName.localeCompare(b.providerName))
      .slice(0, limit);
  }
  const out: ModelSearchHit[] = [];
  const seen = new Set<string>();
  const push = (h: ModelSearchHit): void => {
    const key = `${h.provider}/${h.model}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(h);
  };

  // The whole query as a billing spelling: every model it names, at every seller that spells it so.
  const r = book.resolveModel(q);
  const exact: Candidate[] =
    r.status === 'matched'
      ? r.providers.map((provider) => ({ provider, model: r.model, name: r.name, kind: r.kind, coordinate: r.coordinate }))
      : r.status === 'ambiguous'
        ? r.candidates
        : [];
  const exactModels = new Set<string>();
  for (const c of exact) {
    const e = byKey.get(`${c.provider}/${c.model}`);
    if (e === undefined) continue;
    exactModels.add(c.model);
    // A matched name keeps the coordinate its own alias gave; each seller's alias may say another.
    const own = book.resolveModel(q, c.provider);
    push(hit(e, 'exact', q, own.status === 'matched' ? coordinateOf({ ...c, coordinate: own.coordinate }) : coordinateOf(c)));
  }
  for (const e of all) if (exactModels.has(e.model.id)) push(hit(e, 'same-model', null, null));

  const qw = words(q);
  if (qw.length > 0) {
    const scored: { h: ModelSearchHit; score: number; priced: boolean; maker: boolean }[] = [];
    for (const e of all) {
      let best: { score: number; text: string } | null = null;
      for (const n of e.names) {
        const s = wordScore(qw, n.words);
        if (s !== null && (best === null || s > best.score)) best = { score: s, text: n.text };
      }
      if (best !== null) scored.push({ h: hit(e, 'words', best.text, null), score: best.score, priced: hasTokenPrices(e.model), maker: e.provider.firstParty });
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.priced) - Number(a.priced) ||
        // The maker's own list first: the price resellers start from.
        Number(b.maker) - Number(a.maker) ||
        a.h.name.localeCompare(b.h.name) ||
        a.h.providerName.localeCompare(b.h.providerName),
    );
    for (const s of scored) push(s.h);
  }
  return out.slice(0, limit);
}

function historyRecord(r: PriceRecord): PriceHistoryRecord {
  return {
    from: r.from,
    to: r.to,
    tier: r.tier,
    scope: r.scope,
    unit: r.unit,
    contextAbove: r.contextAbove ?? null,
    repricesWholeRequest: r.repricesWholeRequest ?? null,
    rates: { ...r.rates },
    source: r.source,
    checked: r.checked,
    note: r.note ?? null,
  };
}

const TIER_ORDER = ['standard', 'batch', 'priority', 'flex'];
const SCOPE_ORDER = ['global', 'data-zone', 'regional'];

export function modelDetail(book: PriceBook, provider: string, model: string): CatalogModelDetail | null {
  const p = book.catalog.providers.find((x) => x.provider === provider);
  const m = p?.models.find((x) => x.id === model);
  if (p === undefined || m === undefined) return null;
  const records = [...m.prices]
    .sort(
      (a, b) =>
        TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) ||
        SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope) ||
        a.unit.localeCompare(b.unit) ||
        (a.contextAbove ?? 0) - (b.contextAbove ?? 0) ||
        a.from.localeCompare(b.from),
    )
    .map(historyRecord);
  const aliases: CatalogAlias[] = m.aliases.map((a) => ({
    kind: a.kind,
    text: a.exact ?? a.pattern ?? '',
    isPattern: a.pattern !== undefined,
    meter: a.meter ?? null,
    tier: a.tier ?? null,
    scope: a.scope ?? null,
  }));
  const sellers = book.catalog.providers
    .filter((x) => x.models.some((y) => y.id === model))
    .map((x) => ({ provider: x.provider, providerName: x.name }));
  return {
    provider: p.provider,
    providerName: p.name,
    model: m.id,
    name: m.name,
    note: m.note ?? null,
    defaultScope: p.defaultScope,
    pricingUrls: [...p.pricingUrls],
    records,
    aliases,
    sellers,
  };
}
