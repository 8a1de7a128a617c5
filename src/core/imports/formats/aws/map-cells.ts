import { ownString } from '../../../db/strings';
import { TextMap } from '../../perf/text-map';
/**
 * CUR 2.0 map columns (`product`, `resource_tags`) hold a JSON object per cell. The same few
 * objects repeat on thousands of lines, so each distinct text is parsed once. The texts run to
 * hundreds of characters: the cache hashes a sample of each (see `TextMap`).
 */
export type MapCell = ReadonlyMap<string, string>;

const MAX_CACHED = 50_000;

function parseMap(text: string): MapCell | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null) return new Map();
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(parsed)) {
    if (v === null || v === undefined) continue;
    out.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return out;
}

export class MapCells {
  private readonly cache = new TextMap<MapCell | null>();

  /** The cell's entries, or null when the text is not a JSON object. */
  parse(text: string): MapCell | null {
    const hit = this.cache.get(text);
    if (hit !== undefined) return hit;
    const value = parseMap(text);
    if (this.cache.size > MAX_CACHED) this.cache.clear();
    this.cache.set(ownString(text), value);
    return value;
  }
}
