/**
 * How one charge was allocated ('allocation/trail'): the charge is read on its own, every key is
 * evaluated for it, then each split's per-period weights (measured over the whole workspace by
 * the allocation run) are applied to this charge's own amounts, by largest remainder, so its
 * shares sum exactly to it.
 */
import { ALLOCATION_COLUMNS, ALLOCATION_NUMERIC_COLUMNS, type ChargeTrail, type FieldRef } from '../../shared/allocation-contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import { formatPico, joinSplit } from '../money/decimal';
import type { AllocationRun } from './allocate';
import { monthOfDay } from './cube';
import { largestRemainder, ratioText } from './largest-remainder';
import type { RowView } from './rules/types';

type Charge = {
  id: number;
  file: string;
  rowNumber: number;
  day: number;
  currency: number;
  usage: boolean;
  billed: bigint;
  effective: bigint;
  list: bigint;
  text: Map<string, string | null>;
  tags: Map<string, string | null>;
};

const MONEY = new Set(['BilledCost', 'EffectiveCost', 'ListCost']);

function readCharge(ws: Workspace, chargeId: number): Charge {
  const numeric = ALLOCATION_NUMERIC_COLUMNS.map((c) => (MONEY.has(c) ? `c.${c}_hi, c.${c}_lo` : `c.${c}`));
  const r = ws.db.exec(
    `SELECT c.id, i.file_name, c.x_RowNumber, c.ChargePeriodStart, c.BillingCurrency, i.source_kind, c.Tags,
       ${ALLOCATION_COLUMNS.map((c) => `c.${c}`).join(', ')}, ${numeric.join(', ')}
     FROM charges c JOIN imports i ON i.id = c.x_ImportId AND i.state = 'committed' WHERE c.id = ?`,
    [chargeId],
  );
  if (!r.length) throw new EngineError('import/not-found', `There is no charge #${chargeId} in the workspace.`, { chargeId });
  const v = r[0].values[0];
  const text = new Map<string, string | null>();
  let at = 7;
  for (const c of ALLOCATION_COLUMNS) {
    const id = v[at++];
    text.set(c, id === null ? null : ws.strings.valueOf(Number(id)));
  }
  const money = new Map<string, bigint>();
  for (const c of ALLOCATION_NUMERIC_COLUMNS) {
    if (MONEY.has(c)) {
      const p = joinSplit(Number(v[at]), Number(v[at + 1]));
      money.set(c, p);
      text.set(c, formatPico(p));
      at += 2;
    } else {
      const n = v[at++];
      text.set(c, n === null ? null : String(n));
    }
  }
  const tags = new Map<string, string | null>();
  if (v[6] !== null) {
    const items = ws.db.exec('SELECT key_id, value_id FROM tag_set_items WHERE tag_set_id = ?', [Number(v[6])]);
    for (const [key, value] of items[0]?.values ?? []) tags.set(ws.strings.valueOf(Number(key)) ?? '', ws.strings.valueOf(value === null ? null : Number(value)));
  }
  return {
    id: Number(v[0]),
    file: String(v[1]),
    rowNumber: Number(v[2]),
    day: Math.floor(Number(v[3]) / 86_400),
    currency: Number(v[4] ?? 0),
    usage: v[5] === 'usage',
    billed: money.get('BilledCost') ?? 0n,
    effective: money.get('EffectiveCost') ?? 0n,
    list: money.get('ListCost') ?? 0n,
    text,
    tags,
  };
}

/** One share of the charge as it travels through the splits. */
type Part = { vals: number[]; billed: bigint; effective: bigint; list: bigint };

export function chargeTrail(ws: Workspace, run: AllocationRun, chargeId: number): ChargeTrail {
  const charge = readCharge(ws, chargeId);
  const { tagged } = run;
  const values = tagged.values;
  let current: number[] = [];
  const view: RowView = {
    text(field: FieldRef): string | null {
      if (field.startsWith('vtag:')) {
        const k = tagged.keyIndex(field.slice(5));
        return k === undefined || current[k] === undefined ? null : values.text(current[k]);
      }
      if (field.startsWith('tag:')) return charge.tags.get(field.slice(4)) ?? null;
      return charge.text.get(field) ?? null;
    },
    day: charge.day * 86_400,
  };
  const vals: number[] = [];
  current = vals;
  const tags: ChargeTrail['tags'] = tagged.keys.map((key) => {
    const r = key.evaluate(view);
    vals.push(values.intern(r.value));
    const rule = r.rule >= 0 ? key.rules[r.rule] : undefined;
    return { key: key.key, value: r.value, ruleId: rule?.id ?? null, ruleName: rule?.name ?? null };
  });
  const splits: ChargeTrail['splits'] = [];
  let parts: Part[] = [{ vals, billed: charge.billed, effective: charge.effective, list: charge.list }];
  // Usage sources are weights, never cost: no split moves them.
  const outcomes = charge.usage ? [] : run.outcomes;
  const month = monthOfDay(charge.day);
  for (const o of outcomes) {
    const next: Part[] = [];
    for (const part of parts) {
      current = part.vals;
      if (!o.split.pool(view)) {
        next.push(part);
        continue;
      }
      const from = values.text(part.vals[o.keyIndex]);
      const plan = o.planFor(o.grain === 'day' ? charge.day : month, charge.currency);
      const entry = { splitId: o.split.rule.id, name: o.split.rule.name, key: tagged.keys[o.keyIndex].key, from };
      if (plan === null) {
        // Nothing to weigh by: the share stays where it was.
        splits.push({ ...entry, shares: [{ value: from, ratio: '1', billedCost: formatPico(part.billed), effectiveCost: formatPico(part.effective) }] });
        next.push(part);
        continue;
      }
      const billed = largestRemainder(part.billed, plan.weights, plan.names);
      const effective = largestRemainder(part.effective, plan.weights, plan.names);
      const list = largestRemainder(part.list, plan.weights, plan.names);
      splits.push({
        ...entry,
        shares: plan.targets.map((_, i) => ({
          value: plan.names[i],
          ratio: ratioText(plan.weights[i], plan.total),
          billedCost: formatPico(billed[i]),
          effectiveCost: formatPico(effective[i]),
        })),
      });
      plan.targets.forEach((t, i) => {
        const moved = part.vals.slice();
        moved[o.keyIndex] = t;
        next.push({ vals: moved, billed: billed[i], effective: effective[i], list: list[i] });
      });
    }
    parts = next;
  }
  return {
    chargeId: charge.id,
    file: charge.file,
    rowNumber: charge.rowNumber,
    day: new Date(charge.day * 86_400_000).toISOString().slice(0, 10),
    currency: ws.strings.valueOf(charge.currency || null) ?? 'USD',
    billedCost: formatPico(charge.billed),
    effectiveCost: formatPico(charge.effective),
    tags,
    splits,
  };
}
