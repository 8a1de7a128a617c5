/** Fixed split percentages: exact decimal text that must total exactly 100. */
import { formatScaled, parseDecimalText, rescale, toScaled } from './decimal-text';
import type { ScaledDecimal } from './decimal-text';

/** A percentage as written, or why it is not one. */
export function parsePercentage(text: unknown): ScaledDecimal | { error: string } {
  if (typeof text !== 'string') return { error: 'must be a number written as text, like "25"' };
  const d = parseDecimalText(text);
  if (d === null) return { error: 'is not a number' };
  if (d.neg) return { error: 'must not be negative' };
  return toScaled(d);
}

/** Integer weights at one scale (the most decimals written), and their total. */
export function scaledWeights(percentages: readonly [string, ScaledDecimal][]): { weights: Map<string, bigint>; total: bigint; scale: number } {
  const scale = Math.max(0, ...percentages.map(([, p]) => p.scale));
  const weights = new Map<string, bigint>();
  let total = 0n;
  for (const [target, p] of percentages) {
    const w = rescale(p, scale);
    weights.set(target, w);
    total += w;
  }
  return { weights, total, scale };
}

/** Whether weights at `scale` make exactly 100 %, and the total as text for a message. */
export function isHundred(total: bigint, scale: number): boolean {
  return total === 100n * 10n ** BigInt(scale);
}

export function totalText(total: bigint, scale: number): string {
  return formatScaled(total, scale);
}
