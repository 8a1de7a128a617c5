// `npm run bench`: bundles the benchmark with the engine and runs it in Node with the GC exposed.
// BENCH_ROWS (default 1,000,000) sets the size of the generated FOCUS file.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { rawSql } from './esbuild-raw-sql.mjs';

await build({
  entryPoints: ['test/bench/import-bench.ts'],
  outfile: '.bench/import-bench.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [rawSql],
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '.bench/import-bench.mjs'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
