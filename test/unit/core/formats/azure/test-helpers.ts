import Papa from 'papaparse';
import initSqlJs from 'sql.js';
import { fixtureBytes, type TestEngine } from '../../../helpers/engine';

/** A fixture's records by column name, read with papaparse (not with the engine's CSV reader). */
export function records(rel: string): Record<string, string>[] {
  const text = new TextDecoder().decode(fixtureBytes(rel)).replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** Scientific notation ("5e-06") as plain decimal text, for exactSum. */
export function plain(text: string): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?e([+-]?\d+)$/i.exec(text.trim());
  if (m === null) return text;
  const [, sign, int, frac = '', exp] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  return `${sign}${padded.slice(0, at)}.${padded.slice(at) || '0'}`;
}

/** Exact product of two plain decimals, with BigInt. */
export function times(a: string, b: string): string {
  const parse = (t: string): [bigint, number] => {
    const [i, f = ''] = t.replace(/^-/, '').split('.');
    const n = BigInt(i + f);
    return [t.startsWith('-') ? -n : n, f.length];
  };
  const [x, xs] = parse(a);
  const [y, ys] = parse(b);
  const p = x * y;
  const scale = xs + ys;
  const digits = (p < 0n ? -p : p).toString().padStart(scale + 1, '0');
  const out = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return p < 0n ? `-${out}` : out;
}

/** Text columns of `charges` (ids into `strings`) a test may ask for. */
const TEXT = new Set([
  'BillingCurrency', 'ProviderName', 'PublisherName', 'InvoiceIssuerName', 'BillingAccountId', 'BillingAccountName',
  'SubAccountId', 'SubAccountName', 'ServiceName', 'ServiceCategory', 'ChargeCategory', 'ChargeClass', 'ChargeFrequency',
  'ChargeDescription', 'PricingCategory', 'PricingUnit', 'ListUnitPrice', 'ContractedUnitPrice', 'ConsumedUnit', 'RegionId',
  'RegionName', 'AvailabilityZone', 'ResourceId', 'ResourceName', 'ResourceType', 'SkuId', 'SkuMeter', 'CommitmentDiscountId',
  'CommitmentDiscountName', 'CommitmentDiscountType', 'CommitmentDiscountStatus', 'CommitmentDiscountCategory', 'x_Model',
  'x_TokenClass', 'x_Project', 'x_ServiceTier', 'InvoiceId',
]);
const MONEY = new Set(['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost']);

export type StoredCharge = Record<string, string | number | null>;

/** Exact decimal text of hi × 1e9 + lo picounits, written here rather than with the engine's money module. */
function decimal(hi: number | null, lo: number | null): string | null {
  if (hi === null || lo === null) return null;
  const pico = BigInt(hi) * 1_000_000_000n + BigInt(lo);
  const neg = pico < 0n;
  const digits = (neg ? -pico : pico).toString().padStart(13, '0');
  const frac = digits.slice(-12).replace(/0+$/, '');
  return `${neg ? '-' : ''}${digits.slice(0, -12)}${frac ? `.${frac}` : ''}`;
}

/** Every stored charge of the workspace, in line order, with the asked columns as text, money as exact decimals. */
export async function storedCharges(engine: TestEngine['engine'], columns: string[]): Promise<StoredCharge[]> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const select = columns.map((c) => {
      if (TEXT.has(c)) return `(SELECT value FROM strings WHERE id = c.${c})`;
      if (MONEY.has(c)) return `c.${c}_hi, c.${c}_lo`;
      if (c === 'Tags') return '(SELECT json FROM tag_sets WHERE id = c.Tags)';
      return `c.${c}`;
    });
    const result = db.exec(`SELECT ${select.join(', ')} FROM charges c ORDER BY c.x_ImportId, c.x_RowNumber, c.id`);
    if (result.length === 0) return [];
    return result[0].values.map((row) => {
      const out: StoredCharge = {};
      let at = 0;
      for (const c of columns) {
        if (MONEY.has(c)) {
          out[c] = decimal(row[at] === null ? null : Number(row[at]), row[at + 1] === null ? null : Number(row[at + 1]));
          at += 2;
        } else {
          const v = row[at++];
          out[c] = v === null ? null : typeof v === 'number' ? v : String(v);
        }
      }
      return out;
    });
  } finally {
    db.close();
  }
}

/** An amount as the workspace keeps it: at most 12 decimals, rounded half-up (README, "Amounts"). */
export function kept(text: string): string {
  const neg = text.startsWith('-');
  const [int, frac = ''] = text.replace(/^[-+]/, '').split('.');
  if (frac.length <= 12) return text;
  let n = BigInt(int + frac.slice(0, 12));
  if (Number(frac[12]) >= 5) n += 1n;
  const digits = n.toString().padStart(13, '0');
  const out = `${digits.slice(0, -12)}.${digits.slice(-12)}`.replace(/\.?0+$/, '');
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}
