import { openSync, readSync, closeSync, statSync } from 'node:fs';
import type { BlobLike } from '../shared/contract';

const CHUNK = 4 * 1024 * 1024;

/**
 * A file on disk as the engine's BlobLike, read in 4 MiB blocks. Node's own Blob streams 64 KiB
 * at a time, which makes a large import spend its time waiting between small reads.
 *
 * Every read fills the same buffer: a chunk is lent until the next read (see `ByteSource`).
 * Fresh memory for each block costs the kernel a page fault per 4 KiB, about 1.5 s over a
 * 700 MB file; reading into a buffer already mapped costs almost nothing.
 */
/** A file on disk; `path` lets a reading thread open it again. */
export type FileBlob = BlobLike & { readonly path: string };

export function fileBlob(path: string): FileBlob {
  const size = statSync(path).size;
  return {
    path,
    size,
    stream() {
      let fd: number | null = null;
      let position = 0;
      let buf: Uint8Array | null = null;
      const close = (): void => {
        if (fd !== null) closeSync(fd);
        fd = null;
      };
      return {
        getReader() {
          return {
            async read() {
              fd ??= openSync(path, 'r');
              buf ??= new Uint8Array(Math.min(CHUNK, Math.max(size, 1)));
              const n = readSync(fd, buf, 0, buf.length, position);
              if (n === 0) {
                close();
                return { done: true };
              }
              position += n;
              return { done: false, value: n === buf.length ? buf : buf.subarray(0, n) };
            },
            async cancel() {
              close();
            },
            releaseLock() {},
          };
        },
      };
    },
  };
}
