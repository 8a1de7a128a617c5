import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../../src/core/hash/sha256';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const reference = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('streaming SHA-256', () => {
  it('gives the FIPS 180-4 digests of the standard messages', () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    expect(hex(new Sha256().digest())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(new Sha256().update(utf8('abc')).digest())).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(new Sha256().update(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).digest())).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches a reference for every length around the block and padding edges', () => {
    for (let n = 0; n <= 200; n++) {
      const b = bytes(n, n + 1);
      expect(hex(new Sha256().update(b).digest()), `length ${n}`).toBe(reference(b));
    }
  });

  it('gives the same digest however the bytes are split, whatever the buffer offsets', () => {
    const all = bytes(100_003, 7);
    const expected = reference(all);
    for (const split of [1, 3, 63, 64, 65, 127, 4096, 65_537]) {
      const h = new Sha256();
      for (let at = 0; at < all.length; at += split) h.update(all.subarray(at, at + split));
      expect(hex(h.digest()), `pieces of ${split}`).toBe(expected);
    }
    // Pieces at odd offsets inside a larger buffer, as a decoder or archive may hand them over.
    const shifted = new Uint8Array(all.length + 5);
    shifted.set(all, 5);
    expect(hex(new Sha256().update(shifted.subarray(5)).digest())).toBe(expected);
  });

  it('refuses to be used after its digest', () => {
    const h = new Sha256();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow();
    expect(() => h.digest()).toThrow();
  });
});
