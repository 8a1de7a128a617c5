// Types of esbuild-raw-sql.mjs for the TypeScript that bundles with it (a unit test builds the CLI's reading thread).
import type { Plugin } from 'esbuild';
export const rawSql: Plugin;
