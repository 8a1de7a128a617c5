/**
 * Rule-set problems arrive with a path into the rule set ("keys[0].rules[2].when.items[1].value").
 * These helpers find the problems of one rule, split or condition, and say where they are in words.
 */
import type { AllocationRuleSet, RuleSetProblem } from '../../../shared/allocation-contract';
import { fieldLabel, isFieldRef } from './labels';

type Token = { name: string } | { index: number };

function tokens(path: string): Token[] {
  const out: Token[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) out.push({ name: m[1] });
    else out.push({ index: Number(m[2]) });
  }
  return out;
}

/** The problems at `prefix` or anywhere inside it. */
export function problemsUnder(problems: readonly RuleSetProblem[], prefix: string): RuleSetProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(prefix + '.') || p.path.startsWith(prefix + '['));
}

export const rulePath = (keyIndex: number, ruleIndex: number) => `keys[${keyIndex}].rules[${ruleIndex}]`;
export const splitPath = (splitIndex: number) => `splits[${splitIndex}]`;

const NAMES: Record<string, string> = {
  when: 'conditions',
  pool: 'pool',
  field: 'field',
  op: 'operator',
  values: 'values',
  pattern: 'pattern',
  template: 'template',
  from: 'start date',
  to: 'end date',
  key: 'tag key',
  defaultValue: 'default value',
  name: 'name',
  targets: 'targets',
  percentages: 'percentages',
  usage: 'usage measure',
  method: 'method',
  period: 'period',
  noWeight: 'when no target has usage',
  aliases: 'aliases',
  caseSensitive: 'case option',
};

function child(node: unknown, t: Token): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  if ('index' in t) return Array.isArray(node) ? node[t.index] : undefined;
  return t.name in node ? Object.entries(node).find(([k]) => k === t.name)?.[1] : undefined;
}

function nameOf(node: unknown): string | null {
  if (node !== null && typeof node === 'object' && 'name' in node && typeof node.name === 'string' && node.name) return node.name;
  return null;
}

function isGroupNode(node: unknown): boolean {
  return node !== null && typeof node === 'object' && 'join' in node;
}

/**
 * Where a path points, as phrases from the outside in: ["tag key “team”", "rule 3 “OpenAI”",
 * "condition 2", "value"].
 */
export function wherePhrases(rs: AllocationRuleSet, path: string): string[] {
  const phrases: string[] = [];
  let node: unknown = rs;
  let parent: string | null = null;
  const all = tokens(path);
  all.forEach((t, i) => {
    const next = child(node, t);
    const last = i === all.length - 1;
    if ('name' in t) {
      // An array's own name is said by its element ("rule 3"), and "condition 2" says "conditions".
      if (!['keys', 'rules', 'splits', 'items', 'normalize'].includes(t.name) && (t.name !== 'when' || last)) {
        if (t.name === 'value') phrases.push(parent === 'rule' ? 'value it sets' : 'value');
        else phrases.push(NAMES[t.name] ?? t.name);
      }
      parent = t.name === 'keys' ? 'key' : t.name === 'rules' || t.name === 'splits' ? 'rule' : t.name === 'items' ? 'item' : parent;
      if (t.name === 'normalize') parent = 'normalize';
    } else {
      const n = t.index + 1;
      if (parent === 'key') {
        const key = next !== null && typeof next === 'object' && 'key' in next && typeof next.key === 'string' ? next.key : null;
        phrases.push(key ? `tag key “${key}”` : `tag key ${n}`);
      } else if (parent === 'rule') {
        const name = nameOf(next);
        const kind = path.startsWith('splits') && phrases.length === 0 ? 'split rule' : 'rule';
        phrases.push(name ? `${kind} ${n} “${name}”` : `${kind} ${n}`);
      } else if (parent === 'item') phrases.push(isGroupNode(next) ? `group ${n}` : `condition ${n}`);
      else if (parent === 'normalize') phrases.push(`normalization row ${n}`);
      else phrases.push(`item ${n}`);
    }
    node = next;
  });
  return phrases;
}

const LABEL = /^(?:Rule|Split|Key) (?:“[^”]*”|\d+(?: of (?:“[^”]*”|this key))?): /;

/** Field references in a message ("the condition on ProviderName") as the builder names them. */
function readableFields(text: string): string {
  return text.replace(/\bon ((?:v?tag:)?[\w.-]+)/g, (all, ref: string) => (isFieldRef(ref) ? `on ${fieldLabel(ref)}` : all));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A problem in words. The engine's message starts with what it concerns ("Rule “OpenAI”: …");
 * `inContext` drops that start where the problem is shown next to the rule itself. Out of
 * context, a rule's problem also names its key, which the message does not.
 */
export function problemText(rs: AllocationRuleSet, p: RuleSetProblem, inContext = false): string {
  const message = readableFields(p.message);
  if (inContext) return capitalize(message.replace(LABEL, ''));
  const phrases = wherePhrases(rs, p.path);
  const underKey = /^keys\[\d+\]\.(rules|normalize)/.test(p.path) && phrases.length > 0;
  // The message names the rule or split, not which of its conditions: say that after it.
  const inner = phrases.filter((w) => /^(condition|group|normalization row) \d+$/.test(w)).join(', ');
  const text = `${message}${inner ? ` (${inner})` : ''}`;
  return underKey ? `${capitalize(phrases[0])} · ${text}` : capitalize(text);
}
