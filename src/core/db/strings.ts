import type { Database, Statement } from 'sql.js';

/**
 * A copy of `s` that does not pin the text it was cut from. V8 makes a substring of 13 or more
 * characters a slice of its parent, so a parsed field kept as a dictionary key would keep the
 * whole decoded batch it came from alive: over a large import, most of the file's text. The
 * concatenation is flattened into a fresh string of the field's own length before slicing.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * The workspace's string dictionary. Every repeated text value is stored once; rows carry its id.
 * Ids handed out inside a transaction are forgotten again if the transaction rolls back.
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly values = new Map<number, string>();
  private nextId = 1;
  private loaded = false;
  private insert: Statement | null = null;
  private pending: string[] = [];

  constructor(private readonly db: Database) {}

  private load(): void {
    if (this.loaded) return;
    const stmt = this.db.prepare('SELECT id, value FROM strings');
    while (stmt.step()) {
      const [id, value] = stmt.get() as [number, string];
      this.ids.set(value, id);
      this.values.set(id, value);
      if (id >= this.nextId) this.nextId = id + 1;
    }
    stmt.free();
    this.loaded = true;
  }

  /** Id of a value, adding it when new. Must be called inside the caller's write transaction. */
  idOf(value: string): number {
    if (!this.loaded) this.load();
    let id = this.ids.get(value);
    if (id !== undefined) return id;
    id = this.nextId++;
    this.insert ??= this.db.prepare('INSERT INTO strings (id, value) VALUES (?, ?)');
    this.insert.run([id, value]);
    const own = ownString(value);
    this.ids.set(own, id);
    this.values.set(id, own);
    this.pending.push(own);
    return id;
  }

  valueOf(id: number | null): string | null {
    if (id === null) return null;
    this.load();
    return this.values.get(id) ?? null;
  }

  /** The transaction committed: the ids handed out since the last call are now permanent. */
  commit(): void {
    this.pending = [];
  }

  /** The transaction rolled back: forget the ids it handed out. */
  rollback(): void {
    for (const value of this.pending) {
      const id = this.ids.get(value);
      this.ids.delete(value);
      if (id !== undefined) this.values.delete(id);
    }
    this.pending = [];
    this.nextId = 1;
    for (const id of this.values.keys()) if (id >= this.nextId) this.nextId = id + 1;
  }

  dispose(): void {
    this.insert?.free();
    this.insert = null;
  }
}
