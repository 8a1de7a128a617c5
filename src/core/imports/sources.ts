import type { BlobLike, ByteSource, ImportFileInput } from '../../shared/contract';

/** Reads a Blob (browser File or Node Blob) as a stream of chunks, releasing it when stopped early. */
export function blobSource(input: ImportFileInput): ByteSource {
  const blob: BlobLike = input.file;
  return {
    name: input.name,
    size: input.size,
    origin: input,
    async *chunks() {
      const reader = blob.stream().getReader();
      let finished = false;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            finished = true;
            return;
          }
          if (value !== undefined && value.length) yield value;
        }
      } finally {
        if (!finished) await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
    },
  };
}

/** A file held in memory (generated demo files, tests). */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize = 1 << 20): ByteSource {
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    },
  };
}
