/** `costbook allocate`, `costbook rules export|import`, `costbook metrics import`. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AllocationResult, AllocationRuleSet } from '../shared/allocation-contract';
import { EngineError } from '../shared/errors';
import type { Engine } from '../core/engine';
import { fileBlob } from '../node/file-blob';
import { acquireWorkspaceLock, writeWorkspaceFileAtomic } from '../node/workspace-file';
import type { AllocationCommand } from './allocation-args';
import { formatAllocationTable, formatMetricImport, formatRuleProblems } from './allocation-format';
import { openEngine } from './open-engine';
import { formatProblems } from './format';
import { UsageError } from './usage-error';

type Io = { out(text: string): void; err(text: string): void };

function readText(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`No such file: ${path}`);
  return readFileSync(path, 'utf8');
}

/** The engine error of a refused rule or metric file, with every problem it names; else rethrown. */
function reportRefusal(e: unknown, file: string, io: Io): number {
  if (!(e instanceof EngineError)) throw e;
  if (e.code === 'allocation/invalid-rules' || e.code === 'allocation/invalid-file') {
    const listed = formatRuleProblems(file, e.details.problems);
    const count = listed === '' ? 0 : listed.split('\n').length;
    io.err(count === 0 ? `costbook: ${e.message}` : `costbook: ${file} was not saved: ${count} problem${count === 1 ? '' : 's'}.\n${listed}`);
    return 1;
  }
  if (e.code === 'allocation/invalid-metrics') {
    io.err(`costbook: ${formatProblems(e.toPayload()).trimStart()}`);
    return 1;
  }
  throw e;
}

/** A rule file read for one run: JSON checked here, the rules by the engine, nothing saved. */
async function draftRules(engine: Engine, path: string, io: Io): Promise<AllocationRuleSet | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path).replace(/^\ufeff/, ''));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    io.err(`costbook: ${path} is not valid JSON: ${e.message}`);
    return null;
  }
  const ruleSet = parsed as AllocationRuleSet;
  try {
    const problems = await engine.call('allocation/validate', { ruleSet });
    if (problems.length === 0) return ruleSet;
    io.err(`costbook: ${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was allocated.\n${formatRuleProblems(path, problems)}`);
  } catch (e) {
    reportRefusal(e, path, io);
  }
  return null;
}

async function runAllocate(cmd: Extract<AllocationCommand, { command: 'allocate' }>, io: Io): Promise<number> {
  const engine = await openEngine(cmd.workspace, false);
  let ruleSet: AllocationRuleSet | undefined;
  if (cmd.rules !== null) {
    const draft = await draftRules(engine, cmd.rules, io);
    if (draft === null) return 1;
    ruleSet = draft;
  }
  let result: AllocationResult;
  try {
    result = await engine.call('allocation/result', { key: cmd.by, period: cmd.period, ...(ruleSet ? { ruleSet } : {}) });
  } catch (e) {
    if (!(e instanceof EngineError) || e.code !== 'allocation/unknown-key') throw e;
    const keys = (ruleSet ?? (await engine.call('allocation/rules', {})).ruleSet).keys.map((k) => k.key);
    const hint = keys.length
      ? `The keys are: ${keys.join(', ')}.`
      : `${ruleSet ? cmd.rules : 'The workspace'} has no tag keys yet: save rules with costbook rules import, or pass --rules FILE.json.`;
    io.err(`costbook: ${e.message} ${hint}`);
    return 1;
  }
  io.out(cmd.json ? JSON.stringify(result, null, 2) : formatAllocationTable(result));
  return 0;
}

async function runRulesExport(cmd: Extract<AllocationCommand, { command: 'rules-export' }>, io: Io): Promise<number> {
  const engine = await openEngine(cmd.workspace, false);
  const { json } = await engine.call('allocation/export-rules', {});
  if (cmd.out === null) io.out(json);
  else {
    writeFileSync(cmd.out, json.endsWith('\n') ? json : `${json}\n`);
    io.out(`rules written to ${cmd.out}`);
  }
  return 0;
}

/** Opens the workspace under its lock, runs the change, and saves the file atomically. */
async function changeWorkspace<T>(workspace: string, change: (engine: Engine) => Promise<T>): Promise<T> {
  const lock = acquireWorkspaceLock(workspace);
  try {
    const engine = await openEngine(workspace, false);
    const result = await change(engine);
    const { bytes } = await engine.call('workspace/export', {});
    await writeWorkspaceFileAtomic(workspace, bytes);
    return result;
  } finally {
    lock.release();
  }
}

async function runRulesImport(cmd: Extract<AllocationCommand, { command: 'rules-import' }>, io: Io): Promise<number> {
  const json = readText(cmd.file);
  try {
    const stored = await changeWorkspace(cmd.workspace, (engine) => engine.call('allocation/import-rules', { json, fileName: basename(cmd.file) }));
    const rules = stored.ruleSet.keys.reduce((n, k) => n + k.rules.length, 0);
    io.out(`rules of ${cmd.file} saved in ${cmd.workspace} as version ${stored.version}: ${stored.ruleSet.keys.length} tag keys, ${rules} rules, ${stored.ruleSet.splits.length} splits`);
    return 0;
  } catch (e) {
    return reportRefusal(e, cmd.file, io);
  }
}

async function runMetricsImport(cmd: Extract<AllocationCommand, { command: 'metrics-import' }>, io: Io): Promise<number> {
  if (!existsSync(cmd.file) || !statSync(cmd.file).isFile()) throw new UsageError(`No such file: ${cmd.file}`);
  const input = { name: basename(cmd.file), size: statSync(cmd.file).size, file: fileBlob(cmd.file) };
  try {
    const imported = await changeWorkspace(cmd.workspace, (engine) => engine.call('allocation/metrics-import', { file: input }));
    io.out(formatMetricImport(basename(cmd.file), imported, cmd.workspace));
    return 0;
  } catch (e) {
    return reportRefusal(e, cmd.file, io);
  }
}

export async function runAllocationCommand(cmd: AllocationCommand, io: Io): Promise<number> {
  switch (cmd.command) {
    case 'allocate':
      return runAllocate(cmd, io);
    case 'rules-export':
      return runRulesExport(cmd, io);
    case 'rules-import':
      return runRulesImport(cmd, io);
    case 'metrics-import':
      return runMetricsImport(cmd, io);
  }
}
