/**
 * Import throughput of a generated CUR 2.0 file (EC2, S3 and Bedrock lines): rows/s from file to
 * committed rows, peak memory, bytes per stored row. Prints numbers; asserts nothing.
 */
import { statSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { createEngine } from '../../src/core/engine';
import { nodeSha256 } from '../../src/node/sha256';
import { benchReadRemote, readingLabel } from './reading-thread';
import { fileBlob } from '../../src/node/file-blob';
import { generateCur2Lines } from './cur2-lines';
import { writeGeneratedFile } from './generated-file';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const file = `.bench/cur2-${ROWS}.csv`;

await writeGeneratedFile(file, generateCur2Lines(ROWS, 11));

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const SQL = await initSqlJs();
const engine = createEngine({ sqlite: SQL, clock: { now: () => new Date() }, emit: () => undefined, sha256: nodeSha256, readRemote: benchReadRemote() });
await engine.call('workspace/create', { name: 'bench' });
const size = statSync(file).size;
const started = performance.now();
const [result] = await engine.call('import/files', { files: [{ name: file, size, file: fileBlob(file) }] });
const seconds = (performance.now() - started) / 1000;
if (result.status !== 'imported') {
  console.error(result.error?.message, JSON.stringify(result.error?.details.problems?.slice(0, 3)));
  process.exit(1);
}
const { bytes } = await engine.call('workspace/export', {});
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sample);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
console.log(`${result.formatLabel} import, ${result.rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB CSV, ${readingLabel()}`);
console.log(`  import:            ${seconds.toFixed(1)} s = ${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s (${(size / 1e6 / seconds).toFixed(1)} MB/s)`);
console.log(`  billed total:      ${result.billedCost} ${result.currency}`);
console.log(`  bytes per stored row: ${Math.round(bytes.length / result.rows)} (CSV: ${Math.round(size / result.rows)})`);
console.log(`  peak RSS: ${mb(peakRss)}`);
