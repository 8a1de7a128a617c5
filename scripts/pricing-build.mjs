// Validates pricing/providers/*.json and writes the compiled catalog the app loads
// (src/core/pricing/catalog.json, committed). The checks themselves live in
// src/core/pricing/compile.ts so the engine and this script share one implementation; esbuild
// bundles that module in memory because Node 20 cannot import TypeScript.
//
//   node scripts/pricing-build.mjs            validate and write
//   node scripts/pricing-build.mjs --check    validate and fail if the committed file is stale
//   --providers DIR / --out FILE              other locations (tests)
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(import.meta.url), '../..');

export async function loadCompiler() {
  const out = await build({
    entryPoints: [join(root, 'src/core/pricing/compile.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

function readSources(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = `${dir.replace(/\/$/, '')}/${f}`;
      const text = readFileSync(file, 'utf8');
      try {
        return { file, json: JSON.parse(text) };
      } catch (e) {
        return { file, json: null, parseError: `${file}: not valid JSON: ${e.message}` };
      }
    });
}

async function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(name);
    return i === -1 ? fallback : argv[i + 1];
  };
  const providersDir = arg('--providers', join(root, 'pricing/providers'));
  const outFile = arg('--out', join(root, 'src/core/pricing/catalog.json'));
  const check = argv.includes('--check');
  const { compileCatalog, serialiseCatalog } = await loadCompiler();
  const sources = readSources(providersDir);
  const parseErrors = sources.filter((s) => s.parseError).map((s) => s.parseError);
  const { catalog, issues } = compileCatalog(sources.filter((s) => !s.parseError));
  const all = [...parseErrors, ...issues];
  if (all.length > 0 || catalog === null) {
    for (const i of all) process.stderr.write(`pricing: ${i}\n`);
    process.stderr.write(`pricing: ${all.length} problem${all.length === 1 ? '' : 's'}; nothing written\n`);
    return 1;
  }
  const text = serialiseCatalog(catalog);
  const models = catalog.providers.reduce((n, p) => n + p.models.length, 0);
  if (check) {
    if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== text) {
      process.stderr.write(`pricing: ${outFile} is not the build of ${providersDir}: run node scripts/pricing-build.mjs\n`);
      return 1;
    }
    process.stdout.write(`pricing: ${catalog.providers.length} providers, ${models} models: valid, compiled file up to date\n`);
    return 0;
  }
  writeFileSync(outFile, text);
  process.stdout.write(`pricing: ${catalog.providers.length} providers, ${models} models written to ${outFile}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
