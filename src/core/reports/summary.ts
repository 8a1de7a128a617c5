import type { MoneyTotals, Summary, SummaryDimension, SummaryGroup } from '../../shared/contract';
import { MONEY_COLUMNS } from '../db/charge-money';
import type { Workspace } from '../db/workspace';
import { formatPico, joinSplit, type Pico } from '../money/decimal';

/**
 * Column each dimension groups by, in `charge_totals` (each import's totals, kept as it is
 * written). All are integer columns: ids into `strings`, or yyyymm.
 */
const DIMENSION_COLUMN: Record<SummaryDimension, string> = {
  month: 't.x_Month',
  provider: 't.ProviderName',
  service: 't.ServiceName',
  currency: 't.BillingCurrency',
  subAccount: 't.SubAccountName',
  chargeCategory: 't.ChargeCategory',
  model: 't.x_Model',
};


/** SUM of the split columns, with the low part carried in SQL so no value passes 2^53 in JS. */
function sumSql(col: string): string {
  return `sum(t.${col}_hi), sum(t.${col}_lo) / 1000000000, sum(t.${col}_lo) % 1000000000`;
}

function picoFrom(row: unknown[], at: number): Pico {
  const hi = BigInt(Number(row[at] ?? 0)) + BigInt(Number(row[at + 1] ?? 0));
  return joinSplit(hi, BigInt(Number(row[at + 2] ?? 0)));
}

function monthLabel(yyyymm: number): string {
  return `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;
}

/**
 * Totals of invoiced cost, exact to the picodollar, grouped by the requested dimensions and
 * always by currency (amounts in different currencies are never added together). Usage-only
 * sources (proxy logs, estimates) are not invoiced cost and are left out.
 */
export function summarize(ws: Workspace, by: SummaryDimension[]): Summary {
  const dims = [...new Set(by)].filter((d) => d !== 'currency');
  const keyCols = [...dims.map((d) => DIMENSION_COLUMN[d]), DIMENSION_COLUMN.currency];
  const sql = `SELECT ${keyCols.join(', ')}, sum(t.row_count), ${MONEY_COLUMNS.map(sumSql).join(', ')}
    FROM charge_totals t JOIN imports i ON i.id = t.import_id AND i.source_kind = 'invoice' AND i.state = 'committed'
    GROUP BY ${keyCols.map((_, k) => k + 1).join(', ')}`;
  const stmt = ws.db.prepare(sql);
  const groups: SummaryGroup[] = [];
  const perCurrency = new Map<string, { billed: Pico; effective: Pico; list: Pico; rows: number }>();
  let rows = 0;
  try {
    while (stmt.step()) {
      const r = stmt.get();
      const key: SummaryGroup['key'] = {};
      dims.forEach((d, k) => {
        const v = r[k] as number | null;
        key[d] = v === null ? null : d === 'month' ? monthLabel(v) : ws.strings.valueOf(v);
      });
      const currency = ws.strings.valueOf(r[dims.length] as number | null) ?? 'USD';
      if (by.includes('currency')) key.currency = currency;
      const n = Number(r[dims.length + 1]);
      const at = dims.length + 2;
      const billed = picoFrom(r, at);
      const effective = picoFrom(r, at + 3);
      const list = picoFrom(r, at + 6);
      groups.push({
        key,
        rows: n,
        billedCost: formatPico(billed),
        effectiveCost: formatPico(effective),
        listCost: formatPico(list),
        currency,
      });
      const acc = perCurrency.get(currency) ?? { billed: 0n as Pico, effective: 0n as Pico, list: 0n as Pico, rows: 0 };
      perCurrency.set(currency, {
        billed: (acc.billed + billed) as Pico,
        effective: (acc.effective + effective) as Pico,
        list: (acc.list + list) as Pico,
        rows: acc.rows + n,
      });
      rows += n;
    }
  } finally {
    stmt.free();
  }
  groups.sort((a, b) => compareKeys(a, b, [...dims, 'currency']));
  const totalsByCurrency: MoneyTotals[] = [...perCurrency.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([currency, t]) => ({
      billedCost: formatPico(t.billed),
      effectiveCost: formatPico(t.effective),
      listCost: formatPico(t.list),
      currency,
    }));
  const single = totalsByCurrency.length === 1 ? totalsByCurrency[0] : null;
  const none = totalsByCurrency.length === 0;
  return {
    billedCost: single?.billedCost ?? (none ? '0' : null),
    effectiveCost: single?.effectiveCost ?? (none ? '0' : null),
    listCost: single?.listCost ?? (none ? '0' : null),
    currency: single?.currency ?? null,
    rows,
    totalsByCurrency,
    by: [...new Set(by)],
    groups,
  };
}

function compareKeys(a: SummaryGroup, b: SummaryGroup, dims: SummaryDimension[]): number {
  for (const d of dims) {
    const x = d === 'currency' ? a.currency : a.key[d] ?? '';
    const y = d === 'currency' ? b.currency : b.key[d] ?? '';
    if (x !== y) return (x ?? '') < (y ?? '') ? -1 : 1;
  }
  return 0;
}
