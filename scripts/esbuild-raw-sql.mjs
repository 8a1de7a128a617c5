// esbuild plugin: `import sql from './x.sql?raw'` gives the file's text, as Vite does.
import { readFile } from 'node:fs/promises';

export const rawSql = {
  name: 'raw-sql',
  setup(b) {
    b.onResolve({ filter: /\.sql\?raw$/ }, (args) => ({
      path: new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`).pathname,
      namespace: 'raw-sql',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-sql' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};
