/**
 * Decides which spend goes untagged. Chosen after the usage is simulated, from the realised spend,
 * so every seed lands near the target share instead of drifting with noise and spikes: some owners
 * never tag, one tags late (or loses its tags after a redeploy) part-way through the range.
 */
import type { UsageCell } from './usage-plan';
import type { Rng } from './random';

/** Days with index < before, or ≥ from, are untagged. */
export type UntaggedWindow = { before: number; from: number };

export const TAGGED: UntaggedWindow = { before: 0, from: Number.POSITIVE_INFINITY };

export function isUntagged(w: UntaggedWindow, dayIndex: number): boolean {
  return dayIndex < w.before || dayIndex >= w.from;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Untags whole units until the share nears `target` of this provider's billed spend, then one unit
 * partially to land on it. Units marked untidy (legacy keys, sandboxes) are considered first.
 */
export function chooseUntagged(
  rng: Rng,
  cells: readonly UsageCell[],
  dayCount: number,
  target: number,
): Map<string, UntaggedWindow> {
  const perDay = new Map<string, number[]>();
  const untidy = new Set<string>();
  let total = 0;
  for (const c of cells) {
    const unit = c.key.tagUnit;
    let series = perDay.get(unit);
    if (series === undefined) {
      series = new Array<number>(dayCount).fill(0);
      perDay.set(unit, series);
    }
    // Number is precise enough to choose units; exact sums are the tests' job.
    const usd = Number(c.billed) / 1e10;
    series[c.day.index] += usd;
    total += usd;
    if (c.key.workload.untidy) untidy.add(unit);
  }
  const units = [...perDay.keys()];
  const order = [
    ...shuffle(rng, units.filter((u) => untidy.has(u))),
    ...shuffle(rng, units.filter((u) => !untidy.has(u))),
  ];
  const goal = total * target;
  const slack = total * 0.01;
  const out = new Map<string, UntaggedWindow>();
  let untagged = 0;
  for (const unit of order) {
    const remaining = goal - untagged;
    if (remaining <= slack / 2) break;
    const series = perDay.get(unit) ?? [];
    const unitTotal = series.reduce((a, b) => a + b, 0);
    if (unitTotal <= 0) continue;
    if (unitTotal <= remaining + slack) {
      out.set(unit, { before: dayCount, from: Number.POSITIVE_INFINITY });
      untagged += unitTotal;
      continue;
    }
    const late = rng.chance(0.5);
    out.set(unit, late ? lateTagging(series, remaining) : lostTags(series, remaining));
    break;
  }
  return out;
}

/** Tags added on some day: everything before it is untagged. */
function lateTagging(series: readonly number[], amount: number): UntaggedWindow {
  let acc = 0;
  for (let i = 0; i < series.length; i++) {
    if (acc + series[i] / 2 >= amount) return { before: i, from: Number.POSITIVE_INFINITY };
    acc += series[i];
  }
  return { before: series.length, from: Number.POSITIVE_INFINITY };
}

/** Tags lost on some day (a redeploy without them): everything from it on is untagged. */
function lostTags(series: readonly number[], amount: number): UntaggedWindow {
  let acc = 0;
  for (let i = series.length - 1; i >= 0; i--) {
    if (acc + series[i] / 2 >= amount) return { before: 0, from: i + 1 };
    acc += series[i];
  }
  return { before: 0, from: 0 };
}
