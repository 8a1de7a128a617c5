/**
 * Import throughput of a generated FOCUS 1.2 file: rows/s from file to committed rows, peak
 * memory, and bytes per stored row in the saved workspace. Prints numbers; asserts nothing.
 */
import { statSync } from 'node:fs';
import { fileBlob } from '../../src/node/file-blob';
import { writeGeneratedFile } from './generated-file';
import initSqlJs from 'sql.js';
import { createEngine } from '../../src/core/engine';
import { nodeSha256 } from '../../src/node/sha256';
import { benchReadRemote, readingLabel } from './reading-thread';
import { generateFocusBenchLines } from '../../src/core/demo/bench-rows';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const file = `.bench/focus-${ROWS}.csv`;

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

await writeGeneratedFile(file, generateFocusBenchLines({ rows: ROWS, seed: 7, startMonth: '2026-09' }));
global.gc?.();
const baseRss = process.memoryUsage().rss;
const SQL = await initSqlJs();
const engine = createEngine({ sqlite: SQL, clock: { now: () => new Date() }, emit: () => undefined, sha256: nodeSha256, readRemote: benchReadRemote() });
await engine.call('workspace/create', { name: 'bench' });
const size = statSync(file).size;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const [result] = await engine.call('import/files', { files: [{ name: file, size, file: fileBlob(file) }] });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
if (result.status !== 'imported') {
  console.error(result.error?.message, JSON.stringify(result.error?.details.problems?.slice(0, 3)));
  process.exit(1);
}
const t0 = performance.now();
const summary = await engine.call('summary/totals', { by: ['month', 'provider'] });
const summarySeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const { bytes } = await engine.call('workspace/export', {});
const exportSeconds = (performance.now() - t1) / 1000;
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sample);
// The saved workspace opened again, as the app and the CLI open a file: integrity check included.
await engine.call('workspace/close', {});
global.gc?.();
const t2 = performance.now();
await engine.call('workspace/open', { name: 'bench.costbook', bytes });
const openSeconds = (performance.now() - t2) / 1000;
const t3 = performance.now();
await engine.call('summary/totals', { by: ['month', 'provider'] });
const reopenedSummarySeconds = (performance.now() - t3) / 1000;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
console.log(`FOCUS 1.2 import, ${result.rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB CSV, ${readingLabel()}`);
console.log(`  import:            ${seconds.toFixed(1)} s = ${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s (${(size / 1e6 / seconds).toFixed(1)} MB/s)`);
console.log(`  import CPU time:   ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads: the reading thread and GC helpers beside the engine)`);
console.log(`  summary by month×provider: ${summarySeconds.toFixed(2)} s (${summary.groups.length} groups, billed ${summary.billedCost} ${summary.currency})`);
console.log(`  workspace export:  ${exportSeconds.toFixed(1)} s, ${mb(bytes.length)}`);
console.log(`  bytes per stored row: ${Math.round(bytes.length / result.rows)} (CSV: ${Math.round(size / result.rows)})`);
console.log(`  open the saved workspace: ${openSeconds.toFixed(1)} s, then the same summary: ${reopenedSummarySeconds.toFixed(2)} s`);
console.log(`  peak RSS: ${mb(peakRss)} (process baseline before import ${mb(baseRss)}); sql.js heap cap 2048 MiB`);
