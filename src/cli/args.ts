import { SUMMARY_DIMENSIONS, type SummaryDimension } from '../shared/contract';
import { ALLOCATION_COMMANDS, ALLOCATION_USAGE, parseAllocationArgs, type AllocationCommand } from './allocation-args';
import { optionValue, UsageError } from './usage-error';

export { UsageError };

export type CliCommand =
  | { command: 'import'; workspace: string; paths: string[]; json: boolean; validRowsOnly: boolean; replace: boolean | undefined }
  | { command: 'summary'; workspace: string; by: SummaryDimension[]; json: boolean }
  | { command: 'price'; name: string; provider: string | null; date: string | null; json: boolean }
  | AllocationCommand
  | { command: 'help' };

export const USAGE = `Usage:
  costbook import --workspace W.costbook [--json] [--import-valid-rows] [--replace | --keep-both] FILE|FOLDER...
      Imports cost and usage exports into the workspace (created when it does not exist).
      A file with bad records is refused whole, unless --import-valid-rows is given: then its
      valid records are imported and the rejected ones are written, with their reasons, to
      <file>.rejected.csv beside the workspace. A new export of a source and period already
      imported is not imported until --replace (it replaces the earlier import) or --keep-both.
  costbook summary --workspace W.costbook [--by month,provider] [--json]
      Prints invoiced totals, grouped by any of: ${SUMMARY_DIMENSIONS.join(', ')}.
  costbook price NAME [--provider P] [--date YYYY-MM-DD] [--json]
      Prints the list price valid at the date (default today, UTC) for any spelling of a model:
      API id, dated snapshot, display name, Azure meter, Bedrock model id or usage type, Vertex
      SKU, Cursor model name. --json gives USD per 1M tokens as decimal strings.
${ALLOCATION_USAGE}

Exit status: 0 on success; 1 when nothing was imported or the workspace cannot be used, or when a
price name is unknown or ambiguous or has no price at the date, or when a tag key is unknown or a
rule or metric file is refused; 2 on a usage error.`;

export function parseArgs(argv: string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'price') return parsePriceArgs(rest);
  const allocation = ALLOCATION_COMMANDS.find((c) => c === command);
  if (allocation !== undefined) return parseAllocationArgs(allocation, rest);
  if (command !== 'import' && command !== 'summary') throw new UsageError(`Unknown command "${command}".`);
  let workspace: string | null = null;
  let json = false;
  let validRowsOnly = false;
  let replace: boolean | undefined;
  let by: SummaryDimension[] = [];
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (): string => {
      const option = optionValue(rest, i);
      i = option.last;
      return option.value;
    };
    if (a === '--workspace' || a.startsWith('--workspace=')) workspace = value();
    else if (a === '--json') json = true;
    else if (command === 'import' && a === '--import-valid-rows') validRowsOnly = true;
    else if (command === 'import' && (a === '--replace' || a === '--keep-both')) {
      if (replace !== undefined && replace !== (a === '--replace')) throw new UsageError('--replace and --keep-both exclude each other.');
      replace = a === '--replace';
    }
    else if (command === 'summary' && (a === '--by' || a.startsWith('--by='))) {
      by = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean) as SummaryDimension[];
      const unknown = by.filter((d) => !SUMMARY_DIMENSIONS.includes(d));
      if (unknown.length) throw new UsageError(`Unknown --by dimension: ${unknown.join(', ')}. Use ${SUMMARY_DIMENSIONS.join(', ')}.`);
    } else if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
    else paths.push(a);
  }
  if (workspace === null) throw new UsageError('--workspace is required.');
  if (command === 'import') {
    if (paths.length === 0) throw new UsageError('import needs at least one file or folder.');
    return { command, workspace, paths, json, validRowsOnly, replace };
  }
  if (paths.length) throw new UsageError(`summary takes no files (got ${paths[0]}).`);
  return { command, workspace, by, json };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parsePriceArgs(rest: string[]): CliCommand {
  let provider: string | null = null;
  let date: string | null = null;
  let json = false;
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (): string => {
      const option = optionValue(rest, i);
      i = option.last;
      return option.value;
    };
    if (a === '--provider' || a.startsWith('--provider=')) provider = value();
    else if (a === '--date' || a.startsWith('--date=')) {
      date = value();
      const d = new Date(`${date}T00:00:00Z`);
      if (!DAY.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) throw new UsageError(`--date must be a day as YYYY-MM-DD (got ${date}).`);
    } else if (a === '--json') json = true;
    else if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
    else names.push(a);
  }
  // Billing spellings contain spaces ("GPT 5 Inpt Glbl Tokens"): unquoted words are one name.
  if (names.length === 0) throw new UsageError('price needs a model name.');
  return { command: 'price', name: names.join(' '), provider, date, json };
}
