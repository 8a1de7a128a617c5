// Bundles the command line (src/cli) with the engine into out/cli/costbook.mjs for Node.
import { build } from 'esbuild';
import { rawSql } from './esbuild-raw-sql.mjs';

export async function buildCli() {
  await build({
    entryPoints: ['src/cli/index.ts'],
    outfile: 'out/cli/costbook.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    plugins: [rawSql],
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
