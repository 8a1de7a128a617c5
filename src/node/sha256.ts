import { createHash } from 'node:crypto';
import type { FileHasher } from '../core/hash/sha256';

/** Node's native streaming SHA-256 as the engine's file hasher (about 1.5 GB/s against 0.3). */
export function nodeSha256(): FileHasher {
  const hash = createHash('sha256');
  return {
    update(bytes) {
      hash.update(bytes);
    },
    digest() {
      return new Uint8Array(hash.digest());
    },
  };
}
