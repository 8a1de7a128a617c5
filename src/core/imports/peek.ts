import type { ByteSource } from '../../shared/contract';

/**
 * Reads the first bytes of a source without losing them: returns them together with a source
 * that yields them again, followed by the rest.
 */
export async function peek(source: ByteSource, atLeast: number): Promise<{ head: Uint8Array; source: ByteSource }> {
  const iterator = source.chunks()[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < atLeast) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    parts.push(next.value.slice()); // lent until the next read
    size += next.value.length;
  }
  const head = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    head.set(p, at);
    at += p.length;
  }
  return {
    head,
    source: {
      name: source.name,
      size: source.size,
      async *chunks() {
        if (head.length) yield head;
        if (done) return;
        try {
          for (;;) {
            const next = await iterator.next();
            if (next.done) return;
            yield next.value;
          }
        } finally {
          await iterator.return?.();
        }
      },
    },
  };
}

/** Reads a whole (small) source into one buffer, refusing anything over `limit` bytes. */
export async function readAll(source: ByteSource, limit: number, onBytes: (n: number) => void): Promise<Uint8Array | null> {
  // Chunks are lent until the next read: each is copied in as it comes.
  let out = new Uint8Array(Math.min(Math.max(source.size, 0), limit));
  let size = 0;
  for await (const chunk of source.chunks()) {
    if (size + chunk.length > limit) return null;
    if (size + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(Math.max(2 * out.length, size + chunk.length), limit));
      grown.set(out.subarray(0, size));
      out = grown;
    }
    out.set(chunk, size);
    size += chunk.length;
    onBytes(size);
  }
  return size === out.length ? out : out.slice(0, size);
}
