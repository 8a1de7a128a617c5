import type { PriceMeter, PriceOverride, PriceOverrideInput } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import type { Workspace } from '../db/workspace';
import { parseDecimal } from '../money/decimal';
import type { PriceBook } from './resolve';
import { TOKEN_METERS } from './types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PLAIN = /^\d+(\.\d+)?$/;
const COLUMNS = 'id, provider, model, meter, kind, discount_percent, rates, valid_from, valid_to, note, created_at';

function invalid(field: string, message: string): EngineError {
  return new EngineError('pricing/invalid-override', message, { field });
}

function isDay(text: string): boolean {
  return DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

const isMeter = (m: string): m is PriceMeter => (TOKEN_METERS as readonly string[]).includes(m);

/** Refuses an override the pricing could not apply as the analyst meant it. */
export function validateOverride(book: PriceBook, o: PriceOverrideInput): void {
  if (!book.providerIds().includes(o.provider)) throw invalid('provider', `"${o.provider}" is not a provider of the price catalog.`);
  if (o.model !== null && !book.catalog.providers.some((p) => p.provider === o.provider && p.models.some((m) => m.id === o.model))) {
    throw invalid('model', `"${o.model}" is not a model the catalog lists at ${o.provider}.`);
  }
  if (o.meter !== null && !isMeter(o.meter)) throw invalid('meter', `"${String(o.meter)}" is not a token meter.`);
  if (!isDay(o.from)) throw invalid('from', `The start date "${o.from}" is not a date like 2026-01-31.`);
  if (o.to !== null && (!isDay(o.to) || o.to <= o.from)) throw invalid('to', `The end date "${o.to}" must be a date after the start date.`);
  if (o.kind === 'discount') {
    const pct = o.discountPercent ?? '';
    const pico = PLAIN.test(pct) ? parseDecimal(pct) : null;
    if (pico === null || pico > 100n * 10n ** 12n) throw invalid('discountPercent', `The discount "${pct}" must be a percent from 0 to 100, such as 12.5.`);
  } else if (o.kind === 'rates') {
    const entries = Object.entries(o.rates ?? {});
    if (entries.length === 0) throw invalid('rates', 'Explicit rates need at least one rate per 1M tokens.');
    for (const [meter, rate] of entries) {
      if (!isMeter(meter)) throw invalid('rates', `"${meter}" is not a token meter.`);
      if (typeof rate !== 'string' || !PLAIN.test(rate) || parseDecimal(rate) === null) {
        throw invalid('rates', `The ${meter} rate "${String(rate)}" must be a plain decimal in USD per 1M tokens, such as 2.50.`);
      }
    }
    if (o.meter !== null && o.rates?.[o.meter] === undefined) throw invalid('rates', `The override is for ${o.meter} but gives no ${o.meter} rate.`);
  } else {
    throw invalid('kind', 'An override is a discount or explicit rates.');
  }
}

function toOverride(r: unknown[]): PriceOverride {
  const [id, provider, model, meter, kind, pct, rates, from, to, note, createdAt] = r;
  return {
    id: Number(id),
    provider: String(provider),
    model: model === null ? null : String(model),
    meter: meter === null ? null : (String(meter) as PriceMeter),
    kind: kind === 'rates' ? 'rates' : 'discount',
    discountPercent: pct === null ? null : String(pct),
    rates: rates === null ? null : (JSON.parse(String(rates)) as Partial<Record<PriceMeter, string>>),
    from: String(from),
    to: to === null ? null : String(to),
    note: note === null ? null : String(note),
    createdAt: String(createdAt),
  };
}

export function listOverrides(ws: Workspace): PriceOverride[] {
  const r = ws.db.exec(`SELECT ${COLUMNS} FROM price_overrides ORDER BY provider, model, meter, valid_from, id`);
  return r.length ? r[0].values.map(toOverride) : [];
}

function log(ws: Workspace, o: PriceOverride, action: 'create' | 'update' | 'delete', at: string): void {
  ws.db.run('INSERT INTO price_override_log (override_id, action, data, at) VALUES (?, ?, ?, ?)', [o.id, action, JSON.stringify(o), at]);
}

/** Creates or changes an override, inside the caller's transaction, and logs it. */
export function saveOverride(ws: Workspace, book: PriceBook, input: PriceOverrideInput, now: string): PriceOverride {
  validateOverride(book, input);
  const discount = input.kind === 'discount' ? input.discountPercent : null;
  const rates = input.kind === 'rates' ? JSON.stringify(input.rates) : null;
  const values = [input.provider, input.model, input.meter, input.kind, discount, rates, input.from, input.to, input.note ?? null];
  let id: number;
  if (input.id !== undefined) {
    if (!ws.db.exec('SELECT 1 FROM price_overrides WHERE id = ?', [input.id]).length) throw invalid('id', `There is no price override #${input.id}.`);
    ws.db.run(
      `UPDATE price_overrides SET provider = ?, model = ?, meter = ?, kind = ?, discount_percent = ?, rates = ?,
         valid_from = ?, valid_to = ?, note = ? WHERE id = ?`,
      [...values, input.id],
    );
    id = input.id;
  } else {
    id = Number(
      ws.db.exec(
        `INSERT INTO price_overrides (provider, model, meter, kind, discount_percent, rates, valid_from, valid_to, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [...values, now],
      )[0].values[0][0],
    );
  }
  const saved = toOverride(ws.db.exec(`SELECT ${COLUMNS} FROM price_overrides WHERE id = ?`, [id])[0].values[0]);
  log(ws, saved, input.id === undefined ? 'create' : 'update', now);
  return saved;
}

export function deleteOverride(ws: Workspace, id: number, now: string): void {
  const r = ws.db.exec(`SELECT ${COLUMNS} FROM price_overrides WHERE id = ?`, [id]);
  if (!r.length) throw invalid('id', `There is no price override #${id}.`);
  log(ws, toOverride(r[0].values[0]), 'delete', now);
  ws.db.run('DELETE FROM price_overrides WHERE id = ?', [id]);
}

/**
 * The override that prices a model's meter on a day: the most specific one (model and meter over
 * model over meter over the whole provider), the newest among equals. Explicit rates only count
 * when they name the meter.
 */
export function overrideFor(overrides: PriceOverride[], provider: string, model: string, meter: PriceMeter, day: string): PriceOverride | null {
  let best: PriceOverride | null = null;
  let bestScore = -1;
  for (const o of overrides) {
    if (o.provider !== provider || (o.model !== null && o.model !== model) || (o.meter !== null && o.meter !== meter)) continue;
    if (day < o.from || (o.to !== null && day >= o.to)) continue;
    if (o.kind === 'rates' && o.rates?.[meter] === undefined) continue;
    const score = (o.model !== null ? 2 : 0) + (o.meter !== null ? 1 : 0);
    if (score > bestScore || (score === bestScore && best !== null && o.id > best.id)) {
      best = o;
      bestScore = score;
    }
  }
  return best;
}
