// Bundles the command line (src/cli) with the engine into out/cli/costbook.mjs for Node.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const rawSql = {
  name: 'raw-sql',
  setup(b) {
    b.onResolve({ filter: /\.sql\?raw$/ }, (args) => ({
      path: new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`).pathname,
      namespace: 'raw-sql',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-sql' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

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
