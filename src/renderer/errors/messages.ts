/**
 * The one place where engine error codes become words a person reads. Every message is neutral
 * (no blame, no jargon), says what happened to their data, and what to do next. Import errors name
 * the file, and for bad cells the row, column, value and what was expected.
 */
import type { EngineErrorPayload, ErrorCode, ErrorDetails, RowProblem } from '../../shared/errors';
import { EngineError, isEngineErrorPayload } from '../../shared/errors';
import { formatCount } from '../format';

export type UserMessage = {
  code: ErrorCode;
  title: string;
  detail: string;
  /** The first few bad cells, for a table. */
  problems: RowProblem[];
  /** How many more problems exist beyond `problems`. */
  moreProblems: number;
};

/** How many bad cells are listed before "N more problems". */
export const PROBLEMS_SHOWN = 10;

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

type Texts = { title: string; detail: string };
type Describe = (file: string, d: ErrorDetails, message: string) => Texts;

const UNCHANGED = 'The file was not changed.';

const TEXTS: Record<ErrorCode, Describe> = {
  'workspace/none-open': () => ({ title: 'No workspace is open', detail: 'Create or open a workspace first.' }),
  'workspace/empty-file': (f) => ({
    title: `${f} is empty`,
    detail: `It contains no data, so it cannot be a Costbook workspace. ${UNCHANGED}`,
  }),
  'workspace/not-sqlite': (f) => ({
    title: `${f} is not a Costbook workspace`,
    detail: `Costbook opens .costbook files saved by Costbook. To add a bill or usage export, create a workspace and use Import instead. ${UNCHANGED}`,
  }),
  'workspace/not-costbook': (f) => ({
    title: `${f} is not a Costbook workspace`,
    detail: `It is a database, but not one Costbook created. ${UNCHANGED}`,
  }),
  'workspace/corrupt': (f) => ({
    title: `${f} is damaged`,
    detail: `Parts of it cannot be read. ${UNCHANGED} If you have a downloaded copy or a backup, open that instead.`,
  }),
  'workspace/truncated': (f) => ({
    title: `${f} is incomplete`,
    detail: `The file ends early, as after an interrupted copy or download. ${UNCHANGED} Copy it again from its source.`,
  }),
  'workspace/newer-version': (f, d) => {
    const found = str(d.found);
    const supported = str(d.supported);
    const versions = found && supported ? ` (workspace format ${found}; this version reads up to ${supported})` : '';
    return {
      title: `${f} was saved by a newer version of Costbook`,
      detail: `Update Costbook to open it${versions}. ${UNCHANGED}`,
    };
  },
  'workspace/locked': (f) => ({
    title: `${f} is already open elsewhere`,
    detail: 'Another window or tab is editing it. Close it there, then open it here.',
  }),
  'workspace/save-failed': (f, d, m) => {
    const reason = str(d.reason) ?? m;
    return {
      title: 'Changes could not be saved',
      detail: `The last good copy of ${f} is intact. Costbook tries again after your next change.${reason ? ` (${reason})` : ''}`,
    };
  },
  'import/cancelled': (f) => ({ title: 'Import cancelled', detail: `Nothing from ${f} was added to the workspace.` }),
  'import/unrecognized-format': (f) => ({
    title: `${f}: format not recognised`,
    detail:
      'Costbook reads FOCUS cost exports and the billing and usage exports of supported AI and cloud providers (CSV). Check that this is the cost export itself, not a report built from it.',
  }),
  'import/missing-columns': (f, d) => {
    const missing = Array.isArray(d.missing) ? d.missing.filter((c): c is string => typeof c === 'string') : [];
    return {
      title: `${f} is missing required columns`,
      detail: missing.length
        ? `Missing: ${list(missing)}. Export the file again with these columns included. Nothing was imported.`
        : 'Export the file again with all columns included. Nothing was imported.',
    };
  },
  'import/invalid-rows': (f, d) => {
    const n = typeof d.problemCount === 'number' ? d.problemCount : (d.problems?.length ?? 0);
    const what = n === 1 ? 'a value' : `${formatCount(n)} values`;
    return {
      title: `${f} has ${what} Costbook cannot read`,
      detail: 'Nothing from this file was imported. Correct the values below in the source system or file, then import it again.',
    };
  },
  'import/binary-file': (f) => ({
    title: `${f} is not a text file`,
    detail: 'It looks like a spreadsheet, archive or image. Export the data as CSV and import that file.',
  }),
  'import/encoding': (f) => ({
    title: `${f} uses a text encoding Costbook cannot read`,
    detail: 'Save it as UTF-8 (or UTF-16) text and import it again.',
  }),
  'import/line-too-long': (f, d) => ({
    title: `${f} has a line that is too long`,
    detail: `${str(d.row) ? `Row ${str(d.row)} ` : 'One row '}is far longer than any billing row, which usually means a quote is never closed. Check the file around that row.`,
  }),
  'import/empty-file': (f) => ({ title: `${f} is empty`, detail: 'There is nothing to import. Export the data again.' }),
  'import/duplicate-header': (f, d) => ({
    title: `${f} has a column name twice`,
    detail: `${str(d.column) ? `The column “${str(d.column)}” appears more than once. ` : ''}Rename or remove the duplicate column and import again.`,
  }),
  'import/invalid-json': (f) => ({
    title: `${f} is not valid JSON`,
    detail: 'The document is cut off or damaged. Download it again from the provider and import the new copy.',
  }),
  'import/too-large': (f) => ({
    title: `${f} is too large to read as one document`,
    detail: 'Unpack the archive, or export a shorter period, and import the files one by one.',
  }),
  'import/needs-decision': (f) => ({
    title: `${f} needs your decision`,
    detail: 'It covers the same source and period as an earlier import. Choose to replace that import or to keep both, then import again.',
  }),
  'allocation/invalid-rules': (_f, _d, m) => ({
    title: 'The rules were not saved',
    detail: `${m} The saved rules are unchanged.`,
  }),
  'allocation/invalid-file': (f, _d, m) => ({
    title: `${f ?? 'The file'} is not a Costbook rule file`,
    detail: `${m} The saved rules are unchanged.`,
  }),
  'allocation/version-conflict': () => ({
    title: 'The rules changed while you were editing',
    detail: 'Someone saved the rules after you opened them. Reload the rules, then make your change again.',
  }),
  'allocation/unknown-key': (_f, _d, m) => ({
    title: 'No such tag key',
    detail: m,
  }),
  'allocation/invalid-metrics': (f, _d, m) => ({
    title: `${f ?? 'The file'} was not imported`,
    detail: `${m} No metric was imported.`,
  }),
  'pricing/invalid-override': (_f, d, m) => ({
    title: 'The price override was not saved',
    detail: `${str(d.field) ? `Check ${str(d.field)}: ` : ''}${m} Prices were left as they were.`,
  }),
  'import/not-found': () => ({
    title: 'That import is no longer in the workspace',
    detail: 'It may have been removed already. The import history shows what the workspace holds.',
  }),
  'workspace/not-found': (f) => ({
    title: `${f} could not be found`,
    detail: 'It may have been moved, renamed or deleted. Nothing was changed.',
  }),
  'workspace/read-failed': (f, d) => ({
    title: `${f} could not be read`,
    detail: `${str(d.reason) ? `The system said ${str(d.reason)}. ` : ''}Check that the file is not locked or on a disconnected drive. Nothing was changed.`,
  }),
  'engine/unknown-handler': () => ({
    title: 'This action is not available',
    detail: 'This version of Costbook does not support it. Nothing was changed.',
  }),
  'engine/crashed': () => ({
    title: 'The Costbook engine stopped',
    detail: 'The work in progress did not finish. Your last saved workspace is intact. Reload Costbook to continue.',
  }),
  'engine/internal': (_f, _d, m) => ({
    title: 'Something went wrong',
    detail: `Costbook hit an unexpected problem${m ? `: ${m}` : ''}. Nothing was saved from this step; try again.`,
  }),
};

function toPayload(error: unknown): EngineErrorPayload {
  if (error instanceof EngineError) return error.toPayload();
  if (isEngineErrorPayload(error)) return error;
  return { code: 'engine/internal', message: error instanceof Error ? error.message : String(error), details: {} };
}

/**
 * Turns any error (EngineError, payload or unexpected exception) into words. `file` names the
 * subject as the person knows it (the picked file's name) and wins over the engine's label.
 */
export function describeError(error: unknown, file?: string | null): UserMessage {
  const p = toPayload(error);
  const details = p.details ?? {};
  const subject = file || str(details.file) || 'The file';
  const texts = (TEXTS[p.code] ?? TEXTS['engine/internal'])(subject, details, p.message);
  const all = Array.isArray(details.problems) ? details.problems : [];
  const total = typeof details.problemCount === 'number' ? Math.max(details.problemCount, all.length) : all.length;
  const problems = all.slice(0, PROBLEMS_SHOWN);
  return { code: p.code, ...texts, problems, moreProblems: total - problems.length };
}

/** One bad cell as a sentence, for places without room for a table. */
export function describeProblem(p: RowProblem): string {
  const where = p.column ? `row ${p.row}, column ${p.column}` : `row ${p.row}`;
  const value = p.value === null ? 'an empty value' : p.value === '' ? 'an empty value' : `“${p.value}”`;
  return `${p.file}, ${where}: ${value}; expected ${p.expected}.`;
}

export function moreProblemsText(n: number): string {
  return n === 1 ? '1 more problem' : `${formatCount(n)} more problems`;
}

/** The save status line when the last save failed: it always says the previous file is intact. */
export function saveFailedText(error: unknown): string {
  const code = toPayload(error).code;
  if (code === 'engine/crashed') return 'Not saved: the engine stopped. The last saved file is intact.';
  return 'Not saved. The last good file is intact.';
}
