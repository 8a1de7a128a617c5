/**
 * Compiles a rule set for evaluation. Never throws for a user's mistake: it validates first,
 * returns every problem, and compiles what is sound (a rule or split with a problem is left out),
 * so a preview can still show the rest while the runtime refuses to compute figures.
 */
import type { AllocationRuleSet, RuleSetProblem, SplitRule, TagKeyDef, TagRule } from '../../../shared/allocation-contract';
import { buildTree, rowPredicate, splitConditions } from './condition-tree';
import type { Predicate } from './condition-tree';
import { parseRuleDay } from './dates';
import { FieldCache } from './field-cache';
import { vtagKey } from './field-ref';
import { evaluationOrder } from './key-graph';
import type { KeyEdge } from './key-graph';
import { parsePercentage, scaledWeights } from './percentages';
import type { ScaledDecimal } from './decimal-text';
import { buildNormalizer, compileValue } from './rule-values';
import { maskEvaluator } from './rule-masks';
import type { Result, RulePlan } from './rule-masks';
import { asArray, isRecord } from './shape';
import type { CompiledKey, CompiledRule, CompiledRuleSet, CompiledSplit, CompileRuleSet, RowView } from './types';
import { validateRuleSet } from './validate';
import { isEnabled } from './walk';

export const compileRuleSet: CompileRuleSet = (set: AllocationRuleSet): CompiledRuleSet => {
  const problems = validateRuleSet(set);
  const flagged = problemPrefixes(problems);
  const keyDefs = asArray(isRecord(set) ? set.keys : undefined);
  const compiled = new Map<number, CompiledKey>();
  keyDefs.forEach((def, i) => {
    if (isUsableKey(def) && isEnabled(def)) compiled.set(i, compileKey(def, i, flagged));
  });
  // Ordered by what the compiled rules read (a rule left out for a problem reads nothing).
  const firstIndex = new Map<string, number>();
  for (const [i, key] of compiled) if (!firstIndex.has(key.key)) firstIndex.set(key.key, i);
  const edges: KeyEdge[][] = keyDefs.map((_, i) =>
    (compiled.get(i)?.dependsOn ?? []).flatMap((name) => {
      const to = firstIndex.get(name);
      return to === undefined || to === i ? [] : [{ from: i, to, path: '' }];
    }),
  );
  const keys = evaluationOrder(edges, [...compiled.keys()]).map((i) => compiled.get(i)).filter((k) => k !== undefined);
  const splits: CompiledSplit[] = [];
  asArray(isRecord(set) ? set.splits : undefined).forEach((rule, index) => {
    if (isSplit(rule) && isEnabled(rule) && !flagged.has(`splits[${index}]`)) splits.push(compileSplit(rule, index));
  });
  return { keys, splits, problems };
};

/** Every path a problem is at or under: "keys[0].rules[2].when" flags "keys[0]", "keys[0].rules", ... */
function problemPrefixes(problems: readonly RuleSetProblem[]): Set<string> {
  const out = new Set<string>();
  for (const { path } of problems) {
    for (let i = 1; i < path.length; i++) if (path[i] === '.' || path[i] === '[') out.add(path.slice(0, i));
    out.add(path);
  }
  return out;
}

/** Only called after validation found no problem under the split's path. */
function isSplit(v: unknown): v is SplitRule {
  return isRecord(v);
}

function isUsableKey(def: unknown): def is TagKeyDef {
  return isRecord(def) && typeof def.key === 'string' && typeof def.defaultValue === 'string' && Array.isArray(def.rules);
}

/** Open bounds as infinities, so the date test is two comparisons and no branch on null. */
function dayBounds(item: { from?: string | null; to?: string | null }): { from: number; to: number } {
  const from = typeof item.from === 'string' ? parseRuleDay(item.from) : null;
  const to = typeof item.to === 'string' ? parseRuleDay(item.to) : null;
  return { from: from ?? -Infinity, to: to ?? Infinity };
}

function compileKey(def: TagKeyDef, keyIndex: number, flagged: Set<string>): CompiledKey {
  const cache = new FieldCache();
  const normalize = buildNormalizer(Array.isArray(def.normalize) ? def.normalize.filter(isRecord) : []);
  const rules: CompiledRule[] = [];
  const plans: RulePlan[] = [];
  // A literal rule always gives the same answer: one frozen object, no allocation per row.
  const fixed: (Result | null)[] = [];
  let usesDates = false;
  def.rules.forEach((rule: TagRule, index) => {
    if (!isRecord(rule) || !isEnabled(rule) || flagged.has(`keys[${keyIndex}].rules[${index}]`)) return;
    const tree = buildTree(rule.when, cache);
    const value = compileValue(rule.value, cache, normalize);
    const { from, to } = dayBounds(rule);
    const dated = from !== -Infinity || to !== Infinity;
    usesDates ||= dated;
    const inRange: Predicate | null = dated ? () => cache.day >= from && cache.day < to : null;

    // For the masks: what must hold per field, the value's own field included (a field value
    // or capture that is empty does not match), and what is left to check on the row.
    const { parts, rest } = splitConditions(tree, cache);
    if (value.slot !== null) parts.push({ slot: value.slot, test: (raw) => value.of(raw) !== null });
    const checks = inRange === null ? rest : [inRange, ...rest];
    plans.push({ parts, check: checks.length === 0 ? null : checks.length === 1 ? checks[0] : () => checks.every((c) => c()), value });
    const position = fixed.length;
    const constant = value.slot === null ? value.of(null) : null;
    fixed.push(constant === null ? null : Object.freeze({ value: constant, rule: position }));

    // The straightforward form, for one rule on its own.
    const when = rowPredicate(tree, cache);
    rules.push({
      id: rule.id,
      name: rule.name,
      index,
      apply(row: RowView) {
        cache.begin(row);
        if (inRange !== null && !inRange()) return null;
        return when() ? value.of(value.slot === null ? null : cache.raw(value.slot)) : null;
      },
    });
  });
  const defaultValue = normalize(def.defaultValue);
  const fallback: Result = Object.freeze({ value: defaultValue, rule: -1 });
  const fields = [...cache.fields];
  const dependsOn = [...new Set(fields.map(vtagKey).filter((k) => k !== null))];
  return {
    key: def.key,
    defaultValue,
    rules,
    fields,
    dependsOn,
    usesDates,
    evaluate: maskEvaluator(plans, cache, fixed, fallback),
    normalize,
  };
}

function compileSplit(rule: SplitRule, index: number): CompiledSplit {
  const cache = new FieldCache();
  const when = rowPredicate(buildTree(rule.pool, cache), cache);
  const { from, to } = dayBounds(rule);
  const usesDates = from !== -Infinity || to !== Infinity;
  return {
    rule,
    index,
    pool: usesDates
      ? (row: RowView) => {
          cache.begin(row);
          return row.day >= from && row.day < to && when();
        }
      : (row: RowView) => {
          cache.begin(row);
          return when();
        },
    fields: [...cache.fields],
    usesDates,
    fixedWeights: rule.method === 'fixed' ? fixedWeights(rule.percentages ?? {}) : null,
  };
}

/** Percentages as integers at the scale of the most decimals written: they total 100 × 10^scale. */
function fixedWeights(percentages: Record<string, string>): Map<string, bigint> {
  const parsed: [string, ScaledDecimal][] = [];
  for (const [target, text] of Object.entries(percentages)) {
    const p = parsePercentage(text);
    if (!('error' in p)) parsed.push([target, p]);
  }
  return scaledWeights(parsed).weights;
}
