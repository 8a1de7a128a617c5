/** Arguments of `costbook allocate`, `costbook rules export|import` and `costbook metrics import`. */
import { optionValue, UsageError } from './usage-error';

export type AllocationCommand =
  | { command: 'allocate'; workspace: string; by: string; period: string | null; rules: string | null; json: boolean }
  | { command: 'rules-export'; workspace: string; out: string | null }
  | { command: 'rules-import'; workspace: string; file: string }
  | { command: 'metrics-import'; workspace: string; file: string };

export const ALLOCATION_COMMANDS = ['allocate', 'rules', 'metrics'] as const;

export const ALLOCATION_USAGE = `  costbook allocate --workspace W.costbook --by KEY [--period YYYY-MM] [--rules FILE.json] [--json]
      Applies the workspace's allocation rules (or those of FILE.json, without saving them) and
      prints the billed cost per value of the tag key KEY, with the part that came through split
      rules, totals and coverage. --json gives the whole result with exact decimal strings.
  costbook rules export --workspace W.costbook [--out FILE.json]
      Writes the workspace's rule set as a rule file (to standard output without --out).
  costbook rules import --workspace W.costbook FILE.json
      Checks a rule file and saves it as the workspace's rule set, in place of the current one.
  costbook metrics import --workspace W.costbook FILE.csv
      Imports business metrics (header day,metric,tag_key,tag_value,quantity) for usage splits.`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

type Flag = 'workspace' | 'by' | 'period' | 'rules' | 'out';

/** Flags with values, boolean flags and positional arguments; anything else is a usage error. */
function scan(rest: string[], valued: readonly Flag[], booleans: readonly string[]) {
  const values = new Map<Flag, string>();
  const set = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const name = a.startsWith('--') ? a.slice(2).split('=')[0] : null;
    const flag = valued.find((f) => f === name);
    if (flag !== undefined) {
      const option = optionValue(rest, i);
      i = option.last;
      if (values.has(flag)) throw new UsageError(`--${flag} is given twice.`);
      values.set(flag, option.value);
    } else if (name !== null && booleans.includes(name) && !a.includes('=')) set.add(name);
    else if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}.`);
    else positional.push(a);
  }
  const workspace = values.get('workspace');
  if (workspace === undefined) throw new UsageError('--workspace is required.');
  return { values, set, positional, workspace };
}

function oneFile(what: string, positional: string[]): string {
  if (positional.length !== 1) throw new UsageError(`${what} takes exactly one file${positional.length ? ` (got ${positional.join(', ')})` : ''}.`);
  return positional[0];
}

export function parseAllocationArgs(command: (typeof ALLOCATION_COMMANDS)[number], rest: string[]): AllocationCommand {
  if (command === 'allocate') {
    const { values, set, positional, workspace } = scan(rest, ['workspace', 'by', 'period', 'rules'], ['json']);
    if (positional.length) throw new UsageError(`allocate takes no files (got ${positional[0]}); a rule file goes after --rules.`);
    const by = values.get('by')?.trim();
    if (!by) throw new UsageError('allocate needs --by KEY, the tag key to allocate by (e.g. --by team).');
    const period = values.get('period') ?? null;
    if (period !== null && !MONTH.test(period)) throw new UsageError(`--period must be a month as YYYY-MM (got ${period}).`);
    return { command, workspace, by, period, rules: values.get('rules') ?? null, json: set.has('json') };
  }
  const [verb, ...args] = rest;
  if (command === 'rules' && verb === 'export') {
    const { values, positional, workspace } = scan(args, ['workspace', 'out'], []);
    if (positional.length) throw new UsageError(`rules export takes no files (got ${positional[0]}); use --out FILE.json.`);
    return { command: 'rules-export', workspace, out: values.get('out') ?? null };
  }
  if (command === 'rules' && verb === 'import') {
    const { positional, workspace } = scan(args, ['workspace'], []);
    return { command: 'rules-import', workspace, file: oneFile('rules import', positional) };
  }
  if (command === 'metrics' && verb === 'import') {
    const { positional, workspace } = scan(args, ['workspace'], []);
    return { command: 'metrics-import', workspace, file: oneFile('metrics import', positional) };
  }
  const verbs = command === 'rules' ? 'export or import' : 'import';
  throw new UsageError(verb === undefined ? `${command} needs a subcommand: ${verbs}.` : `Unknown subcommand "${command} ${verb}"; use ${verbs}.`);
}
