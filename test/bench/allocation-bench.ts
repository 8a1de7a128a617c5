/**
 * Allocation speed on a generated FOCUS 1.2 file (the import benchmark's file): 200 tag rules over
 * five keys and 10 split rules applied to every charge, cold and warm, and the live preview of one
 * edited rule as the rule builder asks for it. Prints numbers; asserts nothing.
 */
import { statSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { createEngine } from '../../src/core/engine';
import { AllocationRuntime } from '../../src/core/allocation/allocate';
import { openWorkspace } from '../../src/core/db/workspace';
import { generateFocusBenchLines } from '../../src/core/demo/bench-rows';
import { fileBlob } from '../../src/node/file-blob';
import { benchRuleSet, withEditedRule } from './allocation-bench-rules';
import { writeGeneratedFile } from './generated-file';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const file = `.bench/focus-${ROWS}.csv`;

await writeGeneratedFile(file, generateFocusBenchLines({ rows: ROWS, seed: 7, startMonth: '2026-09' }));

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const SQL = await initSqlJs();
const engine = createEngine({ sqlite: SQL, clock: { now: () => new Date() }, emit: () => undefined });
await engine.call('workspace/create', { name: 'bench' });
const size = statSync(file).size;
const t0 = performance.now();
const [imported] = await engine.call('import/files', { files: [{ name: file, size, file: fileBlob(file) }] });
const importSeconds = (performance.now() - t0) / 1000;
if (imported.status !== 'imported') {
  console.error(imported.error?.message, JSON.stringify(imported.error?.details.problems?.slice(0, 3)));
  process.exit(1);
}
global.gc?.();
const afterImportRss = process.memoryUsage().rss;

const ruleSet = benchRuleSet();
const tagRules = ruleSet.keys.reduce((n, k) => n + k.rules.length, 0);
const saved = await engine.call('allocation/save', { ruleSet });

function* metricLines(rows: number): Generator<string> {
  yield 'day,metric,tag_key,tag_value,quantity\n';
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 100) * 86_400_000).toISOString().slice(0, 10);
    yield `${day},calls,customer,c${String(i % 100).padStart(4, '0')},${(i * 7919) % 1000}\n`;
  }
}

const fileBlobInput = (name: string) => ({ name, size: statSync(name).size, file: fileBlob(name) });

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
};

const [cold, coldMs] = await timed(() => engine.call('allocation/result', { key: 'team' }));
const [, warmMs] = await timed(() => engine.call('allocation/result', { key: 'team' }));
const [, otherKeyMs] = await timed(() => engine.call('allocation/result', { key: 'customer' }));
// The first preview builds what previews share; the five after it are the ones an analyst waits for.
const [, firstPreviewMs] = await timed(() => engine.call('allocation/preview', { ...withEditedRule(saved.ruleSet, 0), key: 'team' }));
const previews: number[] = [];
const engineMs: number[] = [];
for (let round = 1; round <= 5; round++) {
  const [p, ms] = await timed(() => engine.call('allocation/preview', { ...withEditedRule(saved.ruleSet, round), key: 'team' }));
  previews.push(ms);
  engineMs.push(p.elapsedMs);
  if (p.problems.length) console.error('preview problems:', JSON.stringify(p.problems.slice(0, 3)));
}
// A business metric file: 50,000 rows (daily calls per customer), imported twice (the second
// time every row replaces one already stored).
const metricFile = '.bench/metric-calls-50000.csv';
await writeGeneratedFile(metricFile, metricLines(50_000));
const metricMs: number[] = [];
for (let round = 0; round < 2; round++) {
  const [, ms] = await timed(() => engine.call('allocation/metrics-import', { file: fileBlobInput(metricFile) }));
  metricMs.push(ms);
}
peakRss = Math.max(peakRss, process.memoryUsage().rss);
clearInterval(sample);

// Cube size is not in the engine's answers: the saved rules' cube is built once more on a copy of
// the workspace, after the timings and the memory figure.
const { bytes } = await engine.call('workspace/export', {});
await engine.call('workspace/close', {});
const copy = openWorkspace(SQL, 'copy', bytes, { now: () => new Date() });
const cubeGroups = new AllocationRuntime(() => 0, () => () => new Map()).cube(copy, ruleSet).size;
copy.close();

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MiB`;

console.log(`Allocation, ${imported.rows.toLocaleString('en-US')} charges, ${tagRules} tag rules over ${ruleSet.keys.length} keys, ${ruleSet.splits.length} split rules`);
console.log(`  import (for reference):        ${importSeconds.toFixed(1)} s`);
console.log(`  allocation/result, cold:       ${s(coldMs)} (team: ${cold.groups.length} groups, coverage ${(cold.coverage * 100).toFixed(1)} %)`);
console.log(`  allocation/result, warm:       ${s(warmMs)}`);
console.log(`  allocation/result, other key:  ${s(otherKeyMs)}`);
console.log(`  allocation/preview, first:     ${s(firstPreviewMs)}`);
console.log(`  allocation/preview, one edited rule, warm: median ${s(median(previews))} of 5 (${previews.map(s).join(', ')}; engine's own elapsedMs median ${s(median(engineMs))})`);
console.log(`  business metric import, 50,000 rows: ${s(metricMs[0])}, again (replacing every row): ${s(metricMs[1])}`);
console.log(`  cube groups (charges grouped by every field the rules read): ${cubeGroups.toLocaleString('en-US')}`);
console.log(`  peak RSS: ${mb(peakRss)} (after import ${mb(afterImportRss)})`);
