/** Validation of split rules. */
import type { SplitMethod } from '../../../shared/allocation-contract';
import { quoted, report, show } from './check-context';
import type { CheckContext } from './check-context';
import type { KeyNames } from './field-ref';
import { isHundred, parsePercentage, scaledWeights, totalText } from './percentages';
import type { ScaledDecimal } from './decimal-text';
import { isRecord } from './shape';
import { foldCase } from './text';
import { checkDates, checkEnabled, checkGroup } from './validate-conditions';

const METHODS = new Set<string>(['even', 'fixed', 'cost', 'usage'] satisfies SplitMethod[]);

export function checkSplit(v: unknown, i: number, ctx: Omit<CheckContext, 'label' | 'self'>): void {
  const path = `splits[${i}]`;
  if (!isRecord(v)) {
    ctx.problems.push({ path, message: `Split ${i + 1}: each split must be an object` });
    return;
  }
  const c: CheckContext = { ...ctx, label: `Split ${quoted(v.name, String(i + 1))}`, self: null };
  if (typeof v.name !== 'string') report(c, `${path}.name`, `the name must be text, not ${show(v.name)}`);
  checkSplitKey(v.key, `${path}.key`, c, ctx.keys);
  checkGroup(v.pool, `${path}.pool`, c);
  const targets = checkTargets(v.targets, `${path}.targets`, c);
  if (typeof v.method !== 'string' || !METHODS.has(v.method)) report(c, `${path}.method`, `unknown method ${show(v.method)} (use “even”, “fixed”, “cost” or “usage”)`);
  if (v.method === 'fixed') checkPercentages(v.percentages, `${path}.percentages`, c, targets);
  if (v.method === 'usage') checkUsage(v.usage, `${path}.usage`, c);
  if (v.period !== 'day' && v.period !== 'month') report(c, `${path}.period`, `weights are measured per “day” or “month”, not ${show(v.period)}`);
  if (v.noWeight !== 'even' && v.noWeight !== 'unallocated') report(c, `${path}.noWeight`, `when no target has weight, the pool is shared “even” or left “unallocated”, not ${show(v.noWeight)}`);
  checkDates(v, path, c);
  checkEnabled(v, path, c);
}

function checkSplitKey(key: unknown, path: string, c: CheckContext, keys: KeyNames): void {
  if (typeof key !== 'string' || key.trim() === '') {
    report(c, path, 'the split needs the tag key whose values receive the pool');
    return;
  }
  if (keys.disabled.has(key)) {
    report(c, path, `the key “${key}” is switched off`);
    return;
  }
  if (keys.exact.has(key)) return;
  const near = keys.byFolded.get(foldCase(key.trim()));
  report(c, path, near === undefined ? `there is no key “${key}”` : `there is no key “${key}”; the key is spelled “${near}”`);
}

function checkTargets(v: unknown, path: string, c: CheckContext): string[] {
  if (!Array.isArray(v)) {
    report(c, path, 'the targets must be a list of values (an empty list means every value of the key)');
    return [];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  v.forEach((t: unknown, i: number) => {
    if (typeof t !== 'string' || t.trim() === '') report(c, `${path}[${i}]`, `each target must be a value of the key, not ${show(t)}`);
    else if (seen.has(t)) report(c, `${path}[${i}]`, `the target “${t}” is listed twice`);
    else {
      seen.add(t);
      out.push(t);
    }
  });
  return out;
}

function checkPercentages(v: unknown, path: string, c: CheckContext, targets: string[]): void {
  if (!isRecord(v) || Object.keys(v).length === 0) {
    report(c, path, 'a fixed split needs a percentage for at least one target');
    return;
  }
  const parsed: [string, ScaledDecimal][] = [];
  let valid = true;
  for (const [target, text] of Object.entries(v)) {
    const at = `${path}[${JSON.stringify(target)}]`;
    const p = parsePercentage(text);
    if ('error' in p) {
      report(c, at, `the percentage of “${target}” ${p.error}${typeof text === 'string' ? ` (${show(text)})` : ''}`);
      valid = false;
    } else parsed.push([target, p]);
    if (target.trim() === '') report(c, at, 'a percentage is given to an empty target');
    else if (targets.length > 0 && !targets.includes(target)) report(c, at, `“${target}” has a percentage but is not one of the targets`);
  }
  for (const t of targets) if (!Object.hasOwn(v, t)) report(c, path, `the target “${t}” has no percentage`);
  if (!valid) return;
  const { total, scale } = scaledWeights(parsed);
  if (!isHundred(total, scale)) report(c, path, `the percentages add up to ${totalText(total, scale)}, not 100`);
}

function checkUsage(v: unknown, path: string, c: CheckContext): void {
  if (v === 'tokens' || v === 'requests') return;
  if (typeof v === 'string' && v.startsWith('metric:')) {
    if (v.slice(7).trim() === '') report(c, path, '“metric:” needs the business metric’s name after the colon');
    return;
  }
  report(c, path, `a usage split shares by “tokens”, “requests” or “metric:<name>”, not ${show(v)}`);
}
