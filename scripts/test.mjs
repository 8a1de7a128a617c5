// `npm test`: type checks, lint, unit tests on the real engine, the browser build, and the
// end-to-end specs in Debian's Chromium. Ends with one line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const steps = [];
let failed = false;

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ label, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok) failed = true;
  return ok;
}

mkdirSync('test-results', { recursive: true });
run('typecheck engine (no DOM, no Node)', 'npx', ['tsc', '-p', 'tsconfig.core.json', '--noEmit']);
run('typecheck Node and Electron', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
run('typecheck renderer and worker', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
run('lint (layering)', 'npx', ['eslint', '.']);
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
const built = run('browser build', 'npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
const chromium = process.env.COSTBOOK_CHROMIUM ?? '/usr/bin/chromium';
if (built && existsSync(chromium)) {
  run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json',
  });
} else if (!existsSync(chromium)) {
  console.error(`\n${chromium} is missing: install Debian's chromium (apt-get install -y chromium) to run the end-to-end tests.`);
  failed = true;
}

let passed = 0;
let failedTests = 0;
let skipped = 0;
try {
  const unit = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  passed += unit.numPassedTests;
  failedTests += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
} catch {
  failedTests += 1;
}
if (existsSync('test-results/e2e.json')) {
  const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  passed += e2e.stats.expected;
  failedTests += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
console.log('');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.label} (${s.seconds} s)`);
if (failed && failedTests === 0) failedTests = steps.filter((s) => !s.ok).length;
console.log(`tests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
