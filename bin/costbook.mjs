#!/usr/bin/env node
// The `costbook` command. Runs the bundled CLI, building it first on a fresh checkout.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out/cli/costbook.mjs');
if (!existsSync(bundle)) {
  const previous = process.cwd();
  process.chdir(root);
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts/build-cli.mjs')).href);
  await buildCli();
  process.chdir(previous);
}
await import(pathToFileURL(bundle).href);
