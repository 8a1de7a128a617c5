/**
 * Simulates a provider's daily token usage: spend per workload grows month to month, dips on
 * weekends, wobbles day to day and spikes when something goes wrong; spend is then turned into
 * token counts through the model's prices, so costs always equal tokens × unit price exactly.
 */
import { isWeekend, type DemoDay } from './calendar';
import { scalePrice } from './decimal-text';
import type { KeySpec, ModelUse, TokenProfile, Workload } from './demo-company';
import type { TokenClass } from './focus-csv';
import { findModel, unitPriceE4, type DemoModel } from './model-prices';
import type { KeyIdentity, ProjectIdentity, ProviderAccount } from './provider-accounts';
import type { Rng } from './random';

export type DemoKey = {
  workload: Workload;
  spec: KeySpec;
  project: ProjectIdentity;
  identity: KeyIdentity;
  /** Whoever sets the tags: the key on OpenAI/Anthropic, the deployment or profile on Azure/AWS. */
  tagUnit: string;
};

export type UsageCell = {
  key: DemoKey;
  day: DemoDay;
  model: DemoModel;
  tokenClass: TokenClass;
  tokens: number;
  /** On the input row only, so summing requests over token classes doesn't count a call twice. */
  requests: number | null;
  listE4: number;
  /** The negotiated price (Azure EA); list price elsewhere. */
  contractedE4: number;
  /** Scale-10 billed cost (tokens × contracted price), kept for totals and the untagged-share selection. */
  billed: bigint;
};

export type SpendShape = {
  /** Seed-level multiplier on every workload, so seeds differ in size as real companies do. */
  scale: number;
  monthlyGrowth: number;
};

const CLASS_ORDER: readonly TokenClass[] = ['input', 'cached_read', 'cache_write', 'output', 'reasoning'];

function ratioOf(p: TokenProfile, c: TokenClass): number {
  switch (c) {
    case 'input':
      return 1;
    case 'cached_read':
      return p.cachedRead ?? 0;
    case 'cache_write':
      return p.cacheWrite ?? 0;
    case 'output':
      return p.output;
    case 'reasoning':
      return p.reasoning ?? 0;
  }
}

/** Day indices of each workload's spike, placed on a random weekday-aligned run inside its month. */
export function planSpikes(
  rng: Rng,
  workloads: readonly Workload[],
  days: readonly DemoDay[],
): Map<Workload, Set<number>> {
  const months = days[days.length - 1].monthIndex + 1;
  const out = new Map<Workload, Set<number>>();
  for (const w of workloads) {
    if (w.spike === undefined) continue;
    const mi = w.spike.month === 'last' ? months - 1 : Math.floor((months - 1) / 2);
    const inMonth = days.filter((d) => d.monthIndex === mi && !isWeekend(d));
    const start = rng.pick(inMonth.slice(0, Math.max(1, inMonth.length - w.spike.days)));
    const set = new Set<number>();
    for (let i = 0; i < w.spike.days; i++) set.add(start.index + i);
    out.set(w, set);
  }
  return out;
}

function active(from: number | undefined, to: number | undefined, day: DemoDay, dayCount: number): boolean {
  const start = Math.floor((from ?? 0) * dayCount);
  const end = to === undefined ? dayCount : Math.floor(to * dayCount);
  return day.index >= start && day.index < end;
}

type Priced = { tokenClass: TokenClass; ratio: number; list: number; contracted: number };

function pricedClasses(account: ProviderAccount, w: Workload, m: DemoModel, profile: TokenProfile): Priced[] {
  const uplift = w.dataZone ? 1100 : 1000;
  const out: Priced[] = [];
  for (const c of CLASS_ORDER) {
    const ratio = ratioOf(profile, c);
    const list = unitPriceE4(m, c, w.tier ?? 'standard', uplift);
    if (ratio <= 0 || list === undefined) continue;
    const contracted = scalePrice(list, account.contractPermille);
    out.push({ tokenClass: c, ratio, list, contracted });
  }
  return out;
}

export function simulateUsage(
  rng: Rng,
  account: ProviderAccount,
  keys: readonly DemoKey[],
  days: readonly DemoDay[],
  shape: SpendShape,
): UsageCell[] {
  const workloads = [...new Set(keys.map((k) => k.workload))];
  const spikes = planSpikes(rng, workloads, days);
  // Prices depend only on the workload's model use, not on the day: compute once.
  const priced = new Map<ModelUse, Priced[]>();
  const cells: UsageCell[] = [];
  // Compounded by multiplication rather than Math.pow, which engines may round differently.
  const dailyGrowth = 1 + shape.monthlyGrowth / 30.44;
  let growth = 1 / dailyGrowth;
  for (const day of days) {
    growth *= dailyGrowth;
    for (const w of workloads) {
      // One draw per workload-day: a busy day is busy for every key of the feature.
      const dayNoise = rng.noise(0.12);
      if (!active(w.from, undefined, day, days.length)) continue;
      const base = w.dailyUsd * shape.scale * growth * (isWeekend(day) ? w.weekend : 1) * dayNoise;
      for (const key of keys) {
        if (key.workload !== w || !active(key.spec.from, key.spec.to, day, days.length)) continue;
        const spiking = w.spike?.key === key.spec.name && spikes.get(w)?.has(day.index) === true;
        const keySpend = base * key.spec.share * rng.noise(0.08) * (spiking ? (w.spike?.factor ?? 1) : 1);
        for (const use of w.models) {
          let classes = priced.get(use);
          if (classes === undefined) {
            classes = pricedClasses(account, w, findModel(w.provider, use.model), use.profile);
            priced.set(use, classes);
          }
          const spend = keySpend * use.share * rng.noise(0.05);
          const m = findModel(w.provider, use.model);
          cells.push(...tokenCells(rng, key, day, m, use.profile, classes, spend));
        }
      }
    }
  }
  return cells;
}

function tokenCells(
  rng: Rng,
  key: DemoKey,
  day: DemoDay,
  m: DemoModel,
  profile: TokenProfile,
  classes: readonly Priced[],
  spendUsd: number,
): UsageCell[] {
  // $ per 1M uncached input tokens once the profile's other classes ride along.
  let perMillion = 0;
  for (const c of classes) perMillion += (c.ratio * c.list) / 1e4;
  const uncached = (spendUsd / perMillion) * 1e6;
  const promptTokens = uncached * (1 + (profile.cachedRead ?? 0) + (profile.cacheWrite ?? 0));
  const out: UsageCell[] = [];
  for (const c of classes) {
    const tokens = Math.round(uncached * c.ratio * (c.tokenClass === 'input' ? 1 : rng.noise(0.06)));
    if (tokens <= 0) continue;
    const t = BigInt(tokens);
    out.push({
      key,
      day,
      model: m,
      tokenClass: c.tokenClass,
      tokens,
      requests: c.tokenClass === 'input' ? Math.max(1, Math.round(promptTokens / profile.promptTokens)) : null,
      listE4: c.list,
      contractedE4: c.contracted,
      billed: t * BigInt(c.contracted),
    });
  }
  return out;
}

