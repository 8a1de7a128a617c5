// esbuild options shared by every Node bundle of the engine: the CLI and its reading thread, the
// benchmarks, and the unit test that runs the reading thread as the CLI ships it.
import { rawSql } from './esbuild-raw-sql.mjs';

export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [rawSql],
  logLevel: 'warning',
};
