/** Validation of condition groups, rule values, dates and flags: shared by tag rules and splits. */
import type { ConditionOperator } from '../../../shared/allocation-contract';
import { report, show } from './check-context';
import type { CheckContext } from './check-context';
import { parseRuleDay } from './dates';
import { parseDecimalText } from './decimal-text';
import { fieldRefProblem } from './field-ref';
import { compilePattern, parseTemplate, patternGroups } from './patterns';
import { isRecord } from './shape';
import { flexibleKey } from './text';
import { MAX_GROUP_DEPTH } from './walk';

const OPERATORS = new Set<string>([
  'equals',
  'notEquals',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'regex',
  'flexible',
  'isEmpty',
  'isNotEmpty',
  'gt',
  'gte',
  'lt',
  'lte',
] satisfies ConditionOperator[]);
const NUMERIC = new Set<string>(['gt', 'gte', 'lt', 'lte'] satisfies ConditionOperator[]);
const NO_VALUE = new Set<string>(['isEmpty', 'isNotEmpty'] satisfies ConditionOperator[]);
const LISTS = new Set<string>(['in', 'notIn'] satisfies ConditionOperator[]);

export function checkGroup(v: unknown, path: string, ctx: CheckContext, depth = 0): void {
  if (!isRecord(v)) {
    report(ctx, path, 'the conditions must be a group with “join” and “items”');
    return;
  }
  if (v.join !== 'and' && v.join !== 'or') report(ctx, `${path}.join`, `a group joins its conditions with “and” or “or”, not ${show(v.join)}`);
  if (!Array.isArray(v.items)) {
    report(ctx, `${path}.items`, 'the group needs a list of conditions (“items”)');
    return;
  }
  if (depth >= MAX_GROUP_DEPTH) {
    report(ctx, path, `the conditions are nested more than ${MAX_GROUP_DEPTH} groups deep`);
    return;
  }
  v.items.forEach((item: unknown, i: number) => {
    const at = `${path}.items[${i}]`;
    if (isRecord(item) && ('items' in item || 'join' in item)) checkGroup(item, at, ctx, depth + 1);
    else checkCondition(item, at, ctx);
  });
}

function checkCondition(v: unknown, path: string, ctx: CheckContext): void {
  if (!isRecord(v)) {
    report(ctx, path, 'each condition must be an object with “field” and “op”');
    return;
  }
  const fieldProblem = fieldRefProblem(v.field, ctx.keys, ctx.self);
  if (fieldProblem !== null) report(ctx, `${path}.field`, fieldProblem);
  const on = typeof v.field === 'string' ? `the condition on ${v.field}` : 'the condition';
  if (v.caseSensitive !== undefined && typeof v.caseSensitive !== 'boolean') report(ctx, `${path}.caseSensitive`, `${on}: “caseSensitive” must be true or false`);
  const op = v.op;
  if (typeof op !== 'string' || !OPERATORS.has(op)) {
    report(ctx, `${path}.op`, `${on} uses an unknown operator ${show(op)}`);
    return;
  }
  if (NO_VALUE.has(op)) return;
  if (LISTS.has(op)) {
    if (!Array.isArray(v.values)) report(ctx, `${path}.values`, `${on} needs a list of values (“values”)`);
    else if (v.values.length === 0) report(ctx, `${path}.values`, `${on} needs at least one value in its list`);
    else
      v.values.forEach((x: unknown, i: number) => {
        if (typeof x !== 'string') report(ctx, `${path}.values[${i}]`, `${on}: each value in the list must be text, not ${show(x)}`);
      });
    return;
  }
  const value = v.value;
  if (typeof value !== 'string') {
    report(ctx, `${path}.value`, value === undefined ? `${on} needs a value` : `${on} needs its value as text, not ${show(value)}`);
    return;
  }
  if (NUMERIC.has(op)) {
    if (parseDecimalText(value) === null) report(ctx, `${path}.value`, `${on} compares with a number, and ${show(value)} is not one (write it like 1000 or 0.25)`);
    return;
  }
  if (value === '') {
    report(ctx, `${path}.value`, `${on} needs a value (to match a blank value, use “is empty”)`);
    return;
  }
  if (op === 'flexible' && flexibleKey(value) === '') {
    report(ctx, `${path}.value`, `${on} compares flexibly with ${show(value)}, which has nothing left once spaces, “_” and “-” are ignored`);
    return;
  }
  if (op === 'regex') {
    const re = compilePattern(value, v.caseSensitive === true);
    if (!(re instanceof RegExp)) report(ctx, `${path}.value`, `the pattern ${value} is not a valid regular expression: ${re.error}`);
  }
}

/** The value a tag rule sets. */
export function checkRuleValue(v: unknown, path: string, ctx: CheckContext): void {
  if (!isRecord(v)) {
    report(ctx, path, 'the rule needs a value to set (“value”)');
    return;
  }
  switch (v.kind) {
    case 'literal':
      if (typeof v.value !== 'string') report(ctx, `${path}.value`, `the value to set must be text, not ${show(v.value)}`);
      else if (v.value.trim() === '') report(ctx, `${path}.value`, 'the value to set is empty');
      return;
    case 'field':
    case 'capture': {
      const fieldProblem = fieldRefProblem(v.field, ctx.keys, ctx.self);
      if (fieldProblem !== null) report(ctx, `${path}.field`, fieldProblem);
      if (v.kind === 'capture') checkCapture(v, path, ctx);
      return;
    }
    default:
      report(ctx, `${path}.kind`, `unknown kind of value ${show(v.kind)} (use “literal”, “field” or “capture”)`);
  }
}

function checkCapture(v: Record<string, unknown>, path: string, ctx: CheckContext): void {
  const pattern = v.pattern;
  let re: RegExp | null = null;
  if (typeof pattern !== 'string' || pattern === '') report(ctx, `${path}.pattern`, 'the capture needs a pattern');
  else {
    const compiled = compilePattern(pattern, false);
    if (compiled instanceof RegExp) re = compiled;
    else report(ctx, `${path}.pattern`, `the pattern ${pattern} is not a valid regular expression: ${compiled.error}`);
  }
  const template = v.template;
  if (typeof template !== 'string' || template.trim() === '') {
    report(ctx, `${path}.template`, 'the capture needs a template such as $1');
    return;
  }
  if (re === null) return;
  for (const problem of parseTemplate(template, patternGroups(re)).problems) report(ctx, `${path}.template`, problem);
}

/** from / to: absent, null or a real day; from before to. */
export function checkDates(v: Record<string, unknown>, path: string, ctx: CheckContext): void {
  const day = (name: 'from' | 'to', word: string): number | null => {
    const text = v[name];
    if (text === undefined || text === null) return null;
    const at = typeof text === 'string' ? parseRuleDay(text) : null;
    if (at === null) report(ctx, `${path}.${name}`, `the ${word} date ${show(text)} is not a day written YYYY-MM-DD`);
    return at;
  };
  const from = day('from', 'start');
  const to = day('to', 'end');
  if (from !== null && to !== null && from >= to) report(ctx, `${path}.to`, `the end date ${show(v.to)} must be after the start date ${show(v.from)} (the end day is not included)`);
}

export function checkEnabled(v: Record<string, unknown>, path: string, ctx: CheckContext): void {
  if (v.enabled !== undefined && typeof v.enabled !== 'boolean') report(ctx, `${path}.enabled`, `“enabled” must be true or false, not ${show(v.enabled)}`);
}
