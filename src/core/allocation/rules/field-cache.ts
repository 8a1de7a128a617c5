/**
 * The raw values one evaluation reads, by field slot: a key's rules read the same few fields
 * again and again, so each is fetched from the row once per evaluation. Stamps instead of
 * clearing: starting an evaluation is one increment, and nothing is allocated per row.
 */
import type { FieldRef } from '../../../shared/allocation-contract';
import type { RowView } from './types';

const NO_ROW: RowView = { text: () => null, day: 0 };

export class FieldCache {
  readonly fields: FieldRef[] = [];
  private readonly slots = new Map<FieldRef, number>();
  private row: RowView = NO_ROW;
  private gen = 1;
  private stamps: number[] = [];
  private readonly raws: (string | null)[] = [];

  /** The slot of a field, registering it on first use (at compile time). */
  slot(field: FieldRef): number {
    let at = this.slots.get(field);
    if (at === undefined) {
      at = this.fields.length;
      this.fields.push(field);
      this.slots.set(field, at);
      this.stamps.push(0);
      this.raws.push(null);
    }
    return at;
  }

  /** Starts an evaluation: values read before are forgotten. */
  begin(row: RowView): void {
    this.row = row;
    this.gen++;
  }

  get day(): number {
    return this.row.day;
  }

  raw(i: number): string | null {
    if (this.stamps[i] === this.gen) return this.raws[i];
    // `?? null`: a runtime that answers undefined for a missing field must not break the tests.
    const v = this.row.text(this.fields[i]) ?? null;
    this.stamps[i] = this.gen;
    this.raws[i] = v;
    return v;
  }
}
