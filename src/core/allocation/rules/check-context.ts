/** Where validation is and how it words a problem: "Rule “Search team”: ...". */
import type { RuleSetProblem } from '../../../shared/allocation-contract';
import type { KeyNames } from './field-ref';

export type CheckContext = {
  problems: RuleSetProblem[];
  keys: KeyNames;
  /** Names the rule, split or key being checked, as problems start: "Rule “Search”". */
  label: string;
  /** The key whose rules are checked (they may not read its own `vtag:`); null for splits. */
  self: string | null;
};

export function report(ctx: CheckContext, path: string, text: string): void {
  ctx.problems.push({ path, message: `${ctx.label}: ${text}` });
}

/** A value from an untrusted document, for a message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `“${v}”`;
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function quoted(name: unknown, fallback: string): string {
  return typeof name === 'string' && name.trim() !== '' ? `“${name}”` : fallback;
}
