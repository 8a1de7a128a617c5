/**
 * Northwind Labs' AI usage at one provider, simulated once and then written out in that
 * provider's own export formats: accounts and keys, daily token cells, and the tags each owner had
 * set on each day (some never tag, one tags late or loses its tags part-way).
 */
import type { DemoDay } from './calendar';
import { DEMO_WORKLOADS } from './demo-company';
import type { ProviderId } from './model-prices';
import {
  createAccount,
  createKey,
  createProject,
  type ProjectIdentity,
  type ProviderAccount,
} from './provider-accounts';
import { createRng, type Rng } from './random';
import { pickTagStyle, tagRecord, type TagStyle } from './tag-styles';
import { chooseUntagged, isUntagged, TAGGED, type UntaggedWindow } from './untagged';
import { simulateUsage, type DemoKey, type SpendShape, type UsageCell } from './usage-plan';

/** Share of usage spend left untagged, per provider; allocation rules need real work to do. */
const UNTAGGED_SHARE = 0.14;

export type ProviderSim = {
  account: ProviderAccount;
  keys: DemoKey[];
  /** Day by day, then workload, key, model and token class. */
  cells: UsageCell[];
  /** The tags on the cell's owner that day, in the owner's spelling; null when untagged. */
  tagsOf(cell: UsageCell): Record<string, string> | null;
};

export function simulateProvider(
  seed: number,
  provider: ProviderId,
  days: readonly DemoDay[],
  months: number,
  shape: SpendShape,
): ProviderSim {
  // Separate streams per purpose: changing how tags are drawn must not reshuffle the usage.
  const idRng = createRng(seed, `ids:${provider}`);
  const account = createAccount(idRng, provider, months);
  const keys = createKeys(idRng, account);
  const cells = simulateUsage(createRng(seed, `usage:${provider}`), account, keys, days, shape);
  const tagRng = createRng(seed, `tags:${provider}`);
  const windows = chooseUntagged(tagRng, cells, days.length, UNTAGGED_SHARE);
  const styles = new Map<string, TagStyle>();
  for (const k of keys) if (!styles.has(k.tagUnit)) styles.set(k.tagUnit, pickTagStyle(tagRng, provider));
  return { account, keys, cells, tagsOf: (cell) => cellTags(cell, styles, windows) };
}

function createKeys(rng: Rng, account: ProviderAccount): DemoKey[] {
  const projects = new Map<string, ProjectIdentity>();
  const keys: DemoKey[] = [];
  for (const w of DEMO_WORKLOADS[account.provider]) {
    const project = createProject(rng, account, w, projects);
    for (const spec of w.keys) {
      const perResource = account.provider === 'azure' || account.provider === 'aws';
      const tier = w.tier ?? 'standard';
      keys.push({
        workload: w,
        spec,
        project,
        identity: createKey(rng, account.provider, w, project, spec),
        tagUnit: perResource ? `${w.project}/${w.feature}/${tier}` : `${w.project}/${spec.name}`,
      });
    }
  }
  return keys;
}

function cellTags(
  cell: UsageCell,
  styles: Map<string, TagStyle>,
  windows: Map<string, UntaggedWindow>,
): Record<string, string> | null {
  const unit = cell.key.tagUnit;
  if (isUntagged(windows.get(unit) ?? TAGGED, cell.day.index)) return null;
  const style = styles.get(unit);
  if (style === undefined) return null;
  const { workload: w, spec } = cell.key;
  // Customer tags only make sense where a key serves one customer.
  return tagRecord(style, { team: w.team, feature: w.feature, customer: spec.customer, env: spec.env });
}

/** Cells grouped by `keyOf`, groups in order of first appearance (so by day when the key has it). */
export function groupCells(cells: readonly UsageCell[], keyOf: (c: UsageCell) => string): UsageCell[][] {
  const groups = new Map<string, UsageCell[]>();
  for (const c of cells) {
    const k = keyOf(c);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [c]);
    else g.push(c);
  }
  return [...groups.values()];
}

/** Scale-10 billed cost of the cells. */
export function billedOf(cells: readonly UsageCell[]): bigint {
  let total = 0n;
  for (const c of cells) total += c.billed;
  return total;
}

export function tokensOf(cells: readonly UsageCell[]): number {
  let total = 0;
  for (const c of cells) total += c.tokens;
  return total;
}
