/**
 * Structural validation of a rule-set document, which may come from a file: every problem with
 * its path and a sentence naming the rule, split or key. Never throws.
 */
import type { RuleSetProblem } from '../../../shared/allocation-contract';
import { quoted, report, show } from './check-context';
import type { CheckContext } from './check-context';
import { keyNames } from './field-ref';
import { findCycles, keyEdges } from './key-graph';
import { isRecord } from './shape';
import { flexibleKey, foldCase } from './text';
import { checkDates, checkEnabled, checkGroup, checkRuleValue } from './validate-conditions';
import { checkSplit } from './validate-splits';

export function validateRuleSet(doc: unknown): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [];
  if (!isRecord(doc)) {
    problems.push({ path: '', message: 'A rule set must be a JSON object with “format”, “version”, “keys” and “splits”.' });
    return problems;
  }
  if (doc.format !== 'costbook-allocation') problems.push({ path: 'format', message: `This is not a Costbook allocation rule set: “format” is ${show(doc.format)}, not “costbook-allocation”.` });
  if (doc.version !== 1) problems.push({ path: 'version', message: `Rule set version ${show(doc.version)} is not supported; this app reads version 1.` });
  const keys = Array.isArray(doc.keys) ? doc.keys : [];
  if (!Array.isArray(doc.keys)) problems.push({ path: 'keys', message: 'The rule set needs a list of tag keys (“keys”).' });
  const splits = Array.isArray(doc.splits) ? doc.splits : [];
  if (!Array.isArray(doc.splits)) problems.push({ path: 'splits', message: 'The rule set needs a list of splits (“splits”), empty when there are none.' });

  const names = keys.map((k: unknown) => (isRecord(k) && typeof k.key === 'string' ? k.key : null));
  const known = keyNames(
    names,
    keys.map((k: unknown) => !isRecord(k) || k.enabled !== false),
  );
  const ids = new Map<string, string>();
  const claimId = (id: unknown, path: string, ctx: CheckContext) => {
    if (typeof id !== 'string' || id.trim() === '') {
      report(ctx, path, id === undefined ? 'there is no id' : `the id must be non-empty text, not ${show(id)}`);
      return;
    }
    const owner = ids.get(id);
    if (owner !== undefined) report(ctx, path, `the id “${id}” is also used by ${owner}; ids must be unique in the rule set`);
    else ids.set(id, ctx.label);
  };

  const seenKeys = new Map<string, string>();
  keys.forEach((k: unknown, i: number) => {
    const path = `keys[${i}]`;
    if (!isRecord(k)) {
      problems.push({ path, message: `Key ${i + 1}: each key must be an object with “key”, “defaultValue”, “rules” and “normalize”.` });
      return;
    }
    const name = typeof k.key === 'string' ? k.key : null;
    const ctx: CheckContext = { problems, keys: known, label: `Key ${quoted(name, String(i + 1))}`, self: name };
    if (name === null || name.trim() === '') report(ctx, `${path}.key`, 'the key needs a name, such as “team”');
    else {
      const folded = foldCase(name.trim());
      const first = seenKeys.get(folded);
      if (first !== undefined) report(ctx, `${path}.key`, `another key is already named “${first}”; key names must differ by more than case`);
      else seenKeys.set(folded, name);
    }
    if (typeof k.defaultValue !== 'string' || k.defaultValue.trim() === '') report(ctx, `${path}.defaultValue`, 'the key needs a default value for charges no rule matches, such as “Unallocated”');
    checkEnabled(k, path, ctx);
    checkNormalize(k.normalize, `${path}.normalize`, ctx);
    if (!Array.isArray(k.rules)) report(ctx, `${path}.rules`, 'the key needs a list of rules (“rules”), empty when there are none');
    else k.rules.forEach((r: unknown, j: number) => checkRule(r, `${path}.rules[${j}]`, { ...ctx, label: ruleLabel(r, j, name) }, claimId));
  });

  splits.forEach((s: unknown, i: number) => {
    checkSplit(s, i, { problems, keys: known });
    if (isRecord(s)) claimId(s.id, `splits[${i}].id`, { problems, keys: known, label: `Split ${quoted(s.name, String(i + 1))}`, self: null });
  });

  const edges = keyEdges(keys);
  for (const cycle of findCycles(edges)) {
    const chain = cycle.keys.map((at) => names[at] ?? `key ${at + 1}`).join(' → ');
    problems.push({ path: cycle.edge.path, message: `Key “${names[cycle.keys[0]]}”: keys read each other in a circle (${chain}), so none of them can be worked out first` });
  }
  return problems;
}

function ruleLabel(rule: unknown, j: number, key: string | null): string {
  const name = isRecord(rule) ? rule.name : undefined;
  return `Rule ${quoted(name, `${j + 1} of ${key === null ? 'this key' : `“${key}”`}`)}`;
}

function checkRule(v: unknown, path: string, ctx: CheckContext, claimId: (id: unknown, path: string, ctx: CheckContext) => void): void {
  if (!isRecord(v)) {
    report(ctx, path, 'each rule must be an object with “id”, “name”, “when” and “value”');
    return;
  }
  claimId(v.id, `${path}.id`, ctx);
  if (typeof v.name !== 'string') report(ctx, `${path}.name`, `the name must be text, not ${show(v.name)}`);
  checkGroup(v.when, `${path}.when`, ctx);
  checkRuleValue(v.value, `${path}.value`, ctx);
  checkDates(v, path, ctx);
  checkEnabled(v, path, ctx);
}

/** The alias table: canonical values and aliases, no spelling given to two values. */
function checkNormalize(v: unknown, path: string, ctx: CheckContext): void {
  if (!Array.isArray(v)) {
    report(ctx, path, 'the normalization table (“normalize”) must be a list, empty when there is none');
    return;
  }
  const owner = new Map<string, string>();
  const claim = (spelling: string, value: string, at: string) => {
    const k = flexibleKey(spelling);
    if (k === '') {
      report(ctx, at, `the spelling ${show(spelling)} has no letters or digits to match`);
      return;
    }
    const other = owner.get(k);
    if (other === undefined) owner.set(k, value);
    else if (other !== value) report(ctx, at, `“${spelling}” would normalize to both “${other}” and “${value}”`);
  };
  v.forEach((entry: unknown, i: number) => {
    const at = `${path}[${i}]`;
    if (!isRecord(entry)) {
      report(ctx, at, 'each normalization entry must be an object with “value” and “aliases”');
      return;
    }
    const value = typeof entry.value === 'string' ? entry.value.trim() : '';
    if (value === '') report(ctx, `${at}.value`, 'a normalization entry needs the value to normalize to');
    else claim(value, value, `${at}.value`);
    if (!Array.isArray(entry.aliases)) {
      report(ctx, `${at}.aliases`, `the aliases of ${show(entry.value)} must be a list`);
      return;
    }
    entry.aliases.forEach((alias: unknown, j: number) => {
      if (typeof alias !== 'string') report(ctx, `${at}.aliases[${j}]`, `each alias must be text, not ${show(alias)}`);
      else if (value !== '') claim(alias, value, `${at}.aliases[${j}]`);
    });
  });
}
