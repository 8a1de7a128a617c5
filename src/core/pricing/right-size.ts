import type {
  CandidateMeterCost,
  CandidateRef,
  MeterTokens,
  PriceMeter,
  PriceOverride,
  RightSizeCandidate,
  RightSizeResult,
  SliceSource,
  UsageSlice,
} from '../../shared/contract';
import type { Workspace } from '../db/workspace';
import { isoDate } from '../imports/dates';
import { formatPico, joinSplit, type Pico } from '../money/decimal';
import { costOf } from './cost';
import { meterOf, planFor, resolveRaw, type Plan, type RawStrings } from './plan';
import { discountPercent } from './report';
import type { Coordinate, PriceBook } from './resolve';
import { COMMITTED, sliceSql } from './slice';
import { TOKEN_METERS, type Scope } from './types';

/**
 * Right-sizing: what a slice's tokens cost on the models they ran on, and what the same tokens
 * (same days, same mix of input, cached reads, cache writes, output and reasoning, same service
 * tier) would have cost on other catalog models, at the prices valid on each usage day. The
 * candidates are priced by the same plan as imported charges (planFor), so the workspace's
 * overrides count and a day, tier or meter without a price stays unpriced and is reported,
 * never filled in from another date or tier.
 */

const DAY = 86_400;
const MIX_ORDER: PriceMeter[] = ['input', 'cachedInput', 'cacheWrite', 'cacheWrite1h', 'output', 'reasoning'];

/** Tokens of one meter, tier and scope on one day, billed on one (seller, model). */
type Bucket = { provider: string | null; model: string | null; meter: PriceMeter; tier: string; scope: Scope | undefined; day: string; tokens: bigint };

type Combo = {
  prov: number;
  raw: RawStrings;
  tokenClass: string;
  tier: string | null;
  day: number;
  format: string;
  formatLabel: string;
  kind: 'invoice' | 'usage';
  currency: string;
  rows: number;
  tokens: number;
  pricedTokens: number;
  catalog: Pico;
  billed: Pico;
};

function readCombos(ws: Workspace, where: string, params: number[]): Combo[] {
  const text = (v: unknown): string | null => (Number(v) === 0 ? null : ws.strings.valueOf(Number(v)));
  const r = ws.db.exec(
    `SELECT coalesce(c.ProviderName, 0), coalesce(c.SkuMeter, 0), coalesce(c.x_Model, 0), coalesce(c.ChargeDescription, 0),
       coalesce(c.x_TokenClass, 0), coalesce(c.x_ServiceTier, 0), c.ChargePeriodStart / ${DAY}, i.format, i.format_label, i.source_kind,
       coalesce(c.BillingCurrency, 0), count(*), sum(c.x_Tokens),
       coalesce(sum(CASE WHEN c.x_CatalogCost_hi IS NOT NULL THEN c.x_Tokens END), 0),
       coalesce(sum(c.x_CatalogCost_hi), 0), coalesce(sum(c.x_CatalogCost_lo), 0), sum(c.BilledCost_hi), sum(c.BilledCost_lo)
     FROM charges c ${COMMITTED} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`,
    params,
  );
  return (r.length ? r[0].values : []).map((v) => ({
    prov: Number(v[0]),
    raw: { provider: text(v[0]), skuMeter: text(v[1]), model: text(v[2]), description: text(v[3]) },
    tokenClass: text(v[4]) ?? '',
    tier: text(v[5]),
    day: Number(v[6]),
    format: String(v[7]),
    formatLabel: String(v[8]),
    kind: v[9] === 'invoice' ? 'invoice' : 'usage',
    currency: text(v[10]) ?? 'USD',
    rows: Number(v[11]),
    tokens: Number(v[12]),
    pricedTokens: Number(v[13]),
    catalog: joinSplit(BigInt(Number(v[14])), BigInt(Number(v[15]))),
    billed: joinSplit(BigInt(Number(v[16])), BigInt(Number(v[17]))),
  }));
}

/**
 * Each token once: per seller and day, the invoice's tokens if an invoice reports any, else the
 * source (importer) that reports the most. Proxy logs and usage reports that repeat an invoice's
 * calls are left out rather than added on top.
 */
function chooseSources(combos: Combo[]): { kept: Combo[]; sources: SliceSource[] } {
  const perDay = new Map<string, Map<string, { kind: Combo['kind']; tokens: number }>>();
  for (const c of combos) {
    const key = `${c.prov}|${c.day}`;
    const formats = perDay.get(key) ?? new Map<string, { kind: Combo['kind']; tokens: number }>();
    const f = formats.get(c.format) ?? { kind: c.kind, tokens: 0 };
    f.tokens += c.tokens;
    formats.set(c.format, f);
    perDay.set(key, formats);
  }
  const chosen = new Map<string, string>();
  for (const [key, formats] of perDay) {
    const best = [...formats].sort(
      ([fa, a], [fb, b]) => Number(b.kind === 'invoice') - Number(a.kind === 'invoice') || b.tokens - a.tokens || fa.localeCompare(fb),
    )[0];
    chosen.set(key, best[0]);
  }
  const sources = new Map<string, SliceSource & { counted: Set<number>; left: Set<number> }>();
  const kept: Combo[] = [];
  for (const c of combos) {
    const counted = chosen.get(`${c.prov}|${c.day}`) === c.format;
    if (counted) kept.push(c);
    const key = `${c.prov}|${c.format}`;
    let s = sources.get(key);
    if (s === undefined) {
      s = { provider: c.raw.provider, format: c.format, formatLabel: c.formatLabel, sourceKind: c.kind, rows: 0, tokens: 0, daysCounted: 0, daysLeftOut: 0, counted: new Set(), left: new Set() };
      sources.set(key, s);
    }
    s.rows += c.rows;
    s.tokens += c.tokens;
    (counted ? s.counted : s.left).add(c.day);
  }
  const list = [...sources.values()].map(({ counted, left, ...s }) => ({ ...s, daysCounted: counted.size, daysLeftOut: left.size }));
  list.sort((a, b) => (a.provider ?? '').localeCompare(b.provider ?? '') || b.tokens - a.tokens);
  return { kept, sources: list };
}

type CandidateSpec = { provider: string; providerName: string; model: string; name: string; known: boolean };

/** Every catalog model with a token price valid on some day of [first, last]; the slice's own models always. */
function defaultCandidates(book: PriceBook, first: string, last: string): CandidateRef[] {
  const out: CandidateRef[] = [];
  for (const p of book.catalog.providers) {
    for (const m of p.models) {
      if (m.prices.some((r) => r.unit === '1M tokens' && r.from <= last && (r.to === null || r.to > first))) out.push({ provider: p.provider, model: m.id });
    }
  }
  return out;
}

function specOf(book: PriceBook, ref: CandidateRef): CandidateSpec {
  const p = book.catalog.providers.find((x) => x.provider === ref.provider);
  const m = p?.models.find((x) => x.id === ref.model);
  return { provider: ref.provider, providerName: p?.name ?? ref.provider, model: ref.model, name: m?.name ?? ref.model, known: m !== undefined };
}

const isPricedPlan = (p: Plan): boolean => p.perToken !== null && (p.status === 'priced' || p.status === 'override');

function priceCandidate(
  book: PriceBook,
  overrides: PriceOverride[],
  spec: CandidateSpec,
  buckets: Bucket[],
  actualKeys: Set<string>,
  lastDay: string | null,
): { candidate: Omit<RightSizeCandidate, 'savings' | 'savingsPercent'>; cost: Pico } {
  const meters = new Map<PriceMeter, CandidateMeterCost & { pico: Pico; why: Set<string> }>();
  const plans = new Map<string, Plan>();
  let total = 0n as Pico;
  let priced = 0;
  let unpriced = 0;
  for (const b of buckets) {
    const m = meters.get(b.meter) ?? { meter: b.meter, tokens: 0, cost: '0', unpricedTokens: 0, reasons: [], pico: 0n as Pico, why: new Set<string>() };
    meters.set(b.meter, m);
    const tokens = Number(b.tokens);
    m.tokens += tokens;
    if (!spec.known) {
      m.unpricedTokens += tokens;
      unpriced += tokens;
      m.why.add(`${spec.provider}/${spec.model} is not in the price catalog`);
      continue;
    }
    // Like for like at the same seller (its scope, e.g. a data zone); another seller's own default scope.
    const coordinate: Coordinate = { meter: b.meter };
    if (b.provider === spec.provider && b.scope !== undefined) coordinate.scope = b.scope;
    const key = `${b.meter}|${b.tier}|${coordinate.scope ?? ''}|${b.day}`;
    let plan = plans.get(key);
    if (plan === undefined) {
      const raw: RawStrings = { provider: null, skuMeter: null, model: null, description: null };
      plan = planFor(book, overrides, { provider: spec.provider, model: spec.model, coordinate }, raw, '', b.tier, b.day);
      plans.set(key, plan);
    }
    if (isPricedPlan(plan) && plan.perToken !== null) {
      const cost = costOf(b.tokens, plan.perToken) as Pico;
      m.pico = (m.pico + cost) as Pico;
      total = (total + cost) as Pico;
      priced += tokens;
    } else {
      m.unpricedTokens += tokens;
      unpriced += tokens;
      m.why.add(plan.ref);
    }
  }
  const rec = lastDay === null || !spec.known ? null : book.priceAt(spec.provider, spec.model, lastDay, { tier: 'standard' });
  const listRates: Partial<Record<PriceMeter, string>> = {};
  for (const meter of TOKEN_METERS) if (rec?.rates[meter] !== undefined) listRates[meter] = rec.rates[meter];
  const candidate = {
    provider: spec.provider,
    providerName: spec.providerName,
    model: spec.model,
    name: spec.name,
    actual: actualKeys.has(`${spec.provider}/${spec.model}`),
    cost: formatPico(total),
    pricedTokens: priced,
    unpricedTokens: unpriced,
    complete: unpriced === 0,
    meters: MIX_ORDER.flatMap((meter) => {
      const m = meters.get(meter);
      if (m === undefined) return [];
      const { pico, why, ...rest } = m;
      return [{ ...rest, cost: formatPico(pico), reasons: [...why].sort() }];
    }),
    listRates: rec === null ? null : listRates,
  };
  return { candidate, cost: total };
}

export function rightSize(ws: Workspace, book: PriceBook, overrides: PriceOverride[], slice: UsageSlice, candidates?: CandidateRef[]): RightSizeResult {
  const sql = sliceSql(ws, slice);
  const combos = sql === null ? [] : readCombos(ws, sql.where, sql.params);
  const { kept, sources } = chooseSources(combos);

  const resolutions = new Map<string, ReturnType<typeof resolveRaw>>();
  const buckets = new Map<string, Bucket>();
  const mix = new Map<PriceMeter, number>();
  const actual = new Map<string, { provider: string | null; model: string | null; name: string; tokens: number }>();
  const billed = new Map<string, { pico: Pico; rows: number }>();
  const names = new Map<string, string>();
  for (const p of book.catalog.providers) for (const m of p.models) names.set(m.id, m.name);
  let rows = 0;
  let total = 0;
  let unmetered = 0;
  let actualCost = 0n as Pico;
  let actualPriced = 0;
  let firstDay: number | null = null;
  let lastDay: number | null = null;

  for (const c of kept) {
    rows += c.rows;
    total += c.tokens;
    actualCost = (actualCost + c.catalog) as Pico;
    actualPriced += c.pricedTokens;
    firstDay = firstDay === null ? c.day : Math.min(firstDay, c.day);
    lastDay = lastDay === null ? c.day : Math.max(lastDay, c.day);
    if (c.kind === 'invoice') {
      const b = billed.get(c.currency) ?? { pico: 0n as Pico, rows: 0 };
      b.pico = (b.pico + c.billed) as Pico;
      b.rows += c.rows;
      billed.set(c.currency, b);
    }
    const rkey = `${c.prov}|${c.raw.skuMeter}|${c.raw.model}|${c.raw.description}`;
    let resolved = resolutions.get(rkey);
    if (resolved === undefined) {
      resolved = resolveRaw(book, c.raw);
      resolutions.set(rkey, resolved);
    }
    const r = 'reason' in resolved ? null : resolved;
    const provider = r?.provider ?? null;
    const model = r?.model ?? null;
    const akey = r === null ? `raw|${c.raw.provider}|${c.raw.model}` : `${provider}/${model}`;
    const a = actual.get(akey) ?? {
      provider: provider ?? c.raw.provider,
      model: model ?? c.raw.model,
      name: (model === null ? undefined : names.get(model)) ?? c.raw.model ?? c.raw.skuMeter ?? '(no model)',
      tokens: 0,
    };
    a.tokens += c.tokens;
    actual.set(akey, a);

    const meter = meterOf(c.tokenClass, r?.coordinate ?? {}, c.raw);
    if (meter === null) {
      unmetered += c.tokens;
      continue;
    }
    mix.set(meter, (mix.get(meter) ?? 0) + c.tokens);
    // As the charge itself was priced: the row's own tier, else the one its billing string says.
    const tier = c.tier ?? r?.coordinate.tier ?? 'standard';
    const scope = r?.coordinate.scope;
    const day = isoDate(c.day * DAY) ?? '';
    const bkey = `${provider}|${model}|${meter}|${tier}|${scope ?? ''}|${day}`;
    const b = buckets.get(bkey) ?? { provider, model, meter, tier, scope, day, tokens: 0n };
    b.tokens += BigInt(c.tokens);
    buckets.set(bkey, b);
  }

  const first = firstDay === null ? null : isoDate(firstDay * DAY);
  const last = lastDay === null ? null : isoDate(lastDay * DAY);
  const actualKeys = new Set([...actual.values()].filter((a) => a.provider !== null && a.model !== null && names.has(a.model)).map((a) => `${a.provider}/${a.model}`));
  const refs = candidates ?? (first === null || last === null ? [] : defaultCandidates(book, first, last));
  const wanted = new Map<string, CandidateRef>();
  for (const ref of [...refs, ...(candidates === undefined ? [...actualKeys].map((k) => ({ provider: k.split('/')[0], model: k.slice(k.indexOf('/') + 1) })) : [])]) {
    wanted.set(`${ref.provider}/${ref.model}`, ref);
  }
  const bucketList = [...buckets.values()];
  const unpricedActual = total - actualPriced;
  const baseline = unpricedActual === 0 && total > 0 ? actualCost : null;
  const priced = [...wanted.values()].map((ref) => {
    const { candidate: c, cost } = priceCandidate(book, overrides, specOf(book, ref), bucketList, actualKeys, last);
    const complete = c.complete && unmetered === 0;
    const savings = baseline !== null && complete ? baseline - cost : null;
    const out: RightSizeCandidate = {
      ...c,
      complete,
      unpricedTokens: c.unpricedTokens + unmetered,
      savings: savings === null ? null : formatPico(savings),
      savingsPercent: savings === null || baseline === null ? null : discountPercent(cost, baseline),
    };
    return { out, cost };
  });
  priced.sort((x, y) => {
    const a = x.out;
    const b = y.out;
    if (a.complete !== b.complete) return a.complete ? -1 : 1;
    if (!a.complete && a.unpricedTokens !== b.unpricedTokens) return a.unpricedTokens - b.unpricedTokens;
    if (x.cost !== y.cost) return x.cost < y.cost ? -1 : 1;
    return a.name.localeCompare(b.name) || a.providerName.localeCompare(b.providerName);
  });

  return {
    slice: { field: slice.field, value: slice.value, month: slice.month ?? null },
    rows,
    firstDay: first,
    lastDay: last,
    totalTokens: total,
    mix: MIX_ORDER.flatMap((meter): MeterTokens[] => (mix.has(meter) ? [{ meter, tokens: mix.get(meter) ?? 0 }] : [])),
    unmeteredTokens: unmetered,
    actualModels: [...actual.values()].sort((a, b) => b.tokens - a.tokens),
    actualCost: formatPico(actualCost),
    actualPricedTokens: actualPriced,
    actualUnpricedTokens: unpricedActual,
    billed: [...billed].map(([currency, b]) => ({ currency, amount: formatPico(b.pico), rows: b.rows })).sort((a, b) => a.currency.localeCompare(b.currency)),
    sources,
    candidates: priced.map((p) => p.out),
  };
}
