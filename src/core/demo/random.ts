/**
 * A small seeded PRNG for the demo and benchmark generators. Same seed, same sequence, on every
 * host: Math.random cannot be seeded, and demo files must be reproducible so tests and bug reports
 * can name a seed instead of attaching megabytes of CSV.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Approximately standard normal (mean 0, sd 1, bounded to ±6). */
  normal(): number;
  /** Multiplicative noise with mean 1; never below 0.05, so a spend series stays positive. */
  noise(sigma: number): number;
  /** Fresh 32-bit seed drawn from this stream, for a child generator. */
  seed(): number;
};

/** FNV-1a over the label, folded with the seed: independent streams per purpose ("ids", "usage"). */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (Math.trunc(seed) >>> 0)) >>> 0;
  h = Math.imul(h, 0x01000193) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A zero state would make mulberry32's first outputs look alike across labels; nudge it.
  return h === 0 ? 0x9e3779b9 : h;
}

export function createRng(seed: number, label = ''): Rng {
  // mulberry32: one 32-bit state, fast, and good enough for synthetic data (not for secrets).
  let state = deriveSeed(seed, label);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Irwin–Hall (sum of 12 uniforms − 6) instead of Box–Muller: only + and −, which IEEE 754 makes
  // identical on every engine, while Math.log/cos/exp may differ in the last bit between browsers
  // and would change a rounded token count, and so the bytes of a demo file.
  const normal = (): number => {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += next();
    return sum - 6;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items, weights) => {
      if (items.length === 0 || items.length !== weights.length) {
        throw new RangeError('weighted pick needs one weight per item');
      }
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i];
        if (r < 0) return items[i];
      }
      return items[items.length - 1];
    },
    normal,
    noise: (sigma) => Math.max(0.05, 1 + sigma * normal()),
    seed: () => Math.floor(next() * 4294967296) >>> 0,
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

export type Alphabet = 'alnum' | 'lower' | 'hex' | 'digits';
const ALPHABETS: Record<Alphabet, string> = { alnum: ALNUM, lower: LOWER_ALNUM, hex: HEX, digits: DIGITS };

/** Random id text such as the tail of a key or an account number. */
export function randomId(rng: Rng, length: number, alphabet: Alphabet = 'alnum'): string {
  const chars = ALPHABETS[alphabet];
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(rng.next() * chars.length)];
  return out;
}

/** A version-4-shaped UUID (Azure subscriptions, Anthropic org ids). */
export function randomUuid(rng: Rng): string {
  const h = randomId(rng, 32, 'hex');
  const variant = HEX[8 + Math.floor(rng.next() * 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}
