import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { fixtureBytes, type TestEngine } from '../../../helpers/engine';

/** A fixture's records keyed by header, parsed with papaparse (independent of the engine's reader). */
export function records(rel: string): Record<string, string>[] {
  const text = new TextDecoder().decode(fixtureBytes(rel));
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** A decimal rounded half-up (on its magnitude) to 12 places: what a workspace keeps. */
export function round12(v: string): string {
  const neg = v.startsWith('-');
  const [i, f = ''] = v.replace(/^[-+]/, '').split('.');
  if (f.length <= 12) return v;
  let n = BigInt(i + f.slice(0, 12));
  if (f.charCodeAt(12) >= 53) n += 1n;
  const s = n.toString().padStart(13, '0');
  return `${neg ? '-' : ''}${s.slice(0, -12)}.${s.slice(-12)}`;
}

function decimal(hi: number, lo: number): string {
  const p = BigInt(hi) * 1_000_000_000n + BigInt(lo);
  const neg = p < 0n;
  const s = (neg ? -p : p).toString().padStart(13, '0');
  const frac = s.slice(-12).replace(/0+$/, '');
  return `${neg ? '-' : ''}${s.slice(0, -12)}${frac ? '.' + frac : ''}`;
}

const TEXT = [
  'ProviderName', 'PublisherName', 'InvoiceIssuerName', 'ServiceName', 'ServiceCategory', 'SubAccountId', 'SubAccountName',
  'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'ChargeCategory', 'ChargeClass', 'ChargeFrequency',
  'PricingCategory', 'PricingUnit', 'ConsumedUnit', 'RegionId', 'RegionName', 'ResourceId', 'SkuId', 'SkuMeter',
  'CommitmentDiscountId', 'CommitmentDiscountType', 'x_Model', 'x_TokenClass', 'x_ServiceTier', 'x_User',
] as const;

export type StoredCharge = Record<(typeof TEXT)[number], string | null> & {
  row: number;
  start: string;
  end: string | null;
  billed: string;
  effective: string;
  list: string;
  consumedQuantity: number | null;
  pricingQuantity: number | null;
  tokens: number | null;
  tags: Record<string, string> | null;
};

/** Every stored charge with its text resolved, read back from the exported workspace file. */
export async function storedCharges(engine: TestEngine['engine']): Promise<StoredCharge[]> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  const text = TEXT.map((c) => `(SELECT value FROM strings WHERE id = c.${c}) AS ${c}`).join(', ');
  const res = db.exec(`
    SELECT c.x_RowNumber AS row, strftime('%Y-%m-%dT%H:%M:%SZ', c.ChargePeriodStart, 'unixepoch') AS start,
      strftime('%Y-%m-%dT%H:%M:%SZ', c.ChargePeriodEnd, 'unixepoch') AS "end",
      c.BilledCost_hi, c.BilledCost_lo, c.EffectiveCost_hi, c.EffectiveCost_lo, c.ListCost_hi, c.ListCost_lo,
      c.ConsumedQuantity AS consumedQuantity, c.PricingQuantity AS pricingQuantity, c.x_Tokens AS tokens,
      (SELECT json FROM tag_sets WHERE id = c.Tags) AS tags, ${text}
    FROM charges c ORDER BY c.x_ImportId, c.x_RowNumber`);
  db.close();
  if (res.length === 0) return [];
  const { columns, values } = res[0];
  return values.map((v) => {
    const r = Object.fromEntries(columns.map((c, i) => [c, v[i]]));
    const out: Record<string, unknown> = { ...r };
    out.billed = decimal(Number(r.BilledCost_hi), Number(r.BilledCost_lo));
    out.effective = decimal(Number(r.EffectiveCost_hi), Number(r.EffectiveCost_lo));
    out.list = decimal(Number(r.ListCost_hi), Number(r.ListCost_lo));
    out.tags = r.tags === null ? null : JSON.parse(String(r.tags));
    return out as StoredCharge;
  });
}
