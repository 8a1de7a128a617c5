import { openSync, readSync, closeSync, statSync } from 'node:fs';
import type { BlobLike } from '../shared/contract';

const CHUNK = 4 * 1024 * 1024;

/**
 * A file on disk as the engine's BlobLike, read in 4 MiB blocks. Node's own Blob streams 64 KiB
 * at a time, which makes a large import spend its time waiting between small reads.
 */
export function fileBlob(path: string): BlobLike {
  const size = statSync(path).size;
  return {
    size,
    stream() {
      let fd: number | null = null;
      let position = 0;
      const close = (): void => {
        if (fd !== null) closeSync(fd);
        fd = null;
      };
      return {
        getReader() {
          return {
            async read() {
              fd ??= openSync(path, 'r');
              const buf = new Uint8Array(CHUNK);
              const n = readSync(fd, buf, 0, CHUNK, position);
              if (n === 0) {
                close();
                return { done: true };
              }
              position += n;
              return { done: false, value: n === CHUNK ? buf : buf.subarray(0, n) };
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
