/**
 * Allocated totals per value of one key ('allocation/result') and allocated lines per month,
 * value and rule ('allocation/lines'), read from an allocation run. Amounts in different
 * currencies are never added; presentation rounding is per currency, by largest remainder.
 */
import type { AllocatedGroup, AllocatedLine, AllocationResult } from '../../shared/allocation-contract';
import { formatPico } from '../money/decimal';
import type { AllocationRun } from './allocate';
import { ratioText, roundToUnit } from './largest-remainder';
import type { Line, Step } from './splits';

/** ISO 4217 currencies whose minor unit is not the cent. */
const MINOR_DIGITS: Record<string, number> = {
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

/** Picodollars in one minor unit of a currency (the cent for unknown ones). */
export function minorUnit(currency: string): bigint {
  return 10n ** BigInt(12 - (MINOR_DIGITS[currency.toUpperCase()] ?? 2));
}

/** The last split on key `k` that moved the line, if any. */
export function lastStepOn(line: Line, k: number, splitKey: (splitIndex: number) => number): Step | null {
  for (let s = line.step; s !== null; s = s.prev) if (splitKey(s.split) === k) return s;
  return null;
}

export function splitKeyOf(run: AllocationRun): (splitIndex: number) => number {
  const byIndex = new Map(run.outcomes.map((o) => [o.split.index, o.keyIndex]));
  return (i) => byIndex.get(i) ?? -1;
}

type Sums = { rows: number; billed: bigint; effective: bigint; list: bigint; split: bigint };

const blank = (): Sums => ({ rows: 0, billed: 0n, effective: 0n, list: 0n, split: 0n });

function add(s: Sums, l: Line): void {
  s.rows += l.count;
  s.billed += l.billed;
  s.effective += l.effective;
  s.list += l.list;
}

/** Currency texts of a run by cube currency id: read per line, and a string id's text never changes. */
const currencyTexts = new WeakMap<AllocationRun, Map<number, string>>();

/** Currency text of a cube currency id (charges without one are in USD, as the summary reads them). */
export function currencyText(run: AllocationRun, id: number): string {
  let byId = currencyTexts.get(run);
  if (byId === undefined) currencyTexts.set(run, (byId = new Map()));
  let text = byId.get(id);
  if (text === undefined) byId.set(id, (text = run.tagged.fields.ws.strings.valueOf(id || null) ?? 'USD'));
  return text;
}

export type CurrencyTotals = { currency: string; billed: bigint; effective: bigint; list: bigint; rows: number };

/** Totals per currency, largest billed cost first. */
export function totalsByCurrency(run: AllocationRun, lines: readonly Line[]): CurrencyTotals[] {
  const by = new Map<string, CurrencyTotals>();
  for (const l of lines) {
    const currency = currencyText(run, run.cube.currency[l.row]);
    let t = by.get(currency);
    if (t === undefined) by.set(currency, (t = { currency, billed: 0n, effective: 0n, list: 0n, rows: 0 }));
    t.billed += l.billed;
    t.effective += l.effective;
    t.list += l.list;
    t.rows += l.count;
  }
  return [...by.values()].sort((a, b) => (a.billed > b.billed ? -1 : a.billed < b.billed ? 1 : a.currency < b.currency ? -1 : 1));
}

/** Share (0..1) of `total` in `part`; 0 when there is no positive total. */
export function share(part: bigint, total: bigint): number {
  if (total <= 0n) return 0;
  const r = Number((part * 1_000_000_000_000n) / total) / 1e12;
  return Math.min(1, Math.max(0, r));
}

export function allocationResult(run: AllocationRun, k: number, period: string | null, rulesVersion: number): AllocationResult {
  const key = run.tagged.keys[k];
  const values = run.tagged.values;
  const splitKey = splitKeyOf(run);
  const defaultId = values.intern(key.defaultValue);
  const groups = new Map<number, { value: string; currency: string; sums: Sums }>();
  // Groups by currency text (two ids may read alike: none and "USD") and value id (one per text).
  const currencySlot = new Map<string, number>();
  const span = values.values.length;
  for (const l of run.lines) {
    const currency = currencyText(run, run.cube.currency[l.row]);
    let slot = currencySlot.get(currency);
    if (slot === undefined) currencySlot.set(currency, (slot = currencySlot.size));
    const id = slot * span + l.vals[k];
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { value: values.text(l.vals[k]), currency, sums: blank() }));
    add(g.sums, l);
    if (lastStepOn(l, k, splitKey) !== null) g.sums.split += l.billed;
  }
  const totals = totalsByCurrency(run, run.lines);
  const main = totals[0];
  let covered = 0n;
  if (main !== undefined) {
    for (const l of run.lines) {
      if (l.vals[k] !== defaultId && currencyText(run, run.cube.currency[l.row]) === main.currency) covered += l.billed;
    }
  }
  const out: AllocatedGroup[] = [];
  for (const t of [...totals].sort((a, b) => (a.currency < b.currency ? -1 : 1))) {
    const mine = [...groups.values()]
      .filter((g) => g.currency === t.currency)
      .sort((a, b) => (a.sums.billed > b.sums.billed ? -1 : a.sums.billed < b.sums.billed ? 1 : a.value < b.value ? -1 : 1));
    const unit = minorUnit(t.currency);
    const names = mine.map((g) => g.value);
    const rounded = (pick: (s: Sums) => bigint): bigint[] => roundToUnit(mine.map((g) => pick(g.sums)), unit, names);
    const billed = rounded((s) => s.billed);
    const effective = rounded((s) => s.effective);
    const list = rounded((s) => s.list);
    mine.forEach((g, i) =>
      out.push({
        value: g.value,
        currency: g.currency,
        rows: g.sums.rows,
        billedCost: formatPico(g.sums.billed),
        effectiveCost: formatPico(g.sums.effective),
        listCost: formatPico(g.sums.list),
        billedCostRounded: formatPico(billed[i]),
        effectiveCostRounded: formatPico(effective[i]),
        listCostRounded: formatPico(list[i]),
        splitBilledCost: formatPico(g.sums.split),
      }),
    );
  }
  const single = totals.length === 1 ? totals[0] : null;
  const none = totals.length === 0;
  return {
    key: key.key,
    period,
    billedCost: single ? formatPico(single.billed) : none ? '0' : null,
    effectiveCost: single ? formatPico(single.effective) : none ? '0' : null,
    listCost: single ? formatPico(single.list) : none ? '0' : null,
    currency: single?.currency ?? null,
    totalsByCurrency: [...totals]
      .sort((a, b) => (a.currency < b.currency ? -1 : 1))
      .map((t) => ({ currency: t.currency, billedCost: formatPico(t.billed), effectiveCost: formatPico(t.effective), listCost: formatPico(t.list) })),
    coverage: main === undefined ? 0 : share(covered, main.billed),
    defaultValue: key.defaultValue,
    groups: out,
    rulesVersion,
  };
}

function monthLabel(yyyymm: number): string {
  return `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;
}

/** Per source value of a split line group: what arrived, and the pool it came from. */
type Element = { received: bigint; pooled: number; ratio: { weight: bigint; total: bigint } | null; mixed: boolean };

function ratioOfFloat(x: number): string {
  if (!Number.isFinite(x) || x <= 0) return '0';
  const t = x.toPrecision(12);
  const plain = t.includes('e') ? x.toFixed(20).replace(/0+$/, '') : t;
  return plain.includes('.') ? plain.replace(/0+$/, '').replace(/\.$/, '') : plain;
}

export function allocatedLines(run: AllocationRun, k: number): AllocatedLine[] {
  const key = run.tagged.keys[k];
  const values = run.tagged.values;
  const splitKey = splitKeyOf(run);
  const splitById = new Map(run.outcomes.map((o) => [o.split.index, o.split]));
  const ruleOf = run.tagged.rule[k];
  type Group = { month: number; value: string; currency: string; method: string | null; name: string | null; sums: Sums; elements: Map<string, Element> | null };
  const groups = new Map<string, Group>();
  for (const l of run.lines) {
    const month = run.cube.month[l.row];
    const value = values.text(l.vals[k]);
    const currency = currencyText(run, run.cube.currency[l.row]);
    const step = lastStepOn(l, k, splitKey);
    let method: string | null = null;
    let name: string | null = null;
    if (step !== null) {
      const rule = splitById.get(step.split)?.rule;
      method = rule?.id ?? null;
      name = rule?.name ?? null;
    } else if (ruleOf[l.row] >= 0) {
      const rule = key.rules[ruleOf[l.row]];
      method = rule?.id ?? null;
      name = rule?.name ?? null;
    }
    const id = `${month}\u0000${value}\u0000${currency}\u0000${step === null ? 'r' : 's'}${method ?? ''}`;
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = { month, value, currency, method, name, sums: blank(), elements: step === null ? null : new Map() }));
    add(g.sums, l);
    if (step !== null && g.elements !== null) {
      const from = values.text(step.from);
      let e = g.elements.get(from);
      if (e === undefined) g.elements.set(from, (e = { received: 0n, pooled: 0, ratio: { weight: step.weight, total: step.total }, mixed: false }));
      e.received += l.billed;
      e.pooled += (Number(l.billed) * Number(step.total)) / Number(step.weight);
      if (e.ratio !== null && (e.ratio.weight * step.total !== step.weight * e.ratio.total)) e.mixed = true;
    }
  }
  const out: AllocatedLine[] = [...groups.values()].map((g) => ({
    period: monthLabel(g.month),
    value: g.value,
    currency: g.currency,
    rows: g.sums.rows,
    billedCost: formatPico(g.sums.billed),
    effectiveCost: formatPico(g.sums.effective),
    listCost: formatPico(g.sums.list),
    AllocatedMethodId: g.method,
    AllocatedMethodDetails:
      g.elements === null
        ? null
        : JSON.stringify({
            Elements: [...g.elements.entries()]
              .sort((a, b) => (a[0] < b[0] ? -1 : 1))
              .map(([source, e]) => ({
                // One ratio when every day of the month was split alike; else what arrived over what was pooled.
                AllocatedRatio: !e.mixed && e.ratio ? ratioText(e.ratio.weight, e.ratio.total) : ratioOfFloat(Number(e.received) / e.pooled),
                SourceValue: source,
              })),
          }),
    ruleName: g.name,
  }));
  return out.sort(
    (a, b) =>
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) ||
      (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0) ||
      ((a.AllocatedMethodId ?? '') < (b.AllocatedMethodId ?? '') ? -1 : (a.AllocatedMethodId ?? '') > (b.AllocatedMethodId ?? '') ? 1 : 0),
  );
}
