import initSqlJs from 'sql.js';
import type { Engine } from '../../../../../src/core/engine';
import { fixtureBytes } from '../../../helpers/engine';

/** Text columns read back from the exported workspace, decoded through `strings`. */
const TEXT = [
  'ProviderName', 'ServiceName', 'BillingCurrency', 'ChargeCategory', 'SubAccountId', 'SubAccountName',
  'BillingAccountId', 'x_Model', 'x_TokenClass', 'x_Project', 'x_ApiKey', 'x_User', 'x_ServiceTier',
  'SkuMeter', 'ChargeDescription', 'ConsumedUnit', 'RegionId',
] as const;

export type StoredCharge = {
  row: number;
  start: number;
  end: number | null;
  tokens: number | null;
  requests: number | null;
  quantity: number | null;
  billed: string;
  list: string;
  sourceKind: string;
} & Record<(typeof TEXT)[number], string | null>;

/** Picodollars as hi × 1e9 + lo, written as exact decimal text (independent of the engine's money code). */
function exact(hi: number, lo: number): string {
  const pico = BigInt(hi) * 1_000_000_000n + BigInt(lo);
  const neg = pico < 0n;
  const mag = (neg ? -pico : pico).toString().padStart(13, '0');
  const frac = mag.slice(-12).replace(/0+$/, '');
  return `${neg ? '-' : ''}${mag.slice(0, -12)}${frac ? `.${frac}` : ''}`;
}

/** Every stored charge, in insert order, read from the workspace file the engine exports. */
export async function storedCharges(engine: Engine): Promise<StoredCharge[]> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const cols = TEXT.map((t) => `(SELECT value FROM strings WHERE id = c.${t}) AS ${t}`).join(', ');
    const res = db.exec(`SELECT c.x_RowNumber, c.ChargePeriodStart, c.ChargePeriodEnd, c.x_Tokens, c.x_Requests,
        c.ConsumedQuantity, c.BilledCost_hi, c.BilledCost_lo, c.ListCost_hi, c.ListCost_lo, i.source_kind, ${cols}
      FROM charges c JOIN imports i ON i.id = c.x_ImportId ORDER BY c.id`);
    if (res.length === 0) return [];
    const str = (v: unknown): string | null => (v === null ? null : String(v));
    const int = (v: unknown): number | null => (v === null ? null : Number(v));
    return res[0].values.map((v) => {
      const t = (name: (typeof TEXT)[number]): string | null => str(v[11 + TEXT.indexOf(name)]);
      return {
        row: Number(v[0]),
        start: Number(v[1]),
        end: int(v[2]),
        tokens: int(v[3]),
        requests: int(v[4]),
        quantity: int(v[5]),
        billed: exact(Number(v[6]), Number(v[7])),
        list: exact(Number(v[8]), Number(v[9])),
        sourceKind: String(v[10]),
        ProviderName: t('ProviderName'),
        ServiceName: t('ServiceName'),
        BillingCurrency: t('BillingCurrency'),
        ChargeCategory: t('ChargeCategory'),
        SubAccountId: t('SubAccountId'),
        SubAccountName: t('SubAccountName'),
        BillingAccountId: t('BillingAccountId'),
        x_Model: t('x_Model'),
        x_TokenClass: t('x_TokenClass'),
        x_Project: t('x_Project'),
        x_ApiKey: t('x_ApiKey'),
        x_User: t('x_User'),
        x_ServiceTier: t('x_ServiceTier'),
        SkuMeter: t('SkuMeter'),
        ChargeDescription: t('ChargeDescription'),
        ConsumedUnit: t('ConsumedUnit'),
        RegionId: t('RegionId'),
      };
    });
  } finally {
    db.close();
  }
}

export function fixtureText(rel: string): string {
  return new TextDecoder().decode(fixtureBytes(rel));
}

export function fixtureJson(rel: string): unknown {
  return JSON.parse(fixtureText(rel));
}
