import { ownString, type StringTable } from '../../db/strings';

/** Columns with up to this many values compare a new field with each of them directly. */
const WAYS = 4;

/**
 * Dictionary ids of the values each text column of one import has had. Most columns of a bill
 * hold from a few to a few hundred values that change from row to row (seller, account, SKU,
 * model, token class); a small map per column stays in the processor's caches, where the
 * workspace's dictionary of every value (hundreds of thousands) does not, and a column of at most
 * four values is only compared, never hashed. A column with more values than `maxValues`
 * (resource ids) gives its map up and looks each value up in the dictionary.
 * Ids are not forgotten on a rollback: use one per import transaction.
 */
export class ColumnIds {
  private readonly maps: (Map<string, number> | null)[];
  private readonly values: (string | null)[];
  private readonly ids: number[];

  constructor(
    private readonly strings: StringTable,
    columns: number,
    private readonly maxValues = 4096,
  ) {
    this.maps = Array.from({ length: columns }, () => new Map<string, number>());
    this.values = new Array<string | null>(columns * WAYS).fill(null);
    this.ids = new Array<number>(columns * WAYS).fill(0);
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
}
