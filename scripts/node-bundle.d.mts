// Types of node-bundle.mjs for the TypeScript that bundles with it (a unit test builds the CLI's reading thread).
import type { BuildOptions } from 'esbuild';
export const NODE_BUNDLE: BuildOptions;
