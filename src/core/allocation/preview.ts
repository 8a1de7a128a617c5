/**
 * Live figures for a draft rule set ('allocation/preview'): what each rule of the key on screen
 * catches, what is left unallocated and what identifies it, and what every split moves. Figures
 * are in the currency holding the most cost (others are listed, never added). The cube is shared
 * with the saved rules' allocation, and keys whose definition did not change are not evaluated
 * again, so a keystroke in the rule editor costs a pass over the cube's groups.
 */
import type { AllocationPreview, AllocationPreviewArgs, CostCount, FieldRef, SplitPreview } from '../../shared/allocation-contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import { formatPico } from '../money/decimal';
import { monthArg, runsByKey, type AllocationRuntime, type AllocationRun } from './allocate';
import { groupAmount, SplitSum, type Cube } from './cube';
import { largestRemainder } from './largest-remainder';
import { combinations } from './row-fields';
import { compileRuleSet, foldCase } from './rules';
import { share } from './result';
import type { Line, SplitOutcome } from './splits';
import { keyIndexOf } from './tagging';

const TOP_UNALLOCATED = 50;
/** Source tags a label may use, at most. */
const LABEL_TAGS = 3;

type Acc = { rows: number; cost: bigint };
const acc = (): Acc => ({ rows: 0, cost: 0n });
const costCount = (a: Acc | undefined): CostCount => ({ rows: a?.rows ?? 0, cost: formatPico(a?.cost ?? 0n) });
const byCost = (a: { cost: bigint }, b: { cost: bigint }): number => (a.cost > b.cost ? -1 : a.cost < b.cost ? 1 : 0);

function emptyPreview(args: AllocationPreviewArgs, problems: AllocationPreview['problems'], started: number): AllocationPreview {
  return {
    key: args.key,
    currency: '',
    otherCurrencies: [],
    period: args.period ?? null,
    total: costCount(undefined),
    rules: [],
    edited: null,
    unallocated: costCount(undefined),
    coverage: [],
    values: [],
    topUnallocated: [],
    splits: [],
    problems,
    elapsedMs: Date.now() - started,
  };
}

/** Currency ids by invoiced cost in the period, largest first. */
function currencies(cube: Cube, month: number | null): number[] {
  const sums = new Map<number, SplitSum>();
  const { hi, lo } = cube.split.billed;
  for (let r = 0; r < cube.size; r++) {
    if (cube.usage[r] === 1 || (month !== null && cube.month[r] !== month)) continue;
    let sum = sums.get(cube.currency[r]);
    if (sum === undefined) sums.set(cube.currency[r], (sum = new SplitSum()));
    sum.add(hi[r], lo[r]);
  }
  const by = new Map([...sums].map(([c, sum]) => [c, sum.pico()]));
  return [...by.entries()].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] - b[0])).map(([c]) => c);
}

function valueList(totals: Map<number, bigint>, text: (id: number) => string): { value: string; cost: string }[] {
  return [...totals.entries()]
    .map(([v, cost]) => ({ value: text(v), cost }))
    .sort((a, b) => byCost(a, b) || (a.value < b.value ? -1 : 1))
    .map((e) => ({ value: e.value, cost: formatPico(e.cost) }));
}

/**
 * The cube groups behind what is left at the key's default, each with its part of that cost.
 * Lines that no split cut hold their groups whole; a line cut by a split on another key holds a
 * part, spread over its groups by their cost (largest remainder, so the parts add up exactly).
 */
function leftByGroup(run: AllocationRun, lines: readonly Line[]): { rows: Int32Array; cost: bigint[] } {
  const { cube } = run;
  const left = new Map<Int32Array, bigint>();
  for (const l of lines) left.set(l.members, (left.get(l.members) ?? 0n) + l.billed);
  const rows: number[] = [];
  const cost: bigint[] = [];
  for (const [members, amount] of left) {
    const sum = new SplitSum();
    for (const row of members) sum.add(cube.split.billed.hi[row], cube.split.billed.lo[row]);
    if (sum.pico() === amount) {
      for (const row of members) {
        rows.push(row);
        cost.push(groupAmount(cube, 'billed', row));
      }
      continue;
    }
    const magnitude = Array.from(members, (row) => {
      const billed = groupAmount(cube, 'billed', row);
      return billed < 0n ? -billed : billed;
    });
    const weights = magnitude.some((w) => w > 0n) ? magnitude : Array.from(members, (row) => BigInt(cube.count[row]));
    const parts = largestRemainder(amount, weights);
    members.forEach((row, i) => {
      rows.push(row);
      cost.push(parts[i]);
    });
  }
  return { rows: Int32Array.from(rows), cost };
}

/** Groups what is left at the key's default by what identifies it: provider, account, project, key, tags. */
function topUnallocated(run: AllocationRun, left: { rows: Int32Array; cost: bigint[] }): AllocationPreview['topUnallocated'] {
  const { cube, tagged } = run;
  const columns = (['ProviderName', 'SubAccountName', 'x_Project', 'x_ApiKey'] as const).filter((c) => cube.cols.has(c));
  let tagKeys: string[] = [];
  if (cube.spec.tags) {
    const bySet = new Map<number, bigint>();
    left.rows.forEach((row, i) => bySet.set(cube.tags[row], (bySet.get(cube.tags[row]) ?? 0n) + (left.cost[i] < 0n ? -left.cost[i] : left.cost[i])));
    const byKey = new Map<string, bigint>();
    for (const [set, c] of bySet) {
      for (const [k, v] of cube.tagItems.get(set) ?? []) if (v !== null && v.trim() !== '') byKey.set(k, (byKey.get(k) ?? 0n) + c);
    }
    tagKeys = [...byKey.entries()].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] < b[0] ? -1 : 1)).slice(0, LABEL_TAGS).map(([k]) => k);
  }
  const fields: FieldRef[] = [...columns, ...tagKeys.map((k): FieldRef => `tag:${k}`)];
  const { id, reps } = combinations(
    fields.map((f) => tagged.fields.ids(f)),
    cube.size,
    left.rows,
  );
  const groups = reps.map((row) => ({ row, rows: 0, cost: 0n }));
  left.rows.forEach((row, p) => {
    const g = groups[id[p]];
    g.rows += cube.count[row];
    g.cost += left.cost[p];
  });
  const noValues = (): number => -1;
  return groups
    .sort(byCost)
    .slice(0, TOP_UNALLOCATED)
    .map((g) => {
      const found: Partial<Record<FieldRef, string | null>> = {};
      const parts: string[] = [];
      for (const f of fields) {
        const v = tagged.fields.read(f, g.row, noValues);
        found[f] = v;
        if (v !== null && v.trim() !== '' && !parts.includes(v)) parts.push(f.startsWith('tag:') ? `${f.slice(4)}=${v}` : v);
      }
      return { label: parts.length ? parts.join(' · ') : 'No provider, account, project or tag', fields: found, rows: g.rows, cost: formatPico(g.cost) };
    });
}

/**
 * What each rule of the key caught (tag rules only, before splits), and the values they gave:
 * read from the cube's groups, in the preview's currency and period.
 */
function ruleFigures(run: AllocationRun, k: number, month: number | null, currency: number, args: AllocationPreviewArgs) {
  const { cube } = run;
  const key = run.tagged.keys[k];
  const ruleOf = run.tagged.rule[k];
  const valueOf = run.tagged.value[k];
  // Sums per rule position (last: no rule) and per value, added as split doubles.
  const ruleRows = new Float64Array(key.rules.length + 1);
  const ruleSums = Array.from({ length: key.rules.length + 1 }, () => new SplitSum());
  const byValue = new Map<number, { rows: number; sum: SplitSum }>();
  const { hi, lo } = cube.split.billed;
  for (let r = 0; r < cube.size; r++) {
    if (cube.usage[r] === 1 || cube.currency[r] !== currency || (month !== null && cube.month[r] !== month)) continue;
    const at = ruleOf[r] >= 0 ? ruleOf[r] : key.rules.length;
    ruleRows[at] += cube.count[r];
    ruleSums[at].add(hi[r], lo[r]);
    let v = byValue.get(valueOf[r]);
    if (v === undefined) byValue.set(valueOf[r], (v = { rows: 0, sum: new SplitSum() }));
    v.rows += cube.count[r];
    v.sum.add(hi[r], lo[r]);
  }
  const total = acc();
  const perRule = new Map<string, Acc>();
  ruleSums.forEach((sum, at) => {
    const a = { rows: ruleRows[at], cost: sum.pico() };
    total.rows += a.rows;
    total.cost += a.cost;
    if (at < key.rules.length && a.rows > 0) perRule.set(key.rules[at].id, a);
  });
  const perValue = new Map([...byValue].map(([v, { rows, sum }]) => [v, { rows, cost: sum.pico() }]));
  // Every rule of the draft's key in the author's order, switched-off ones at zero.
  const def = args.ruleSet.keys.find((d) => foldCase(d.key) === foldCase(key.key));
  const ruleIds = (def?.rules ?? []).map((r) => r.id);
  const sum = (ids: string[]): Acc =>
    ids.reduce((s, id) => {
      const a = perRule.get(id);
      return a ? { rows: s.rows + a.rows, cost: s.cost + a.cost } : s;
    }, acc());
  const at = args.ruleId ? ruleIds.indexOf(args.ruleId) : -1;
  const values = run.tagged.values;
  return {
    total: costCount(total),
    rules: ruleIds.map((ruleId) => ({ ruleId, ...costCount(perRule.get(ruleId)) })),
    edited:
      at < 0
        ? null
        : { ruleId: ruleIds[at], rule: costCount(perRule.get(ruleIds[at])), above: costCount(sum(ruleIds.slice(0, at))), below: costCount(sum(ruleIds.slice(at + 1))) },
    values: [...perValue.entries()]
      .map(([v, a]) => ({ value: values.text(v), ...a }))
      .sort((a, b) => byCost(a, b) || (a.value < b.value ? -1 : 1))
      .map((e) => ({ value: e.value, rows: e.rows, cost: formatPico(e.cost) })),
  };
}

function splitPreviews(run: AllocationRun, outcomes: readonly SplitOutcome[], currency: number): SplitPreview[] {
  const values = run.tagged.values;
  return outcomes.map((o) => ({
    splitId: o.split.rule.id,
    name: o.split.rule.name,
    key: run.tagged.keys[o.keyIndex].key,
    pooled: costCount(o.pooled.has(currency) ? { rows: o.pooled.get(currency)?.rows ?? 0, cost: o.pooled.get(currency)?.billed ?? 0n } : undefined),
    kept: formatPico(o.kept.get(currency) ?? 0n),
    before: valueList(o.before, (v) => values.text(v)),
    after: valueList(o.after, (v) => values.text(v)),
    notes: o.notes,
  }));
}

/**
 * Figures for a draft. Rules, values and the edited rule are what the tag rules give; what is
 * unallocated, what identifies it and the coverage are what is left after the splits too.
 */
export function allocationPreview(
  runtime: AllocationRuntime,
  ws: Workspace,
  args: AllocationPreviewArgs,
  throwIfCancelled: () => void,
): AllocationPreview {
  const started = Date.now();
  const compiled = compileRuleSet(args.ruleSet);
  if (compiled.problems.length) return emptyPreview(args, compiled.problems, started);
  const k = keyIndexOf(compiled.keys)(args.key);
  if (k === undefined) throw new EngineError('allocation/unknown-key', `The rules have no tag key “${args.key}”.`, { key: args.key });
  const month = monthArg(args.period);
  const cube = runtime.cube(ws, args.ruleSet);
  throwIfCancelled();
  const ids = currencies(cube, month);
  const currency = ids[0] ?? -1;
  // One run per key, each with only the splits its figures depend on (see focusOn); the others
  // give their coverage and their splits' figures.
  const { runs, outcomes } = runsByKey(runtime, ws, args.ruleSet, compiled, { month, trackCurrency: currency, throwIfCancelled });
  const run = runs[k];
  throwIfCancelled();
  const key = compiled.keys[k];
  const values = run.tagged.values;
  const inCurrency = (l: Line): boolean => cube.currency[l.row] === currency;
  const finalLines = run.lines.filter(inCurrency);
  const figures = ruleFigures(run, k, month, currency, args);

  const defaultId = values.intern(key.defaultValue);
  // Charges left at the default, each counted once however many splits cut it.
  const left = leftByGroup(
    run,
    finalLines.filter((l) => l.vals[k] === defaultId),
  );
  const unallocated = acc();
  left.rows.forEach((row, i) => {
    unallocated.rows += cube.count[row];
    unallocated.cost += left.cost[i];
  });
  let finalTotal = 0n;
  for (const l of finalLines) finalTotal += l.billed;
  const coverage = compiled.keys.map((ck, i) => {
    const d = values.intern(ck.defaultValue);
    let covered = 0n;
    for (const l of runs[i].lines) if (l.vals[i] !== d && inCurrency(l)) covered += l.billed;
    return { key: ck.key, share: share(covered, finalTotal) };
  });
  throwIfCancelled();
  const text = (id: number): string => ws.strings.valueOf(id || null) ?? 'USD';
  return {
    key: key.key,
    currency: currency < 0 ? '' : text(currency),
    otherCurrencies: ids.slice(1).map(text),
    period: args.period ?? null,
    ...figures,
    unallocated: costCount(unallocated),
    coverage,
    topUnallocated: topUnallocated(run, left),
    splits: splitPreviews(run, outcomes, currency),
    problems: [],
    elapsedMs: Date.now() - started,
  };
}
