import { describe, expect, it } from 'vitest';
import { Utf8PieceDecoder } from '../../../../src/core/imports/perf/utf8-pieces';

type Outcome = { text: string; failedAt: number | null };

/** Decodes `pieces` in order; records the text and the index of the call that threw, if any. */
function run(decode: (piece: Uint8Array, final: boolean) => string, pieces: Uint8Array[]): Outcome {
  let text = '';
  for (let i = 0; i < pieces.length; i++) {
    try {
      text += decode(pieces[i], i === pieces.length - 1);
    } catch {
      return { text, failedAt: i };
    }
  }
  return { text, failedAt: null };
}

function reference(pieces: Uint8Array[]): Outcome {
  const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return run((p, final) => d.decode(p, { stream: !final }), pieces);
}

function fast(pieces: Uint8Array[]): Outcome {
  const d = new Utf8PieceDecoder();
  return run((p, final) => d.decode(p, final), pieces);
}

function split(bytes: Uint8Array, sizes: () => number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(sizes(), bytes.length - at);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  out.push(new Uint8Array(0)); // the reader's final flush
  return out;
}

describe('piecewise UTF-8 decoding', () => {
  const text = 'ChargeDescription,Café Crème € 𝄞 — ÿ\uFEFF,"multi\nline" Ω 日本語 🙂\n';
  const bytes = new TextEncoder().encode(text);

  it('gives the streaming decoder’s text for valid input cut at every size', () => {
    for (let size = 1; size <= 9; size++) {
      const pieces = split(bytes, () => size);
      expect(fast(pieces)).toEqual({ text, failedAt: null });
    }
  });

  it('fails at the same piece as the streaming decoder, on invalid bytes anywhere', () => {
    const bad = [[0xff], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x41], [0xf0, 0x9f, 0x99], [0xc3]];
    for (const seq of bad) {
      for (let at = 0; at <= 12; at++) {
        const b = new Uint8Array([...bytes.subarray(0, at), ...seq, ...bytes.subarray(at, 20)]);
        for (let size = 1; size <= 6; size++) {
          const pieces = split(b, () => size);
          expect(fast(pieces), JSON.stringify({ seq, at, size })).toEqual(reference(pieces));
        }
      }
    }
  });

  it('agrees with the streaming decoder on random bytes in random pieces', () => {
    let x = 7;
    const next = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    const alphabet = [0x41, 0x0a, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x99, 0x82, 0x80, 0xbf, 0xed, 0xa0, 0xe0, 0xf4, 0x90, 0xff];
    for (let k = 0; k < 20_000; k++) {
      const b = Uint8Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]);
      const pieces = split(b, () => 1 + next(4));
      const want = reference(pieces);
      const got = fast(pieces);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ bytes: [...b], sizes: pieces.map((p) => p.length), got }).toEqual({ bytes: [...b], sizes: pieces.map((p) => p.length), got: want });
    }
  });
});
