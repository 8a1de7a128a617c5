/**
 * What the rule builder offers ('allocation/fields'): every column a rule can read and every
 * source tag key in the data, with how many distinct values each has and the values holding the
 * most cost. Columns are grouped by their string ids (never by text) and tag sets once each, so
 * the scan stays a handful of integer GROUP BYs.
 */
import { ALLOCATION_COLUMNS, type AllocationField, type FieldRef } from '../../shared/allocation-contract';
import type { Workspace } from '../db/workspace';
import { formatPico, joinSplit } from '../money/decimal';

const TOP = 20;

const COMMITTED = "FROM charges c JOIN imports i ON i.id = c.x_ImportId AND i.state = 'committed'";

function mainCurrency(ws: Workspace): number | null {
  const r = ws.db.exec(`SELECT c.BillingCurrency ${COMMITTED} WHERE i.source_kind = 'invoice'
    GROUP BY c.BillingCurrency ORDER BY sum(c.BilledCost_hi) DESC, c.BillingCurrency LIMIT 1`);
  const v = r[0]?.values[0]?.[0];
  return v === undefined || v === null ? null : Number(v);
}

function topValues(totals: Map<string, bigint>): AllocationField['top'] {
  return [...totals.entries()]
    .sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([value, cost]) => ({ value, cost: formatPico(cost) }));
}

/** "SubAccountName" -> "Sub account name", "x_ApiKey" -> "API key". */
function columnLabel(column: string): string {
  const words = column
    .replace(/^x_/, '')
    .replace(/Api/g, 'API')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).replace(/\b([A-Z])([a-z])/g, (_, a: string, b: string) => a.toLowerCase() + b);
}

type Acc = Map<number, { hi: number; lo: number }>;

/** hi and lo sums (each exact in a double: hi < 2^53 thousandths, lo < 2^53) as picodollars. */
function accPico(a: { hi: number; lo: number }): bigint {
  return joinSplit(BigInt(a.hi), 0n) + BigInt(a.lo);
}

export function allocationFields(ws: Workspace, throwIfCancelled: () => void): AllocationField[] {
  const currency = mainCurrency(ws);
  const n = ALLOCATION_COLUMNS.length;
  // One pass over the charges: n integer GROUP BYs would each sort every row again.
  const byColumn: Acc[] = ALLOCATION_COLUMNS.map(() => new Map());
  const bySet: Acc = new Map();
  const counted = `i.source_kind = 'invoice' AND c.BillingCurrency ${currency === null ? 'IS NULL' : `= ${currency}`}`;
  const stmt = ws.db.prepare(`SELECT ${ALLOCATION_COLUMNS.map((c) => `c.${c}`).join(', ')}, c.Tags,
      CASE WHEN ${counted} THEN c.BilledCost_hi ELSE 0 END, CASE WHEN ${counted} THEN c.BilledCost_lo ELSE 0 END ${COMMITTED}`);
  const add = (m: Acc, id: number, hi: number, lo: number): void => {
    const a = m.get(id);
    if (a === undefined) m.set(id, { hi, lo });
    else {
      a.hi += hi;
      a.lo += lo;
    }
  };
  try {
    let row = 0;
    while (stmt.step()) {
      if (++row % 65_536 === 0) throwIfCancelled();
      const r = stmt.get() as (number | null)[];
      const hi = r[n + 1] ?? 0;
      const lo = r[n + 2] ?? 0;
      for (let c = 0; c < n; c++) {
        const id = r[c];
        if (id !== null) add(byColumn[c], id, hi, lo);
      }
      if (r[n] !== null) add(bySet, r[n], hi, lo);
    }
  } finally {
    stmt.free();
  }
  const out: AllocationField[] = ALLOCATION_COLUMNS.map((column, c) => {
    const totals = new Map<string, bigint>();
    for (const [id, a] of byColumn[c]) {
      const value = ws.strings.valueOf(id);
      if (value === null || value.trim() === '') continue;
      totals.set(value, (totals.get(value) ?? 0n) + accPico(a));
    }
    return { field: column, label: columnLabel(column), distinct: totals.size, top: topValues(totals) };
  });
  throwIfCancelled();
  const byKey = new Map<string, Map<string, bigint>>();
  if (bySet.size) {
    const items = ws.db.prepare('SELECT tag_set_id, key_id, value_id FROM tag_set_items');
    try {
      while (items.step()) {
        const [set, keyId, valueId] = items.get() as [number, number, number | null];
        const a = bySet.get(set);
        if (a === undefined) continue;
        const key = ws.strings.valueOf(keyId) ?? '';
        let values = byKey.get(key);
        if (values === undefined) byKey.set(key, (values = new Map()));
        const value = ws.strings.valueOf(valueId);
        if (value === null || value.trim() === '') continue;
        values.set(value, (values.get(value) ?? 0n) + accPico(a));
      }
    } finally {
      items.free();
    }
  }
  for (const key of [...byKey.keys()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : 1))) {
    const values = byKey.get(key) as Map<string, bigint>;
    const field: FieldRef = `tag:${key}`;
    out.push({ field, label: `Tag “${key}”`, distinct: values.size, top: topValues(values) });
  }
  return out;
}
