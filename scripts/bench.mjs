// `npm run bench`: bundles the benchmark with the engine and runs it in Node with the GC exposed.
// BENCH_ROWS (default 1,000,000) sets the size of the generated FOCUS file; BENCH_THREADS=1 reads
// files on the engine's thread instead of a second one. The last benchmark
// imports the same file in the browser build in Chromium (built first; skipped without Chromium).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.mjs';

// Each benchmark is bundled with the engine and run in its own Node process, so peak memory is its own.
const ALL = ['import-bench', 'cur2-bench', 'allocation-bench', 'browser-import-bench'];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !ALL.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}: choose from ${ALL.join(', ')}.`);
  process.exit(2);
}
const benches = asked.length ? ALL.filter((name) => asked.includes(name)) : ALL;
for (const name of benches) {
  await build({ ...NODE_BUNDLE, entryPoints: [`test/bench/${name}.ts`], outfile: `.bench/${name}.mjs` });
}
// The thread the CLI reads large files on, beside the benchmarks (see test/bench/reading-thread.ts).
await build({ ...NODE_BUNDLE, entryPoints: ['src/node/reader-worker.ts'], outfile: '.bench/reader.mjs' });
let status = 0;
if (benches.includes('browser-import-bench') && existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  status = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] }).status ?? 1;
}
for (const name of benches) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', `.bench/${name}.mjs`], { stdio: 'inherit' });
  status ||= r.status ?? 1;
}
process.exit(status);
