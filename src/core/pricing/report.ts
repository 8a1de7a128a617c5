import type { PricingSummary, PricingSummaryRow, UnpricedUsage } from '../../shared/contract';
import type { Workspace } from '../db/workspace';
import { isoDate } from '../imports/dates';
import { formatPico, joinSplit, type Pico } from '../money/decimal';
import { STATUS_CODE, statusOf } from './status';

const COMMITTED = "JOIN imports i ON i.id = c.x_ImportId AND i.state = 'committed'";
const UNPRICED = [STATUS_CODE.unmatched, STATUS_CODE['no-price-at-date'], STATUS_CODE['no-rate']].join(', ');
const TOKEN_ROWS = [STATUS_CODE.priced, STATUS_CODE.override, UNPRICED].join(', ');

/** SUM of a split money column (optionally of the rows `when` holds for), carried in SQL so no value passes 2^53. */
function sumSql(col: string, when = '1'): string {
  const v = (part: string): string => `CASE WHEN ${when} THEN c.${col}_${part} END`;
  return `coalesce(sum(${v('hi')}), 0), coalesce(sum(${v('lo')}), 0) / 1000000000, coalesce(sum(${v('lo')}), 0) % 1000000000`;
}

function picoAt(row: unknown[], at: number): Pico {
  return joinSplit(BigInt(Number(row[at])) + BigInt(Number(row[at + 1])), BigInt(Number(row[at + 2])));
}

function rowsOf(ws: Workspace, sql: string): unknown[][] {
  const r = ws.db.exec(sql);
  return r.length ? r[0].values : [];
}

/** Token usage that got no price, per seller, model as imported, status and reason; largest billed spend first. */
export function unpricedUsage(ws: Workspace): UnpricedUsage[] {
  const rows = rowsOf(
    ws,
    `SELECT c.ProviderName, coalesce(c.x_Model, c.SkuMeter, c.ChargeDescription), c.x_PricingStatus, c.x_PriceRef, c.BillingCurrency,
       sum(c.x_Tokens), count(*), ${sumSql('BilledCost')}, min(c.ChargePeriodStart), max(c.ChargePeriodStart)
     FROM charges c ${COMMITTED} WHERE c.x_PricingStatus IN (${UNPRICED}) GROUP BY 1, 2, 3, 4, 5`,
  );
  const text = (v: unknown): string | null => ws.strings.valueOf(v === null ? null : Number(v));
  const found = rows.map((r): UnpricedUsage & { pico: Pico } => {
    const pico = picoAt(r, 7);
    return {
      provider: text(r[0]),
      name: text(r[1]),
      status: statusOf(Number(r[2])) as UnpricedUsage['status'],
      reason: text(r[3]) ?? '',
      currency: text(r[4]) ?? 'USD',
      tokens: Number(r[5]),
      rows: Number(r[6]),
      billedCost: formatPico(pico),
      firstDay: isoDate(Number(r[10])) ?? '',
      lastDay: isoDate(Number(r[11])) ?? '',
      pico,
    };
  });
  found.sort((a, b) => (a.pico !== b.pico ? (b.pico > a.pico ? 1 : -1) : b.tokens - a.tokens));
  return found.map(({ pico: _pico, ...rest }) => rest);
}

/** (1 − billed / list) × 100 to two decimals, half away from zero; null without a list cost. */
export function discountPercent(billed: Pico, list: Pico): string | null {
  if (list <= 0n) return null;
  const diff = (list - billed) * 10000n;
  const mag = diff < 0n ? -diff : diff;
  const hundredths = (mag * 2n + list) / (2n * list);
  const s = hundredths.toString().padStart(3, '0');
  return `${diff < 0n && hundredths > 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

type Acc = { row: PricingSummaryRow; billed: Pico; catalog: Pico; invCatalog: Pico; invBilled: Pico };

/** Per seller and model: billed against catalog list cost and the effective discount. */
export function pricingSummary(ws: Workspace): PricingSummary {
  const priced = 'c.x_CatalogCost_hi IS NOT NULL';
  const rows = rowsOf(
    ws,
    `SELECT c.ProviderName, coalesce(c.x_CatalogModel, c.x_Model), c.BillingCurrency, i.source_kind,
       sum(c.x_Tokens), coalesce(sum(CASE WHEN ${priced} THEN c.x_Tokens END), 0),
       ${sumSql('BilledCost')}, ${sumSql('x_CatalogCost', priced)}, ${sumSql('BilledCost', priced)},
       sum(c.x_PricingStatus = ${STATUS_CODE.override}), sum(c.x_PricingStatus IN (${UNPRICED}))
     FROM charges c ${COMMITTED} WHERE c.x_PricingStatus IN (${TOKEN_ROWS}) GROUP BY 1, 2, 3, 4`,
  );
  const groups = new Map<string, Acc>();
  let total = 0n as Pico;
  let unpriced = 0;
  for (const r of rows) {
    const provider = ws.strings.valueOf(r[0] === null ? null : Number(r[0]));
    const model = ws.strings.valueOf(r[1] === null ? null : Number(r[1]));
    const currency = ws.strings.valueOf(r[2] === null ? null : Number(r[2])) ?? 'USD';
    const invoice = r[3] === 'invoice';
    const key = JSON.stringify([provider, model, currency]);
    let acc = groups.get(key);
    if (acc === undefined) {
      const zero = 0n as Pico;
      const row: PricingSummaryRow = {
        provider, model, currency, tokens: 0, pricedTokens: 0, billedCost: '0', catalogCost: '0',
        invoicedCatalogCost: '0', invoicedBilledCost: '0', effectiveDiscountPercent: null, overrideRows: 0,
      };
      acc = { row, billed: zero, catalog: zero, invCatalog: zero, invBilled: zero };
      groups.set(key, acc);
    }
    const catalog = picoAt(r, 9);
    acc.row.tokens += Number(r[4]);
    acc.row.pricedTokens += Number(r[5]);
    acc.row.overrideRows += Number(r[15]);
    acc.catalog = (acc.catalog + catalog) as Pico;
    total = (total + catalog) as Pico;
    unpriced += Number(r[16]);
    // Usage sources (proxy estimates, token reports) are not billed cost: they only add tokens and list cost.
    if (invoice) {
      acc.billed = (acc.billed + picoAt(r, 6)) as Pico;
      acc.invCatalog = (acc.invCatalog + catalog) as Pico;
      acc.invBilled = (acc.invBilled + picoAt(r, 12)) as Pico;
    }
  }
  const out = [...groups.values()].map(({ row, billed, catalog, invCatalog, invBilled }) => ({
    ...row,
    billedCost: formatPico(billed),
    catalogCost: formatPico(catalog),
    invoicedCatalogCost: formatPico(invCatalog),
    invoicedBilledCost: formatPico(invBilled),
    // The catalog is in US dollars: a bill in another currency is not compared with it.
    effectiveDiscountPercent: row.currency === 'USD' ? discountPercent(invBilled, invCatalog) : null,
  }));
  out.sort((a, b) => (a.provider ?? '').localeCompare(b.provider ?? '') || (a.model ?? '').localeCompare(b.model ?? '') || a.currency.localeCompare(b.currency));
  return { rows: out, catalogCost: formatPico(total), unpricedTokenRows: unpriced };
}
