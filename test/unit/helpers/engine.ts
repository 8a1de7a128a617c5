import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import type { EngineEvents, EventName } from '../../../src/shared/contract';
import { createEngine, type Engine, type EngineHost } from '../../../src/core/engine';

export const FIXED_NOW = new Date('2026-11-15T09:30:00Z');

export type TestEngine = { engine: Engine; events: { name: EventName; payload: EngineEvents[EventName] }[] };

/** The real engine on a real in-memory sql.js database, with a fixed clock; `host` adds to its host. */
export async function testEngine(host: Partial<EngineHost> = {}): Promise<TestEngine> {
  const SQL = await initSqlJs();
  const events: TestEngine['events'] = [];
  const engine = createEngine({
    sqlite: SQL,
    clock: { now: () => FIXED_NOW },
    emit: (name, payload) => events.push({ name, payload }),
    ...host,
  });
  await engine.call('workspace/create', { name: 'Test' });
  return { engine, events };
}

export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
}

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(rel)));
}

/** A file for 'import/files', cut into small chunks so multi-byte characters straddle chunk edges. */
/**
 * A file for `import/files`, streamed `chunk` bytes at a time. `lent`: every chunk is read into
 * the same buffer, and the last one is scribbled over before the next read, as a host that lends
 * its chunks may (see `ByteSource`): whatever keeps a chunk without copying it reads garbage.
 */
export function fileInput(name: string, bytes: Uint8Array | string, chunk = 1 << 16, lent = false) {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const blob = {
    size: data.length,
    stream() {
      let at = 0;
      const buffer = new Uint8Array(chunk);
      return {
        getReader() {
          return {
            async read() {
              if (lent) buffer.fill(0x7e);
              if (at >= data.length) return { done: true };
              let value = data.subarray(at, at + chunk);
              if (lent) {
                buffer.set(value);
                value = buffer.subarray(0, value.length);
              }
              at += chunk;
              return { done: false, value };
            },
            async cancel() {},
            releaseLock() {},
          };
        },
      };
    },
  };
  return { name, size: data.length, file: blob };
}

/** Exact decimal sum with BigInt at a fixed scale, independent of the engine's money module. */
export function exactSum(values: string[], scale = 15): string {
  let total = 0n;
  for (const v of values) {
    const neg = v.startsWith('-');
    const [i, f = ''] = v.replace(/^[-+]/, '').split('.');
    const n = BigInt(i || '0') * 10n ** BigInt(scale) + BigInt((f + '0'.repeat(scale)).slice(0, scale));
    total += neg ? -n : n;
  }
  const neg = total < 0n;
  const mag = neg ? -total : total;
  const s = mag.toString().padStart(scale + 1, '0');
  const frac = s.slice(-scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${s.slice(0, -scale)}${frac ? '.' + frac : ''}`;
}
