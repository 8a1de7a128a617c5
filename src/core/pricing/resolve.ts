import { normaliseName, patternInput, vocabularyKey } from './normalise';
import type { AliasKind, Catalog, Meter, PriceRecord, ProviderFile, Scope, Tier, Unit } from './types';

/** Where in a price list a billing string points; parts the string does not say stay absent. */
export type Coordinate = { meter?: Meter; tier?: Tier; scope?: Scope; region?: string };

export type Candidate = { provider: string; model: string; name: string; kind: AliasKind | 'id'; coordinate: Coordinate };

export type Resolution =
  | {
      status: 'matched';
      model: string;
      name: string;
      /** The seller: the one named or implied; else the maker's own list; null when several resellers fit. */
      provider: string | null;
      providers: string[];
      kind: AliasKind | 'id';
      coordinate: Coordinate;
    }
  | { status: 'ambiguous'; candidates: Candidate[] }
  | { status: 'unmatched'; reason: string };

export type PriceQuery = { tier?: Tier; scope?: Scope; unit?: Unit; /** Input tokens of one request, to pick a long-context record. */ inputTokens?: number };

type PatternEntry = { provider: ProviderFile; model: string; name: string; kind: AliasKind; regex: RegExp; fixed: Coordinate };

export type PriceBook = {
  catalog: Catalog;
  resolveModel(name: string, provider?: string): Resolution;
  priceAt(provider: string, model: string, date: string, query?: PriceQuery): PriceRecord | null;
  /** Every record of a model at a provider, to explain why a date has no price. */
  records(provider: string, model: string): PriceRecord[];
  providerIds(): string[];
};

function fixedCoordinate(a: { meter?: Meter; tier?: Tier; scope?: Scope }): Coordinate {
  const c: Coordinate = {};
  if (a.meter !== undefined) c.meter = a.meter;
  if (a.tier !== undefined) c.tier = a.tier;
  if (a.scope !== undefined) c.scope = a.scope;
  return c;
}

/** Reads a pattern's named groups through the provider vocabulary; null when a word is unknown (never guess). */
function groupCoordinate(entry: PatternEntry, groups: Record<string, string | undefined>): Coordinate | null {
  const c: Coordinate = { ...entry.fixed };
  const vocab = entry.provider.vocabulary ?? {};
  for (const key of ['meter', 'tier', 'scope'] as const) {
    const word = groups[key];
    if (word === undefined || word === '') continue;
    const table = vocab[key] ?? {};
    const k = vocabularyKey(word);
    if (!Object.hasOwn(table, k)) return null;
    if (key === 'meter') c.meter = vocab.meter?.[k];
    else if (key === 'tier') c.tier = vocab.tier?.[k];
    else c.scope = vocab.scope?.[k];
  }
  if (groups.region !== undefined && groups.region !== '') c.region = groups.region;
  return c;
}

const sameCoordinate = (a: Coordinate, b: Coordinate): boolean =>
  a.meter === b.meter && a.tier === b.tier && a.scope === b.scope && a.region === b.region;

export function createPriceBook(catalog: Catalog): PriceBook {
  const byProvider = new Map(catalog.providers.map((p) => [p.provider, p]));
  const exact = new Map<string, Candidate[]>();
  const patterns: PatternEntry[] = [];
  const addExact = (text: string, c: Candidate): void => {
    const key = normaliseName(text);
    const list = exact.get(key) ?? [];
    list.push(c);
    exact.set(key, list);
  };
  for (const p of catalog.providers) {
    for (const m of p.models) {
      addExact(m.id, { provider: p.provider, model: m.id, name: m.name, kind: 'id', coordinate: {} });
      for (const a of m.aliases) {
        if (a.exact !== undefined) addExact(a.exact, { provider: p.provider, model: m.id, name: m.name, kind: a.kind, coordinate: fixedCoordinate(a) });
        if (a.pattern !== undefined) patterns.push({ provider: p, model: m.id, name: m.name, kind: a.kind, regex: new RegExp(a.pattern, 'i'), fixed: fixedCoordinate(a) });
      }
    }
  }

  function candidates(name: string): Candidate[] {
    const found = [...(exact.get(normaliseName(name)) ?? [])];
    const text = patternInput(name);
    for (const e of patterns) {
      const m = e.regex.exec(text);
      if (m === null) continue;
      const coordinate = groupCoordinate(e, m.groups ?? {});
      if (coordinate !== null) found.push({ provider: e.provider.provider, model: e.model, name: e.name, kind: e.kind, coordinate });
    }
    return found;
  }

  function resolveModel(name: string, provider?: string): Resolution {
    if (provider !== undefined && !byProvider.has(provider)) return { status: 'unmatched', reason: `unknown provider "${provider}"` };
    let found = candidates(name);
    if (provider !== undefined) found = found.filter((c) => c.provider === provider);
    if (found.length === 0) return { status: 'unmatched', reason: `no alias matches "${name}"${provider === undefined ? '' : ` at ${provider}`}` };
    if (found.some((c) => c.model !== found[0].model)) return { status: 'ambiguous', candidates: found };
    // A bare model id says nothing about meter or tier, so it agrees with any alias; aliases must agree with each other.
    const specific = found.filter((c) => c.kind !== 'id');
    const first = specific[0] ?? found[0];
    if (specific.some((c) => !sameCoordinate(c.coordinate, first.coordinate))) return { status: 'ambiguous', candidates: specific };
    const providers = [...new Set(found.map((c) => c.provider))].sort();
    const makers = providers.filter((id) => byProvider.get(id)?.firstParty === true);
    const seller = providers.length === 1 ? providers[0] : makers.length === 1 ? makers[0] : null;
    return { status: 'matched', model: first.model, name: first.name, provider: seller, providers, kind: first.kind, coordinate: first.coordinate };
  }

  function records(provider: string, model: string): PriceRecord[] {
    return byProvider.get(provider)?.models.find((m) => m.id === model)?.prices ?? [];
  }

  function priceAt(provider: string, model: string, date: string, query: PriceQuery = {}): PriceRecord | null {
    const p = byProvider.get(provider);
    if (p === undefined) return null;
    const tier = query.tier ?? 'standard';
    const scope = query.scope ?? p.defaultScope;
    const unit = query.unit ?? '1M tokens';
    const valid = records(provider, model).filter(
      (r) => r.tier === tier && r.scope === scope && r.unit === unit && r.from <= date && (r.to === null || date < r.to),
    );
    let best: PriceRecord | null = null;
    for (const r of valid) {
      const above = r.contextAbove ?? 0;
      if (above > 0 && (query.inputTokens === undefined || query.inputTokens <= above)) continue;
      if (best === null || above > (best.contextAbove ?? 0)) best = r;
    }
    return best;
  }

  return { catalog, resolveModel, priceAt, records, providerIds: () => [...byProvider.keys()] };
}
