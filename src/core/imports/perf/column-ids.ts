import { ownString, type StringTable } from '../../db/strings';

/** Columns with up to this many values compare a new field with each of them directly. */
const WAYS = 4;
/** A wide column's table starts with this many slots and doubles at half full... */
const WIDE_START_BITS = 14;
/** ...up to this many; a column with more values than half of it looks values up in the dictionary. */
const WIDE_MAX_BITS = 23;

/**
 * A string's 32-bit hash: FNV-1a over its UTF-16 code units, then murmur3's finalizer so that the
 * low bits, which pick the slot, depend on every character.
 */
export function hashText(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The ids of a column with many values (resource ids, API keys), in an open-addressing table of
 * their hashes. A look-up reads the dense table of hashes and compares one stored string; a Map of
 * tens of thousands of strings walks entries spread over the heap, which cost two to three times
 * as long per field on this kind of machine.
 */
class WideColumn {
  private mask: number;
  private hashes: Int32Array;
  private ids: Int32Array;
  private keys: (string | undefined)[];
  size = 0;

  constructor(bits = WIDE_START_BITS) {
    this.mask = (1 << bits) - 1;
    this.hashes = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits);
    this.keys = new Array<string | undefined>(1 << bits).fill(undefined);
  }

  /** The id of `value` (hash `h`), or 0 when the column has not had it. */
  get(value: string, h: number): number {
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = this.ids[i];
      if (id === 0) return 0;
      if (this.hashes[i] === h && this.keys[i] === value) return id;
    }
  }

  /** Whether the table can take one more value without outgrowing its largest size. */
  get full(): boolean {
    return this.size + 1 > (this.mask + 1) >> 1 && this.mask + 1 >= 1 << WIDE_MAX_BITS;
  }

  add(value: string, h: number, id: number): void {
    if (this.size + 1 > (this.mask + 1) >> 1) this.grow();
    this.place(value, h, id);
    this.size++;
  }

  private place(value: string, h: number, id: number): void {
    const mask = this.mask;
    let i = h & mask;
    while (this.ids[i] !== 0) i = (i + 1) & mask;
    this.hashes[i] = h;
    this.ids[i] = id;
    this.keys[i] = value;
  }

  private grow(): void {
    const { hashes, ids, keys } = this;
    const slots = 2 * hashes.length;
    this.mask = slots - 1;
    this.hashes = new Int32Array(slots);
    this.ids = new Int32Array(slots);
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.place(keys[i] as string, hashes[i], ids[i]);
  }
}

/**
 * Dictionary ids of the values each text column of one import has had. Most columns of a bill
 * hold from a few to a few hundred values that change from row to row (seller, account, SKU,
 * model, token class); a small map per column stays in the processor's caches, where the
 * workspace's dictionary of every value (hundreds of thousands) does not, and a column of at most
 * four values is only compared, never hashed. A column with more values than `maxValues`
 * (resource ids, API keys) moves to a table of hashes of its own; past a few million values it
 * looks each value up in the workspace dictionary.
 * Ids are not forgotten on a rollback: use one per import transaction.
 */
export class ColumnIds {
  private readonly maps: (Map<string, number> | null)[];
  private readonly wide: (WideColumn | null)[];
  private readonly values: (string | null)[];
  private readonly ids: number[];

  constructor(
    private readonly strings: StringTable,
    columns: number,
    private readonly maxValues = 4096,
  ) {
    this.maps = Array.from({ length: columns }, () => new Map<string, number>());
    this.wide = new Array<WideColumn | null>(columns).fill(null);
    this.values = new Array<string | null>(columns * WAYS).fill(null);
    this.ids = new Array<number>(columns * WAYS).fill(0);
  }

  idOf(column: number, value: string): number {
    const map = this.maps[column];
    if (map === null) return this.wideIdOf(column, value);
    if (map.size <= WAYS) {
      const values = this.values;
      for (let i = column * WAYS; i < (column + 1) * WAYS; i++) if (values[i] === value) return this.ids[i];
    }
    let id = map.get(value);
    if (id !== undefined) return id;
    id = this.strings.idOf(value);
    if (map.size >= this.maxValues) {
      const wide = new WideColumn();
      for (const [v, i] of map) wide.add(v, hashText(v), i);
      wide.add(this.strings.valueOf(id) as string, hashText(value), id);
      this.maps[column] = null;
      this.wide[column] = wide;
      return id;
    }
    // Kept for the whole import: a copy, so it does not pin the text it was parsed from.
    const own = ownString(value);
    map.set(own, id);
    if (map.size <= WAYS) {
      const slot = column * WAYS + map.size - 1;
      this.values[slot] = own;
      this.ids[slot] = id;
    }
    return id;
  }

  private wideIdOf(column: number, value: string): number {
    const wide = this.wide[column];
    if (wide === null) return this.strings.idOf(value);
    const h = hashText(value);
    const known = wide.get(value, h);
    if (known !== 0) return known;
    const id = this.strings.idOf(value);
    if (wide.full) this.wide[column] = null;
    // The dictionary's own copy: it does not pin the text the value was parsed from.
    else wide.add(this.strings.valueOf(id) as string, h, id);
    return id;
  }
}
