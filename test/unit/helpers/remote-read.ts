import initSqlJs from 'sql.js';
import type { BlobLike } from '../../../src/shared/contract';
import type { Engine } from '../../../src/core/engine';
import { sha256 } from '../../../src/core/hash/sha256';
import { TEXT_COLUMNS } from '../../../src/core/imports/charge-writer';
import { serveRead, type FromReader, type ReaderChannel, type ToReader } from '../../../src/core/imports/remote-read';
import type { RowBatch } from '../../../src/core/imports/row-batch';
import { blobSource } from '../../../src/core/imports/sources';

export type Loopback = {
  /** Starts a reading "thread" in this one: messages cross through structuredClone, as between threads. */
  spawn(): ReaderChannel;
  spawned: number;
  closed: number;
  batches: RowBatch[];
};

/**
 * A reading thread without a thread: serveRead runs here, and every message is cloned (arrays
 * transferred) and delivered on a later task, as a worker's would be. The file handle is the
 * BlobLike itself. `failAfter`: the "thread" dies after that many batches.
 */
export function loopback(failAfter = Infinity): Loopback {
  const state: Loopback = {
    spawned: 0,
    closed: 0,
    batches: [],
    spawn() {
      state.spawned++;
      let toEngine: ((m: FromReader) => void) | null = null;
      let onError: ((e: Error) => void) | null = null;
      let toReader: ((m: ToReader) => void) | null = null;
      let closed = false;
      let sent = 0;
      serveRead(
        {
          post(message, transfer) {
            const copy = structuredClone(message, { transfer });
            if (copy.type === 'batch') state.batches.push(copy.batch);
            setTimeout(() => {
              if (closed) return;
              if (copy.type === 'batch' && ++sent > failAfter) onError?.(new Error('the reading thread ran out of memory'));
              else toEngine?.(copy);
            });
          },
          listen(cb) {
            toReader = cb;
          },
        },
        (handle, request) => blobSource({ name: request.name, size: request.size, file: handle as BlobLike }),
        () => sha256.create(),
      );
      return {
        post(message) {
          // The file handle goes as it is (a Blob would be cloned; this one is a test's object).
          const copy = message.type === 'read' ? { ...message, request: structuredClone(message.request) } : structuredClone(message);
          setTimeout(() => {
            if (!closed) toReader?.(copy);
          });
        },
        listen(m, e) {
          toEngine = m;
          onError = e;
        },
        close() {
          closed = true;
          state.closed++;
        },
      };
    },
  };
  return state;
}

/** Every stored charge with its text, tag set and pricing references read back as values, in id order. */
export async function chargesAsValues(engine: Engine): Promise<unknown[][]> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const columns = db.exec('PRAGMA table_info(charges)')[0].values.map((v) => String(v[1]));
    const text = new Set<string>([...TEXT_COLUMNS, 'x_PriceRef', 'x_CatalogModel']);
    const select = columns.map((c) =>
      text.has(c)
        ? `(SELECT value FROM strings WHERE id = c.${c})`
        : c === 'Tags'
          ? '(SELECT json FROM tag_sets WHERE id = c.Tags)'
          : `c.${c}`,
    );
    const r = db.exec(`SELECT ${select.join(', ')} FROM charges c ORDER BY c.id`);
    return r.length ? r[0].values : [];
  } finally {
    db.close();
  }
}
