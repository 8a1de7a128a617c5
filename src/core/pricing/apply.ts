import type { PricingRun } from '../../shared/contract';
import type { Workspace } from '../db/workspace';
import { splitPico } from '../money/decimal';
import { COMBINATION_COLUMNS, CombinationPlanner, DAY } from './combination';
import { costOf } from './cost';
import { priceBook } from './index';
import { listOverrides } from './overrides';
import type { RawStrings } from './plan';
import type { PriceBook } from './resolve';
import { STATUS_CODE } from './status';

/** Which charges to price: one or more imports, every charge, or those never evaluated. */
export type PricingScope = { importIds: number[] } | 'all' | 'missing';

/** The combination's key, every text column as its strings id (0 for none), and the UTC day number. */
const KEY_SQL = COMBINATION_COLUMNS.map((c) => `coalesce(charges.${c}, 0)`);
const PLAN_KEY = ['prov', 'sku', 'model', 'descr', 'tclass', 'tier'] as const;
const JOIN = [...PLAN_KEY.map((k, i) => `p.${k} = ${KEY_SQL[i]}`), `p.day = charges.ChargePeriodStart / ${DAY}`].join(' AND ');
const HAS_TOKENS = 'charges.x_Tokens IS NOT NULL AND charges.x_TokenClass IS NOT NULL';

function scopeSql(scope: PricingScope): string {
  if (scope === 'all') return '1';
  if (scope === 'missing') return 'charges.x_PricingStatus IS NULL';
  const ids = scope.importIds.filter((id) => Number.isSafeInteger(id));
  return ids.length ? `charges.x_ImportId IN (${ids.join(', ')})` : '0';
}

/**
 * Prices token charges with the catalog and the workspace's overrides, inside the caller's
 * transaction. Work is per distinct combination of seller, raw billing strings, token class, tier
 * and UTC day (a few thousand for a year of bills), never per row: the combinations are planned in
 * JS, written to a temporary table, and applied with one UPDATE … FROM, in which SQLite multiplies
 * each row's tokens by the whole picodollars per token exactly in int64 (split into hi/lo as it
 * goes). Only combinations whose per-token cost is not a whole picodollar (an odd discount) are
 * priced row by row, with BigInt. A committed import is priced as it is written (InsertPricer,
 * through the same CombinationPlanner); this pass re-prices when overrides change, prices a staged
 * import at its commit, and fills rows never evaluated.
 */
export function applyPricing(ws: Workspace, scope: PricingScope, book: PriceBook = priceBook()): PricingRun {
  const db = ws.db;
  const where = scopeSql(scope);
  db.run(
    `UPDATE charges SET x_PricingStatus = ${STATUS_CODE['not-tokens']}, x_CatalogCost_hi = NULL, x_CatalogCost_lo = NULL,
       x_PriceRef = NULL, x_CatalogModel = NULL WHERE (${where}) AND NOT (${HAS_TOKENS})`,
  );
  const planner = new CombinationPlanner(book, listOverrides(ws));
  const run: PricingRun = { tokenRows: 0, priced: 0, override: 0, unpriced: 0, combinations: 0 };
  const text = (id: number): string | null => (id === 0 ? null : ws.strings.valueOf(id));

  db.run('DROP TABLE IF EXISTS temp.pricing_plan');
  db.run(`CREATE TEMP TABLE pricing_plan (prov INTEGER, sku INTEGER, model INTEGER, descr INTEGER, tclass INTEGER, tier INTEGER,
    day INTEGER, status INTEGER, ref INTEGER, cmodel INTEGER, q INTEGER, num TEXT, den TEXT,
    PRIMARY KEY (prov, sku, model, descr, tclass, tier, day)) WITHOUT ROWID`);
  const combos = db.prepare(
    `SELECT ${KEY_SQL.join(', ')}, charges.ChargePeriodStart / ${DAY}, count(*) FROM charges
     WHERE (${where}) AND ${HAS_TOKENS} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
  const insert = db.prepare('INSERT INTO temp.pricing_plan VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  try {
    while (combos.step()) {
      const k = combos.get().map(Number);
      const [prov, sku, model, descr, tclass, tier, day, rows] = k;
      const raw: RawStrings = { provider: text(prov), skuMeter: text(sku), model: text(model), description: text(descr) };
      const c = planner.plan(`${prov}|${sku}|${model}|${descr}`, raw, text(tclass) ?? '', text(tier), day);
      run.combinations++;
      run.tokenRows += rows;
      if (c.status === 'priced') run.priced += rows;
      else if (c.status === 'override') run.override += rows;
      else run.unpriced += rows;
      const p = c.perToken;
      insert.run([
        prov, sku, model, descr, tclass, tier, day,
        c.code,
        ws.strings.idOf(c.ref),
        c.model === null ? null : ws.strings.idOf(c.model),
        c.q,
        p === null ? null : p.num.toString(),
        p === null ? null : p.den.toString(),
      ]);
    }
  } finally {
    combos.free();
    insert.free();
  }

  const t = 'charges.x_Tokens';
  const fast = `p.q IS NOT NULL AND ${t} >= 0`;
  db.run(
    `UPDATE charges SET x_PricingStatus = p.status, x_PriceRef = p.ref, x_CatalogModel = p.cmodel,
       x_CatalogCost_hi = CASE WHEN ${fast} THEN (${t} / 1000000000) * p.q + ((${t} % 1000000000) * p.q) / 1000000000 END,
       x_CatalogCost_lo = CASE WHEN ${fast} THEN ((${t} % 1000000000) * p.q) % 1000000000 END
     FROM temp.pricing_plan AS p WHERE ${JOIN} AND (${where}) AND ${HAS_TOKENS}`,
  );
  // Rows priced by the UPDATE no longer count as 'missing'; the row-by-row ones still lack a cost.
  priceRowByRow(ws, scope === 'missing' ? 'charges.x_CatalogCost_hi IS NULL' : where);
  db.run('DROP TABLE temp.pricing_plan');
  return run;
}

function priceRowByRow(ws: Workspace, where: string): void {
  const rows = ws.db.prepare(
    `SELECT charges.id, charges.x_Tokens, p.num, p.den FROM charges JOIN temp.pricing_plan AS p ON ${JOIN}
     WHERE p.num IS NOT NULL AND (p.q IS NULL OR charges.x_Tokens < 0) AND (${where}) AND ${HAS_TOKENS}`,
  );
  const update = ws.db.prepare('UPDATE charges SET x_CatalogCost_hi = ?, x_CatalogCost_lo = ? WHERE id = ?');
  try {
    while (rows.step()) {
      const [id, tokens, num, den] = rows.get();
      const cost = splitPico(costOf(BigInt(Number(tokens)), { num: BigInt(String(num)), den: BigInt(String(den)) }));
      update.run([cost.hi, cost.lo, Number(id)]);
    }
  } finally {
    rows.free();
    update.free();
  }
}
