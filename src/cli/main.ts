import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImportFileInput, ImportFileResult, Summary } from '../shared/contract';
import { EngineError } from '../shared/errors';
import { acquireWorkspaceLock, writeWorkspaceFileAtomic } from '../node/workspace-file';
import { fileBlob } from '../node/file-blob';
import { parseArgs, USAGE, UsageError, type CliCommand } from './args';
import { formatImportLine, formatProblems, formatPriceTable, formatSummaryTable, priceJson } from './format';
import { priceBook } from '../core/pricing';
import { openEngine } from './open-engine';
import { runAllocationCommand } from './allocation';

type Io = { out(text: string): void; err(text: string): void };

/** Every file below the given paths, in a stable order; hidden files and folders are skipped. */
function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
    } else files.push(p);
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`No such file or folder: ${p}`);
    walk(resolve(p));
  }
  return files;
}

async function runImport(cmd: Extract<CliCommand, { command: 'import' }>, io: Io): Promise<number> {
  const files = expandPaths(cmd.paths);
  const lock = acquireWorkspaceLock(cmd.workspace);
  try {
    const engine = await openEngine(cmd.workspace, true);
    const inputs: ImportFileInput[] = [];
    for (const f of files) inputs.push({ name: basename(f), size: statSync(f).size, file: fileBlob(f) });
    const results: ImportFileResult[] = await engine.call('import/files', { files: inputs, options: { validRowsOnly: cmd.validRowsOnly, replace: cmd.replace } });
    const rejectedFiles = new Map<string, string>();
    for (const r of results) {
      if (r.rejectedCsv === null) continue;
      const path = join(dirname(resolve(cmd.workspace)), `${r.file.replace(/[\\/:]/g, '_')}.rejected.csv`);
      writeFileSync(path, r.rejectedCsv);
      rejectedFiles.set(r.file, path);
    }
    const imported = results.filter((r) => r.status === 'imported').length;
    if (imported > 0 || !existsSync(cmd.workspace)) {
      const { bytes } = await engine.call('workspace/export', {});
      await writeWorkspaceFileAtomic(cmd.workspace, bytes);
    }
    if (cmd.json) {
      const files = results.map(({ rejectedCsv: _csv, ...r }) => ({ ...r, rejectedFile: rejectedFiles.get(r.file) ?? null }));
      io.out(JSON.stringify({ workspace: cmd.workspace, imported, files }, null, 2));
    } else {
      for (const r of results) {
        io.out(formatImportLine(r));
        if (r.error) io.err(formatProblems(r.error));
        const rejected = rejectedFiles.get(r.file);
        if (rejected) io.out(`  ${r.rejectedRows} rejected record${r.rejectedRows === 1 ? '' : 's'} written to ${rejected}`);
      }
      io.out(`${imported} of ${results.length} file${results.length === 1 ? '' : 's'} imported into ${cmd.workspace}`);
    }
    return imported > 0 ? 0 : 1;
  } finally {
    lock.release();
  }
}

async function runSummary(cmd: Extract<CliCommand, { command: 'summary' }>, io: Io): Promise<number> {
  const engine = await openEngine(cmd.workspace, false);
  const summary: Summary = await engine.call('summary/totals', { by: cmd.by });
  io.out(cmd.json ? JSON.stringify(summary, null, 2) : formatSummaryTable(summary));
  return 0;
}

/** Resolves any billing spelling and prints the record valid at the date; never falls back to another date's price. */
function runPrice(cmd: Extract<CliCommand, { command: 'price' }>, io: Io): number {
  const book = priceBook();
  const date = cmd.date ?? new Date().toISOString().slice(0, 10);
  const r = book.resolveModel(cmd.name, cmd.provider ?? undefined);
  if (r.status === 'unmatched') {
    io.err(`costbook: "${cmd.name}" is not a model the price catalog knows (${r.reason}).`);
    return 1;
  }
  if (r.status === 'ambiguous') {
    const list = r.candidates.map((c) => `  ${c.provider}/${c.model}${c.coordinate.meter ? ` (${c.coordinate.meter})` : ''}`);
    io.err([`costbook: "${cmd.name}" matches more than one model; none is chosen. Candidates:`, ...list, 'Use the full model id or --provider.'].join('\n'));
    return 1;
  }
  const provider = cmd.provider ?? r.provider;
  if (provider === null) {
    io.err(`costbook: ${r.model} is sold by ${r.providers.join(', ')}; say which with --provider.`);
    return 1;
  }
  const query = { tier: r.coordinate.tier, scope: r.coordinate.scope };
  const record = book.priceAt(provider, r.model, date, query);
  if (record === null) {
    const known = book.records(provider, r.model).map((p) => `${p.from}..${p.to ?? 'now'} ${p.tier} ${p.scope}${p.contextAbove ? ` above ${p.contextAbove}` : ''}`);
    const what = `${query.tier ?? 'standard'} ${query.scope ?? 'default-scope'}`;
    io.err(`costbook: no ${what} price for ${r.model} at ${provider} is valid on ${date}; usage then stays unpriced.${known.length ? `\nPrices on record:\n  ${known.join('\n  ')}` : ' No prices are on record.'}`);
    return 1;
  }
  const longContext = book
    .records(provider, r.model)
    .filter((p) => p.contextAbove !== undefined && p.tier === record.tier && p.scope === record.scope && p.unit === record.unit && p.from <= date && (p.to === null || date < p.to));
  const view = { model: r.model, name: r.name, provider, meter: r.coordinate.meter ?? null, record, longContext };
  io.out(cmd.json ? JSON.stringify(priceJson(view), null, 2) : formatPriceTable(view));
  return 0;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`costbook: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    if (cmd.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (cmd.command === 'price') return runPrice(cmd, io);
    if (cmd.command !== 'import' && cmd.command !== 'summary') return await runAllocationCommand(cmd, io);
    return cmd.command === 'import' ? await runImport(cmd, io) : await runSummary(cmd, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`costbook: ${e.message}`);
      return 2;
    }
    if (e instanceof EngineError) {
      io.err(`costbook: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
