import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { expect } from 'vitest';
import type { Engine } from '../../../../../src/core/engine';
import type { ImportFileResult, ImportOptions } from '../../../../../src/shared/contract';
import { fileInput, fixtureBytes } from '../../../helpers/engine';

/** Text columns read back from the exported workspace, decoded through `strings`. */
const TEXT = [
  'ProviderName', 'PublisherName', 'InvoiceIssuerName', 'ServiceName', 'ServiceCategory', 'BillingCurrency', 'ChargeCategory',
  'ChargeClass', 'ChargeDescription', 'BillingAccountId', 'SubAccountId', 'SubAccountName', 'SkuId', 'PricingUnit',
  'ConsumedUnit', 'ListUnitPrice', 'ResourceId', 'ResourceName', 'x_Model', 'x_TokenClass', 'x_Project', 'x_ApiKey', 'x_User',
] as const;

export type Stored = {
  row: number;
  start: number;
  end: number | null;
  tokens: number | null;
  requests: number | null;
  pricingQuantity: number | null;
  consumedQuantity: number | null;
  billed: string;
  effective: string;
  list: string;
  tags: Record<string, string | null> | null;
  sourceKind: string;
} & Record<(typeof TEXT)[number], string | null>;

/** Picodollars as hi × 1e9 + lo, written as exact decimal text (independent of the engine's money code). */
function exact(hi: unknown, lo: unknown): string {
  const pico = BigInt(Number(hi)) * 1_000_000_000n + BigInt(Number(lo));
  const neg = pico < 0n;
  const mag = (neg ? -pico : pico).toString().padStart(13, '0');
  const frac = mag.slice(-12).replace(/0+$/, '');
  return `${neg ? '-' : ''}${mag.slice(0, -12)}${frac ? `.${frac}` : ''}`;
}

function numberOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** Every stored charge, in insert order, read from the workspace file the engine exports. */
export async function storedCharges(engine: Engine): Promise<Stored[]> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const cols = TEXT.map((t) => `(SELECT value FROM strings WHERE id = c.${t}) AS ${t}`).join(', ');
    const res = db.exec(`SELECT c.x_RowNumber, c.ChargePeriodStart, c.ChargePeriodEnd, c.x_Tokens, c.x_Requests,
        c.PricingQuantity, c.ConsumedQuantity, c.BilledCost_hi, c.BilledCost_lo, c.EffectiveCost_hi, c.EffectiveCost_lo,
        c.ListCost_hi, c.ListCost_lo, (SELECT json FROM tag_sets WHERE id = c.Tags), i.source_kind, ${cols}
      FROM charges c JOIN imports i ON i.id = c.x_ImportId ORDER BY c.id`);
    if (res.length === 0) return [];
    return res[0].values.map((v) => {
      const text = Object.fromEntries(TEXT.map((t, k) => [t, v[15 + k] === null ? null : String(v[15 + k])]));
      return {
        row: Number(v[0]),
        start: Number(v[1]),
        end: numberOrNull(v[2]),
        tokens: numberOrNull(v[3]),
        requests: numberOrNull(v[4]),
        pricingQuantity: numberOrNull(v[5]),
        consumedQuantity: numberOrNull(v[6]),
        billed: exact(v[7], v[8]),
        effective: exact(v[9], v[10]),
        list: exact(v[11], v[12]),
        tags: v[13] === null ? null : JSON.parse(String(v[13])),
        sourceKind: String(v[14]),
        ...text,
      } as Stored;
    });
  } finally {
    db.close();
  }
}

export function fixtureText(rel: string): string {
  return new TextDecoder().decode(fixtureBytes(rel));
}

/** A fixture's records as the header names them, parsed by papaparse (not by Costbook). */
export function fixtureRecords(rel: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fixtureText(rel), { header: true, skipEmptyLines: true }).data;
}

/** The physical line of each record (header = 1), for files whose records span one line each. */
export function lineOf(index: number): number {
  return index + 2;
}

export async function importFixture(engine: Engine, rel: string, options?: ImportOptions): Promise<ImportFileResult> {
  const name = rel.split('/').pop() ?? rel;
  const [r] = await engine.call('import/files', { files: [fileInput(name, fixtureBytes(rel))], options });
  return r;
}

export async function importText(engine: Engine, name: string, text: string, options?: ImportOptions): Promise<ImportFileResult> {
  const [r] = await engine.call('import/files', { files: [fileInput(name, text)], options });
  return r;
}

/** What a workspace holds, to show that a refused file left it exactly as it was. */
export async function snapshot(engine: Engine) {
  const info = await engine.call('workspace/info', {});
  const history = await engine.call('import/history', {});
  return { rows: info?.chargeRows, imports: history.length, charges: await storedCharges(engine) };
}

/** Sum of a numeric field over stored charges (tokens are whole numbers, exact in a double). */
export function total(rows: Stored[], pick: (s: Stored) => number | null): number {
  return rows.reduce((acc, s) => acc + (pick(s) ?? 0), 0);
}

/** Usage sources are not invoiced cost: the summary leaves every one of their rows out. */
export async function expectOutOfTotals(engine: Engine): Promise<void> {
  const summary = await engine.call('summary/totals', { by: ['provider', 'model'] });
  expect(summary.rows).toBe(0);
  expect(summary.groups).toEqual([]);
  expect(summary.billedCost).toBe('0');
}

export function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
