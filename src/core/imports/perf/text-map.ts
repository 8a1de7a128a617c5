/**
 * A map from strings to values for the hot loops of an import, where every key looked up is a
 * fresh string just cut from the file. A Map hashes each such string whole (V8 caches a hash only
 * on the string object, and every row brings new objects), about 2 ns per character: resource ids,
 * ARNs and tag sets run to 100 characters and more. This table hashes the length, the last 16
 * characters and 16 spread over the rest, keeps the hashes in a dense array, and compares a
 * stored key only when its hash matches.
 *
 * Keys that differ only where the sample does not look (`run-000123-of-the-nightly-batch-job`)
 * would share hashes and turn look-ups into long walks. A walk of more than `LONG_PROBE` slots
 * makes the table hash every character from then on, so the worst case is a Map's cost, never a
 * quadratic one.
 */

const START_BITS = 4;
const LONG_PROBE = 48;
const TAIL = 16;
const SPREAD = 16;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a over every UTF-16 code unit, then murmur3's finalizer. */
export function fullHash(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** The same over the length, the last `TAIL` code units and at most `SPREAD` others. */
export function sampledHash(s: string): number {
  const len = s.length;
  if (len <= TAIL + SPREAD) return fullHash(s);
  let h = 0x811c9dc5 ^ len;
  const head = len - TAIL;
  const step = Math.ceil(head / SPREAD);
  for (let i = 0; i < head; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  for (let i = head; i < len; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix(h);
}

export class TextMap<V> {
  private mask = (1 << START_BITS) - 1;
  private hashes = new Int32Array(1 << START_BITS);
  private keys: (string | undefined)[] = new Array<string | undefined>(1 << START_BITS).fill(undefined);
  private values: (V | undefined)[] = new Array<V | undefined>(1 << START_BITS).fill(undefined);
  private sampled = true;
  size = 0;

  private hashOf(key: string): number {
    return this.sampled ? sampledHash(key) : fullHash(key);
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: string, h: number): number {
    const mask = this.mask;
    let i = h & mask;
    for (let probes = 0; ; probes++) {
      const k = this.keys[i];
      if (k === undefined) return i;
      if (this.hashes[i] === h && k === key) return i;
      if (probes === LONG_PROBE && this.sampled) {
        this.sampled = false;
        this.rehash(this.hashes.length);
        return this.slotOf(key, fullHash(key));
      }
      i = (i + 1) & mask;
    }
  }

  get(key: string): V | undefined {
    return this.values[this.slotOf(key, this.hashOf(key))];
  }

  has(key: string): boolean {
    return this.keys[this.slotOf(key, this.hashOf(key))] !== undefined;
  }

  /** Adds or replaces. Keep `key` only if it does not pin a larger text (see `ownString`). */
  set(key: string, value: V): void {
    let i = this.slotOf(key, this.hashOf(key));
    if (this.keys[i] === undefined) {
      if (2 * (this.size + 1) > this.keys.length) {
        this.rehash(2 * this.keys.length);
        i = this.slotOf(key, this.hashOf(key));
      }
      this.size++;
      this.keys[i] = key;
      this.hashes[i] = this.hashOf(key);
    }
    this.values[i] = value;
  }

  clear(): void {
    this.mask = (1 << START_BITS) - 1;
    this.hashes = new Int32Array(1 << START_BITS);
    this.keys = new Array<string | undefined>(1 << START_BITS).fill(undefined);
    this.values = new Array<V | undefined>(1 << START_BITS).fill(undefined);
    this.size = 0;
  }

  private rehash(slots: number): void {
    const { keys, values } = this;
    this.mask = slots - 1;
    this.hashes = new Int32Array(slots);
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    this.values = new Array<V | undefined>(slots).fill(undefined);
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j];
      if (k === undefined) continue;
      const h = this.hashOf(k);
      let i = h & this.mask;
      while (this.keys[i] !== undefined) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.hashes[i] = h;
      this.values[i] = values[j];
    }
  }
}
