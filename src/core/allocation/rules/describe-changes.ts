/** The sentences a rule-set history shows for one save: "Rule “Search” added to team". */
import type { AllocationRuleSet } from '../../../shared/allocation-contract';
import { asArray, isRecord } from './shape';

type Item = Record<string, unknown>;

export function describeChanges(before: AllocationRuleSet, after: AllocationRuleSet): string[] {
  const out: string[] = [];
  const keysBefore = byName(asArray(isRecord(before) ? before.keys : undefined));
  const keysAfter = byName(asArray(isRecord(after) ? after.keys : undefined));
  for (const name of keysBefore.keys()) if (!keysAfter.has(name)) out.push(`Key “${name}” removed`);
  for (const name of keysAfter.keys()) if (!keysBefore.has(name)) out.push(`Key “${name}” added`);

  // Where each rule id lives, to tell a rule moved to another key from one removed and added.
  const homeBefore = ruleHomes(keysBefore);
  const homeAfter = ruleHomes(keysAfter);
  for (const [name, a] of keysBefore) {
    const b = keysAfter.get(name);
    if (b === undefined) continue;
    if (a.defaultValue !== b.defaultValue) out.push(`Default value of ${name} changed to “${String(b.defaultValue)}”`);
    if ((a.enabled !== false) !== (b.enabled !== false)) out.push(`Key “${name}” switched ${b.enabled === false ? 'off' : 'on'}`);
    if (canonical(a.normalize ?? []) !== canonical(b.normalize ?? [])) out.push(`Normalization of ${name} changed`);
    const rulesA = byId(asArray(a.rules));
    const rulesB = byId(asArray(b.rules));
    for (const [id, rule] of rulesA) {
      if (rulesB.has(id)) continue;
      const now = homeAfter.get(id);
      if (now === undefined) out.push(`Rule ${label(rule)} removed from ${name}`);
    }
    for (const [id, rule] of rulesB) {
      const old = rulesA.get(id);
      if (old === undefined) {
        const was = homeBefore.get(id);
        out.push(was === undefined ? `Rule ${label(rule)} added to ${name}` : `Rule ${label(rule)} moved from ${was} to ${name}`);
        continue;
      }
      out.push(...itemChanges(old, rule, `Rule ${label(rule)} in ${name}`));
    }
    if (reordered(rulesA, rulesB)) out.push(`Rules of ${name} reordered`);
  }
  for (const [name, b] of keysAfter) {
    if (keysBefore.has(name)) continue;
    for (const [id, rule] of byId(asArray(b.rules))) {
      const was = homeBefore.get(id);
      if (was !== undefined && !keysAfter.has(was)) out.push(`Rule ${label(rule)} moved from ${was} to ${name}`);
    }
  }

  const splitsA = byId(asArray(isRecord(before) ? before.splits : undefined));
  const splitsB = byId(asArray(isRecord(after) ? after.splits : undefined));
  for (const [id, split] of splitsA) if (!splitsB.has(id)) out.push(`Split ${label(split)} removed`);
  for (const [id, split] of splitsB) {
    const old = splitsA.get(id);
    if (old === undefined) out.push(`Split ${label(split)} added`);
    else out.push(...itemChanges(old, split, `Split ${label(split)}`));
  }
  if (reordered(splitsA, splitsB)) out.push('Splits reordered');
  return out;
}

/** "changed" for an edit, "switched off/on" for the enabled flag alone (both when both). */
function itemChanges(a: Item, b: Item, subject: string): string[] {
  const out: string[] = [];
  if (canonical(comparable(a)) !== canonical(comparable(b))) out.push(`${subject} changed`);
  if ((a.enabled !== false) !== (b.enabled !== false)) out.push(`${subject} switched ${b.enabled === false ? 'off' : 'on'}`);
  return out;
}

/** The parts of a rule or split that change what it does or says; absent dates equal null ones. */
function comparable(item: Item): Item {
  return { ...item, enabled: undefined, from: item.from ?? null, to: item.to ?? null };
}

function byName(keys: unknown[]): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const k of keys) if (isRecord(k) && typeof k.key === 'string' && !out.has(k.key)) out.set(k.key, k);
  return out;
}

function byId(items: unknown[]): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const item of items) if (isRecord(item) && typeof item.id === 'string' && !out.has(item.id)) out.set(item.id, item);
  return out;
}

function ruleHomes(keys: Map<string, Item>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, key] of keys) for (const id of byId(asArray(key.rules)).keys()) if (!out.has(id)) out.set(id, name);
  return out;
}

function label(item: Item): string {
  const name = typeof item.name === 'string' && item.name.trim() !== '' ? item.name : String(item.id);
  return `“${name}”`;
}

/** Whether the items both lists hold are in a different order (additions and removals aside). */
function reordered(a: Map<string, Item>, b: Map<string, Item>): boolean {
  const inA = [...a.keys()].filter((id) => b.has(id));
  const inB = [...b.keys()].filter((id) => a.has(id));
  return inA.some((id, i) => inB[i] !== id);
}

/** JSON with sorted object keys, without undefined and `caseSensitive: false` (the default). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (key, value: unknown) => {
    if (key === 'caseSensitive' && value === false) return undefined;
    if (!isRecord(value)) return value;
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
  });
}
