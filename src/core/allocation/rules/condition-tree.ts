/**
 * A condition group compiled once into a tree of tests, from which come both the predicate over
 * a whole row and, for parts that read a single field, a test of that field's value alone.
 */
import type { Condition, ConditionGroup } from '../../../shared/allocation-contract';
import { compileTest } from './conditions';
import type { ValueTest } from './conditions';
import type { FieldCache } from './field-cache';

export type CondNode =
  | { kind: 'test'; slot: number; test: ValueTest }
  | { kind: 'group'; join: 'and' | 'or'; items: CondNode[]; slots: Set<number> };

export type Predicate = () => boolean;

const ALWAYS: Predicate = () => true;

function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return 'items' in item;
}

export function buildTree(group: ConditionGroup, cache: FieldCache): CondNode {
  const items = group.items.map((item): CondNode => (isGroup(item) ? buildTree(item, cache) : { kind: 'test', slot: cache.slot(item.field), test: compileTest(item) }));
  const slots = new Set<number>();
  for (const item of items) for (const s of nodeSlots(item)) slots.add(s);
  return { kind: 'group', join: group.join, items, slots };
}

export function nodeSlots(node: CondNode): Set<number> {
  return node.kind === 'test' ? new Set([node.slot]) : node.slots;
}

/** The node over a row: each test reads its field through the cache. An empty group matches. */
export function rowPredicate(node: CondNode, cache: FieldCache): Predicate {
  if (node.kind === 'test') {
    const { slot, test } = node;
    return () => test(cache.raw(slot));
  }
  return combine(
    node.join,
    node.items.map((item) => rowPredicate(item, cache)),
  );
}

/** The node over one field's value; only for nodes that read a single field. */
export function valueTest(node: CondNode): ValueTest {
  if (node.kind === 'test') return node.test;
  const tests = node.items.map(valueTest);
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  if (node.join === 'or') return (raw) => tests.some((t) => t(raw));
  return (raw) => tests.every((t) => t(raw));
}

/** Items in the author's order; AND and OR stop at the first item that decides. */
function combine(join: 'and' | 'or', preds: Predicate[]): Predicate {
  if (preds.length === 0) return ALWAYS;
  if (preds.length === 1) return preds[0];
  if (preds.length === 2) {
    const [a, b] = preds;
    return join === 'or' ? () => a() || b() : () => a() && b();
  }
  if (join === 'or')
    return () => {
      for (let i = 0; i < preds.length; i++) if (preds[i]()) return true;
      return false;
    };
  return () => {
    for (let i = 0; i < preds.length; i++) if (!preds[i]()) return false;
    return true;
  };
}

/**
 * A rule's conditions as what must hold per field (single-field parts, ANDed) and what reads
 * several fields together (the rest, kept as row predicates).
 */
export function splitConditions(root: CondNode, cache: FieldCache): { parts: { slot: number; test: ValueTest }[]; rest: Predicate[] } {
  const parts: { slot: number; test: ValueTest }[] = [];
  const rest: Predicate[] = [];
  const items = root.kind === 'group' && (root.join === 'and' || root.items.length <= 1) ? root.items : [root];
  for (const item of items) {
    const slots = nodeSlots(item);
    if (slots.size === 0) continue; // an empty group: always true
    if (slots.size === 1) parts.push({ slot: [...slots][0], test: valueTest(item) });
    else rest.push(rowPredicate(item, cache));
  }
  return { parts, rest };
}
