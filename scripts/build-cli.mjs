// Bundles the command line (src/cli) with the engine into out/cli/costbook.mjs for Node, and the
// thread that reads large imported files beside it (out/cli/reader.mjs).
import { build } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.mjs';

export async function buildCli() {
  await build({
    entryPoints: { costbook: 'src/cli/index.ts', reader: 'src/node/reader-worker.ts' },
    outdir: 'out/cli',
    outExtension: { '.js': '.mjs' },
    ...NODE_BUNDLE,
    sourcemap: true,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildCli();
