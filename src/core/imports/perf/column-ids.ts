import { TextMap } from './text-map';

/**
 * Where ids come from: the workspace's dictionary, or a reading thread's own numbering. `valueOf`
 * is asked only for the value `idOf` just returned.
 */
export type IdSource = { idOf(value: string): number; valueOf(id: number): string | null };

/** Columns with up to this many values compare a new field with each of them directly. */
const WAYS = 4;

/**
 * Dictionary ids of the values each text column of one import has had. Most columns of a bill
 * hold from a few to a few hundred values that change from row to row (seller, account, SKU,
 * model, token class); a small table per column stays in the processor's caches, where the
 * workspace's dictionary of every value (hundreds of thousands) does not, and a column of at most
 * four values is only compared, never hashed. The tables hash a sample of each value (see
 * `TextMap`): resource ids and ARNs are long. A column with more than `maxValues` values (one
 * id per row) gives its table up and looks each value up in the dictionary.
 * Ids are not forgotten on a rollback: use one per import transaction.
 */
export class ColumnIds {
  private readonly maps: (TextMap<number> | null)[];
  private readonly values: (string | null)[];
  private readonly ids: number[];

  constructor(
    private readonly strings: IdSource,
    columns: number,
    private readonly maxValues = 1 << 21,
  ) {
    this.maps = Array.from({ length: columns }, () => new TextMap<number>());
    this.values = new Array<string | null>(columns * WAYS).fill(null);
    this.ids = new Array<number>(columns * WAYS).fill(0);
  }

  /** Values the column has had so far (Infinity once its table was given up). */
  sizeOf(column: number): number {
    return this.maps[column]?.size ?? Infinity;
  }

  idOf(column: number, value: string): number {
    const map = this.maps[column];
    if (map === null) return this.strings.idOf(value);
    if (map.size <= WAYS) {
      const values = this.values;
      for (let i = column * WAYS; i < (column + 1) * WAYS; i++) if (values[i] === value) return this.ids[i];
    }
    let id = map.get(value);
    if (id !== undefined) return id;
    id = this.strings.idOf(value);
    if (map.size >= this.maxValues) {
      this.maps[column] = null;
      return id;
    }
    // The dictionary's own copy: it does not pin the text the value was parsed from.
    const own = this.strings.valueOf(id) as string;
    map.set(own, id);
    if (map.size <= WAYS) {
      const slot = column * WAYS + map.size - 1;
      this.values[slot] = own;
      this.ids[slot] = id;
    }
    return id;
  }
}
