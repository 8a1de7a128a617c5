/**
 * Allocation rules: the pure compiler and evaluator of virtual tags and split pools.
 *
 * CompiledKey.evaluate(row).rule is the position in that key's `rules` (the enabled rules), so
 * `key.rules[result.rule]` is the rule that matched; CompiledRule.index is the rule's position in
 * the author's list (disabled rules included), for pointing at it in the rule set.
 */
export type * from './types';
export { compileRuleSet } from './compile';
export { validateRuleSet } from './validate';
export { describeChanges } from './describe-changes';
export { emptyRuleSet, ruleSetFields } from './fields';
export { flexibleKey, foldCase } from './text';
export { parseRuleDay } from './dates';
