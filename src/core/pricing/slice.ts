import type { SliceField, SliceFieldInfo, SliceValue, UsageSlice } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import type { PriceBook } from './resolve';

/**
 * Slices of token usage for right-sizing: the token charges of committed imports whose field has
 * a value, optionally in one month. Fields are the charge columns that exist on every workspace;
 * `tag:KEY` reads source tags as the file wrote them.
 */

export const TOKEN_ROWS = 'c.x_Tokens IS NOT NULL AND c.x_TokenClass IS NOT NULL';
export const COMMITTED = "JOIN imports i ON i.id = c.x_ImportId AND i.state = 'committed'";

const COLUMNS = {
  model: { sql: 'coalesce(c.x_CatalogModel, c.x_Model)', label: 'Model' },
  provider: { sql: 'c.ProviderName', label: 'Seller' },
  project: { sql: 'c.x_Project', label: 'Project' },
  apiKey: { sql: 'c.x_ApiKey', label: 'API key' },
  subAccount: { sql: 'c.SubAccountId', label: 'Sub-account' },
} as const satisfies Record<string, { sql: string; label: string }>;
type ColumnField = keyof typeof COLUMNS;
const COLUMN_FIELDS: ColumnField[] = ['model', 'provider', 'project', 'apiKey', 'subAccount'];

const isColumn = (f: string): f is ColumnField => Object.hasOwn(COLUMNS, f);
const tagKey = (f: string): string | null => (f.startsWith('tag:') && f.length > 4 ? f.slice(4) : null);

function badField(field: string): EngineError {
  return new EngineError('engine/internal', `"${field}" is not a field usage can be sliced by (model, provider, project, apiKey, subAccount or tag:KEY).`, { field });
}

/** The id of a text in the strings table, without adding it; null when no charge can hold it. */
function stringId(ws: Workspace, text: string): number | null {
  const r = ws.db.exec('SELECT id FROM strings WHERE value = ?', [text]);
  return r.length ? Number(r[0].values[0][0]) : null;
}

/** "2026-08" -> 202608; null for anything else. */
export function monthNumber(month: string): number | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  return m === null ? null : Number(m[1]) * 100 + Number(m[2]);
}

export type SliceSql = { where: string; params: number[] };

/** SQL (over `charges c`) for the slice's token charges; null when no charge can be in it. */
export function sliceSql(ws: Workspace, slice: UsageSlice): SliceSql | null {
  const parts = [TOKEN_ROWS];
  const params: number[] = [];
  if (slice.month !== undefined && slice.month !== null) {
    const month = monthNumber(slice.month);
    if (month === null) throw new EngineError('engine/internal', `"${slice.month}" is not a month like 2026-08.`, { month: slice.month });
    parts.push('c.x_Month = ?');
    params.push(month);
  }
  const id = stringId(ws, slice.value);
  const key = tagKey(slice.field);
  if (isColumn(slice.field)) {
    if (id === null) return null;
    parts.push(`${COLUMNS[slice.field].sql} = ?`);
    params.push(id);
  } else if (key !== null) {
    const keyId = stringId(ws, key);
    if (id === null || keyId === null) return null;
    parts.push('EXISTS (SELECT 1 FROM tag_set_items t WHERE t.tag_set_id = c.Tags AND t.key_id = ? AND t.value_id = ?)');
    params.push(keyId, id);
  } else throw badField(slice.field);
  return { where: parts.join(' AND '), params };
}

function rows(ws: Workspace, sql: string, params: number[] = []): unknown[][] {
  const r = ws.db.exec(sql, params);
  return r.length ? r[0].values : [];
}

/** The fixed fields, then a `tag:KEY` for every source tag key found on token charges; and the months with token usage. */
export function sliceFields(ws: Workspace): { fields: SliceFieldInfo[]; months: string[] } {
  const fields: SliceFieldInfo[] = COLUMN_FIELDS.map((field) => ({ field, label: COLUMNS[field].label }));
  const keys = rows(ws, `SELECT DISTINCT t.key_id FROM charges c ${COMMITTED} JOIN tag_set_items t ON t.tag_set_id = c.Tags WHERE ${TOKEN_ROWS}`)
    .map((r) => ws.strings.valueOf(Number(r[0])))
    .filter((k): k is string => k !== null)
    .sort((a, b) => a.localeCompare(b));
  for (const k of keys) fields.push({ field: `tag:${k}`, label: `Tag: ${k}` });
  const months = rows(ws, `SELECT DISTINCT c.x_Month FROM charges c ${COMMITTED} WHERE ${TOKEN_ROWS} ORDER BY 1`).map((r) => {
    const n = Number(r[0]);
    return `${Math.floor(n / 100)}-${String(n % 100).padStart(2, '0')}`;
  });
  return { fields, months };
}

/** A field's values on token charges, most tokens first (at most 500). Models read as their catalog names. */
export function sliceValues(ws: Workspace, book: PriceBook, field: SliceField, month: string | null = null): SliceValue[] {
  const where = [TOKEN_ROWS];
  const params: number[] = [];
  if (month !== null) {
    const n = monthNumber(month);
    if (n === null) throw new EngineError('engine/internal', `"${month}" is not a month like 2026-08.`, { month });
    where.push('c.x_Month = ?');
    params.push(n);
  }
  let sql: string;
  const key = tagKey(field);
  if (isColumn(field)) {
    sql = `SELECT ${COLUMNS[field].sql} AS v, count(*), sum(c.x_Tokens) FROM charges c ${COMMITTED}
      WHERE ${where.join(' AND ')} AND v IS NOT NULL GROUP BY v ORDER BY 3 DESC LIMIT 500`;
  } else if (key !== null) {
    const keyId = stringId(ws, key);
    if (keyId === null) return [];
    sql = `SELECT t.value_id AS v, count(*), sum(c.x_Tokens) FROM charges c ${COMMITTED}
      JOIN tag_set_items t ON t.tag_set_id = c.Tags AND t.key_id = ?
      WHERE ${where.join(' AND ')} AND v IS NOT NULL GROUP BY v ORDER BY 3 DESC LIMIT 500`;
    params.unshift(keyId);
  } else throw badField(field);
  const names = new Map<string, string>();
  if (field === 'model') for (const p of book.catalog.providers) for (const m of p.models) names.set(m.id, m.name);
  return rows(ws, sql, params).map((r) => {
    const value = ws.strings.valueOf(Number(r[0])) ?? '';
    const name = names.get(value);
    return { value, label: name === undefined ? value : `${name} (${value})`, rows: Number(r[1]), tokens: Number(r[2]) };
  });
}
