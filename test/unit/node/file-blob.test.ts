import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/core/engine';
import { fileBlob } from '../../../src/node/file-blob';
import { nodeSha256 } from '../../../src/node/sha256';
import { Sha256 } from '../../../src/core/hash/sha256';

const dir = mkdtempSync(join(tmpdir(), 'costbook-blob-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A FOCUS subset larger than two of fileBlob's 4 MiB reads, with a multi-byte name on every row. */
function writeCsv(rows: number): { path: string; cents: bigint } {
  const lines = ['ChargePeriodStart,BilledCost,ProviderName,SubAccountName'];
  let cents = 0n;
  for (let i = 0; i < rows; i++) {
    const c = (i * 37) % 10_000;
    cents += BigInt(c);
    lines.push(`2026-03-${String(1 + (i % 28)).padStart(2, '0')},${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')},OpenAI,Zürich Ünit ${i % 97}`);
  }
  const path = join(dir, `focus-${rows}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, cents };
}

describe('files read from disk (CLI host)', () => {
  it('imports a 9 MB file read into one reused buffer, hashed with Node’s SHA-256', async () => {
    const { path, cents } = writeCsv(240_000);
    expect(statSync(path).size).toBeGreaterThan(9 * 1024 * 1024);
    const SQL = await initSqlJs();
    const engine = createEngine({ sqlite: SQL, clock: { now: () => new Date() }, emit: () => undefined, sha256: nodeSha256 });
    await engine.call('workspace/create', { name: 'blob' });
    const [r] = await engine.call('import/files', { files: [{ name: 'focus.csv', size: statSync(path).size, file: fileBlob(path) }] });
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(240_000);
    const [whole, frac = ''] = (r.billedCost ?? '').split('.');
    expect(BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'))).toBe(cents);
    const [h] = await engine.call('import/history', {});
    expect(h.fileHash).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    const byAccount = await engine.call('summary/totals', { by: ['subAccount'] });
    expect(byAccount.groups).toHaveLength(97);
  });

  it('gives the same digest as the engine’s own SHA-256', () => {
    const bytes = new Uint8Array(1_000_003).map((_, i) => (i * 131) & 0xff);
    const node = nodeSha256();
    const own = new Sha256();
    for (let at = 0; at < bytes.length; at += 65_537) {
      node.update(bytes.subarray(at, at + 65_537));
      own.update(bytes.subarray(at, at + 65_537));
    }
    expect(Buffer.from(node.digest()).toString('hex')).toBe(Buffer.from(own.digest()).toString('hex'));
  });
});
