/**
 * Reads provider files (and the compiled catalog) from untyped JSON, field by field, so that a
 * typo such as "cachedinput" or a price written as a number is an error with a path, not a
 * silently missing rate. Type guards only: nothing here asserts a type it has not checked.
 */
import { ALIAS_KINDS, SCOPES, TIERS, UNITS, type Alias, type AliasExample, type AliasKind, type Catalog, type Meter, type ModelEntry, type PriceRecord, type ProviderFile, type Rates, type Scope, type Tier, type Unit, type Vocabulary } from './types';

export type Issues = string[];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && list.some((x) => x === v);
const isUnit = (v: unknown): v is Unit => typeof v === 'string' && Object.hasOwn(UNITS, v);
const ALL_METERS: readonly Meter[] = [...new Set(Object.values(UNITS).flat())];

/** USD per unit: plain decimal, at most 6 decimal places (USD per 1M tokens never needs more). */
export const RATE = /^(0|[1-9]\d{0,5})(\.\d{1,6})?$/;
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MODEL_ID = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;

export function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function checkKeys(o: Json, allowed: readonly string[], where: string, issues: Issues): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) issues.push(`${where}: unknown field "${k}"`);
}

function readRates(v: unknown, unit: Unit, where: string, issues: Issues): Rates {
  const rates: Rates = {};
  if (!isObject(v)) {
    issues.push(`${where}: rates must be an object`);
    return rates;
  }
  const allowed: readonly Meter[] = UNITS[unit];
  for (const [k, r] of Object.entries(v)) {
    const meter = ALL_METERS.find((m) => m === k);
    if (meter === undefined || !allowed.includes(meter)) issues.push(`${where}: rate "${k}" is not a meter of unit "${unit}" (${allowed.join(', ')})`);
    else if (!isString(r) || !RATE.test(r)) issues.push(`${where}: rate ${k} must be a decimal string in USD (got ${JSON.stringify(r)})`);
    else rates[meter] = r;
  }
  if (Object.keys(rates).length === 0) issues.push(`${where}: no rates`);
  return rates;
}

function readPrice(v: unknown, defaultScope: Scope, where: string, issues: Issues): PriceRecord | null {
  if (!isObject(v)) {
    issues.push(`${where}: must be an object`);
    return null;
  }
  checkKeys(v, ['from', 'to', 'tier', 'scope', 'contextAbove', 'repricesWholeRequest', 'unit', 'rates', 'source', 'checked', 'note'], where, issues);
  const before = issues.length;
  if (!isDay(v.from)) issues.push(`${where}: from must be a date YYYY-MM-DD`);
  if (v.to !== null && !isDay(v.to)) issues.push(`${where}: to must be a date YYYY-MM-DD or null`);
  if (isDay(v.from) && isDay(v.to) && v.to <= v.from) issues.push(`${where}: to (${v.to}) must be after from (${v.from})`);
  const tier = v.tier ?? 'standard';
  if (!oneOf(TIERS, tier)) issues.push(`${where}: unknown tier ${JSON.stringify(v.tier)}`);
  const scope = v.scope ?? defaultScope;
  if (!oneOf(SCOPES, scope)) issues.push(`${where}: unknown scope ${JSON.stringify(v.scope)}`);
  if (!isUnit(v.unit)) issues.push(`${where}: unknown unit ${JSON.stringify(v.unit)} (${Object.keys(UNITS).join(', ')})`);
  if (v.contextAbove !== undefined && !(typeof v.contextAbove === 'number' && Number.isInteger(v.contextAbove) && v.contextAbove > 0)) issues.push(`${where}: contextAbove must be a positive whole number of tokens`);
  if (v.contextAbove !== undefined && typeof v.repricesWholeRequest !== 'boolean') issues.push(`${where}: a long-context record must say repricesWholeRequest`);
  if (v.contextAbove === undefined && v.repricesWholeRequest !== undefined) issues.push(`${where}: repricesWholeRequest needs contextAbove`);
  if (!isString(v.source) || !/^https:\/\/\S+$/.test(v.source)) issues.push(`${where}: every price needs a source URL (https://...)`);
  if (!isDay(v.checked)) issues.push(`${where}: every price needs the date it was checked (checked: YYYY-MM-DD)`);
  if (v.note !== undefined && !isString(v.note)) issues.push(`${where}: note must be text`);
  const rates = isUnit(v.unit) ? readRates(v.rates, v.unit, where, issues) : {};
  if (issues.length > before || !isDay(v.from) || !oneOf(TIERS, tier) || !oneOf(SCOPES, scope) || !isUnit(v.unit) || !isString(v.source) || !isDay(v.checked)) return null;
  const record: PriceRecord = { from: v.from, to: isDay(v.to) ? v.to : null, tier, scope, unit: v.unit, rates, source: v.source, checked: v.checked };
  if (typeof v.contextAbove === 'number') record.contextAbove = v.contextAbove;
  if (typeof v.repricesWholeRequest === 'boolean') record.repricesWholeRequest = v.repricesWholeRequest;
  if (isString(v.note)) record.note = v.note;
  return record;
}

function readExample(v: unknown, where: string, issues: Issues): AliasExample | null {
  if (isString(v)) return v;
  if (!isObject(v) || !isString(v.in)) {
    issues.push(`${where}: an example is a string or { in, meter?, tier?, scope?, region? }`);
    return null;
  }
  checkKeys(v, ['in', 'meter', 'tier', 'scope', 'region'], where, issues);
  const ex: AliasExample = { in: v.in };
  if (v.meter !== undefined) {
    if (oneOf(ALL_METERS, v.meter)) ex.meter = v.meter;
    else issues.push(`${where}: unknown meter ${JSON.stringify(v.meter)}`);
  }
  if (v.tier !== undefined) {
    if (oneOf(TIERS, v.tier)) ex.tier = v.tier;
    else issues.push(`${where}: unknown tier ${JSON.stringify(v.tier)}`);
  }
  if (v.scope !== undefined) {
    if (oneOf(SCOPES, v.scope)) ex.scope = v.scope;
    else issues.push(`${where}: unknown scope ${JSON.stringify(v.scope)}`);
  }
  if (isString(v.region)) ex.region = v.region;
  return ex;
}

const ALLOWED_GROUPS = ['meter', 'tier', 'scope', 'region'];

function readAlias(v: unknown, where: string, issues: Issues, compiled: boolean): Alias | null {
  if (!isObject(v)) {
    issues.push(`${where}: must be an object`);
    return null;
  }
  checkKeys(v, ['kind', 'exact', 'pattern', 'meter', 'tier', 'scope', 'examples'], where, issues);
  if (!oneOf(ALIAS_KINDS, v.kind)) {
    issues.push(`${where}: unknown alias kind ${JSON.stringify(v.kind)} (${ALIAS_KINDS.join(', ')})`);
    return null;
  }
  const kind: AliasKind = v.kind;
  const alias: Alias = { kind };
  if (isString(v.exact) === isString(v.pattern)) issues.push(`${where}: give exactly one of exact or pattern`);
  if (isString(v.exact)) alias.exact = v.exact;
  if (isString(v.pattern)) {
    if (!v.pattern.startsWith('^') || !v.pattern.endsWith('$')) issues.push(`${where}: pattern must be anchored with ^...$`);
    try {
      const groups = Object.keys(new RegExp(`${v.pattern}|`).exec('')?.groups ?? {});
      for (const g of groups) if (!ALLOWED_GROUPS.includes(g)) issues.push(`${where}: unknown pattern group "${g}" (${ALLOWED_GROUPS.join(', ')})`);
      alias.pattern = v.pattern;
    } catch (e) {
      issues.push(`${where}: pattern does not compile: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (v.meter !== undefined) {
    if (oneOf(ALL_METERS, v.meter)) alias.meter = v.meter;
    else issues.push(`${where}: unknown meter ${JSON.stringify(v.meter)}`);
  }
  if (v.tier !== undefined) {
    if (oneOf(TIERS, v.tier)) alias.tier = v.tier;
    else issues.push(`${where}: unknown tier ${JSON.stringify(v.tier)}`);
  }
  if (v.scope !== undefined) {
    if (oneOf(SCOPES, v.scope)) alias.scope = v.scope;
    else issues.push(`${where}: unknown scope ${JSON.stringify(v.scope)}`);
  }
  if (v.examples !== undefined) {
    if (!Array.isArray(v.examples)) issues.push(`${where}: examples must be a list`);
    else alias.examples = v.examples.map((e, i) => readExample(e, `${where} examples[${i}]`, issues)).filter((e) => e !== null);
  }
  // The compiled catalog drops examples once the build has checked them.
  if (!compiled && alias.pattern !== undefined && (alias.examples?.length ?? 0) === 0) issues.push(`${where}: a pattern needs examples of real strings it matches`);
  return alias;
}

function readModel(v: unknown, defaultScope: Scope, where: string, issues: Issues, compiled: boolean): ModelEntry | null {
  if (!isObject(v)) {
    issues.push(`${where}: must be an object`);
    return null;
  }
  checkKeys(v, ['id', 'name', 'aliases', 'prices', 'note'], where, issues);
  if (!isString(v.id) || !MODEL_ID.test(v.id)) {
    issues.push(`${where}: id must be lower-case letters, digits, dots and dashes`);
    return null;
  }
  const at = `${where} ${v.id}`;
  if (!isString(v.name) || v.name === '') issues.push(`${at}: name is required`);
  const aliases = Array.isArray(v.aliases) ? v.aliases.map((a, i) => readAlias(a, `${at} aliases[${i}]`, issues, compiled)).filter((a) => a !== null) : [];
  if (v.aliases !== undefined && !Array.isArray(v.aliases)) issues.push(`${at}: aliases must be a list`);
  if (!Array.isArray(v.prices)) issues.push(`${at}: prices must be a list`);
  // A model known by its spellings but with no price yet is allowed when the file says why; its usage stays unpriced.
  else if (v.prices.length === 0 && !isString(v.note)) issues.push(`${at}: a model without prices needs a note saying why`);
  const prices = Array.isArray(v.prices) ? v.prices.map((p, i) => readPrice(p, defaultScope, `${at} prices[${i}]`, issues)).filter((p) => p !== null) : [];
  const model: ModelEntry = { id: v.id, name: isString(v.name) ? v.name : v.id, aliases, prices };
  if (isString(v.note)) model.note = v.note;
  return model;
}

function readVocabulary(v: unknown, where: string, issues: Issues): Vocabulary | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    issues.push(`${where}: vocabulary must be an object`);
    return undefined;
  }
  checkKeys(v, ['meter', 'tier', 'scope'], where, issues);
  const vocab: Vocabulary = {};
  const table = <T extends string>(key: string, list: readonly T[]): Record<string, T> | undefined => {
    const t = v[key];
    if (t === undefined) return undefined;
    const out: Record<string, T> = {};
    if (!isObject(t)) issues.push(`${where}.${key}: must be an object`);
    else
      for (const [word, value] of Object.entries(t)) {
        if (oneOf(list, value)) out[word] = value;
        else issues.push(`${where}.${key}: "${word}" maps to unknown ${key} ${JSON.stringify(value)}`);
      }
    return out;
  };
  const meter = table<Meter>('meter', ALL_METERS);
  const tier = table<Tier>('tier', TIERS);
  const scope = table<Scope>('scope', SCOPES);
  if (meter) vocab.meter = meter;
  if (tier) vocab.tier = tier;
  if (scope) vocab.scope = scope;
  return vocab;
}

export function readProviderFile(v: unknown, where: string, issues: Issues, compiled = false): ProviderFile | null {
  if (!isObject(v)) {
    issues.push(`${where}: must be a JSON object`);
    return null;
  }
  checkKeys(v, ['provider', 'name', 'firstParty', 'defaultScope', 'pricingUrls', 'vocabulary', 'models'], where, issues);
  if (!isString(v.provider) || !MODEL_ID.test(v.provider)) {
    issues.push(`${where}: provider must be a lower-case id`);
    return null;
  }
  const defaultScope = v.defaultScope ?? 'global';
  if (!oneOf(SCOPES, defaultScope)) {
    issues.push(`${where}: unknown defaultScope ${JSON.stringify(v.defaultScope)}`);
    return null;
  }
  if (!isString(v.name)) issues.push(`${where}: name is required`);
  if (typeof v.firstParty !== 'boolean') issues.push(`${where}: firstParty must be true or false`);
  const pricingUrls = Array.isArray(v.pricingUrls) ? v.pricingUrls.filter(isString) : [];
  if (pricingUrls.length === 0) issues.push(`${where}: pricingUrls must list the provider's pricing pages`);
  if (!Array.isArray(v.models)) {
    issues.push(`${where}: models must be a list`);
    return null;
  }
  const models = v.models.map((m, i) => readModel(m, defaultScope, `${where} models[${i}]`, issues, compiled)).filter((m) => m !== null);
  const file: ProviderFile = { provider: v.provider, name: isString(v.name) ? v.name : v.provider, firstParty: v.firstParty === true, defaultScope, pricingUrls, models };
  const vocabulary = readVocabulary(v.vocabulary, `${where} vocabulary`, issues);
  if (vocabulary !== undefined) file.vocabulary = vocabulary;
  return file;
}

/** The compiled catalog, checked the same way, so the app never trusts a hand-edited catalog.json. */
export function readCatalog(v: unknown): { catalog: Catalog; issues: Issues } {
  const issues: Issues = [];
  const providers: ProviderFile[] = [];
  if (!isObject(v) || v.schemaVersion !== 1 || !Array.isArray(v.providers)) issues.push('catalog: expected { schemaVersion: 1, providers: [...] }');
  else for (const [i, p] of v.providers.entries()) {
    const file = readProviderFile(p, `catalog providers[${i}]`, issues, true);
    if (file !== null) providers.push(file);
  }
  return { catalog: { schemaVersion: 1, providers }, issues };
}
