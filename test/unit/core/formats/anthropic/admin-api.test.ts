import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { fixtureJson, fixtureText, storedCharges } from '../openai/stored-charges';

const USAGE = 'anthropic-admin-api/usage_report_messages.json';
const COSTS = 'anthropic-admin-api/cost_report.json';

type Result = Record<string, unknown>;

function results(rel: string): Result[] {
  const doc = fixtureJson(rel);
  if (typeof doc !== 'object' || doc === null || !('data' in doc) || !Array.isArray(doc.data)) throw new Error(`${rel} is not a report`);
  return doc.data.flatMap((b: { results: Result[] }) => b.results);
}

function isRecord(v: unknown): v is Result {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(r: Result, path: string): number {
  let at: unknown = r;
  for (const step of path.split('.')) at = isRecord(at) ? at[step] : undefined;
  return typeof at === 'number' ? at : 0;
}

/** Cents text as currency-unit text, by moving the point two places in the string. */
function centsToUnits(cents: string): string {
  const neg = cents.startsWith('-');
  const [int, frac = ''] = cents.replace('-', '').split('.');
  const padded = int.padStart(3, '0');
  const units = `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}${frac}`.replace(/\.?0+$/, '');
  return `${neg ? '-' : ''}${units || '0'}`;
}

const USAGE_CLASSES: [string, string][] = [
  ['uncached_input_tokens', 'input'],
  ['cache_read_input_tokens', 'cached_read'],
  ['cache_creation.ephemeral_5m_input_tokens', 'cache_write'],
  ['cache_creation.ephemeral_1h_input_tokens', 'cache_write'],
  ['output_tokens', 'output'],
];

describe('Anthropic Admin API usage report', () => {
  it('imports a usage source: one charge per token class, tokens stored, nothing in totals', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('usage_report.json', fixtureBytes(USAGE))] });
    const res = results(USAGE);
    const expected = res.flatMap((x) =>
      USAGE_CLASSES.filter(([k]) => field(x, k) > 0).map(([k, cls]) => ({ model: x.model, cls, tokens: field(x, k) })),
    );
    const searches = res.filter((x) => field(x, 'server_tool_use.web_search_requests') > 0);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('anthropic-usage-api');
    expect(r.formatLabel).toBe('Anthropic usage (Admin API)');
    expect(r.rows).toBe(expected.length + searches.length);
    expect(r.billedCost).toBe('0');
    expect(r.periodStart).toBe('2026-08-04');

    expect((await engine.call('summary/totals', { by: ['provider'] })).groups).toEqual([]);
    const stored = await storedCharges(engine);
    expect(stored.filter((c) => c.x_TokenClass !== null).map((c) => ({ model: c.x_Model, cls: c.x_TokenClass, tokens: c.tokens }))).toEqual(expected);
    expect(stored.filter((c) => c.ConsumedUnit === 'Web searches').map((c) => c.quantity)).toEqual(
      searches.map((x) => field(x, 'server_tool_use.web_search_requests')),
    );
    expect(stored.every((c) => c.sourceKind === 'usage' && c.ProviderName === 'Anthropic' && c.billed === '0')).toBe(true);
    expect(stored[0]).toMatchObject({
      start: Date.UTC(2026, 7, 4) / 1000,
      end: Date.UTC(2026, 7, 5) / 1000,
      SubAccountId: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ',
      x_ApiKey: 'apikey_01Rj2N8SVvo6BePZj99NhmiT',
      x_ServiceTier: 'standard',
    });
    // Grouped by workspace, a null workspace is the default one.
    const haiku = stored.filter((c) => c.x_Model === 'claude-haiku-4-5-20251001');
    expect(new Set(haiku.map((c) => `${c.SubAccountId}|${c.SubAccountName}|${c.x_ServiceTier}`))).toEqual(new Set(['null|Default|batch']));
    expect(new Set(stored.filter((c) => c.row === 3).map((c) => c.x_ServiceTier))).toEqual(new Set(['priority']));
  });
});

describe('Anthropic Admin API cost report', () => {
  it('imports invoiced cost with amounts converted from cents exactly', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cost_report.json', fixtureBytes(COSTS))] });
    const res = results(COSTS);
    const units = res.map((x) => centsToUnits(String(x.amount)));
    expect(units.slice(0, 3)).toEqual(['0.361035', '0.264036', '0.0768']);
    expect(units[res.length - 1]).toBe('0.000000001');
    expect(r.status).toBe('imported');
    expect(r.format).toBe('anthropic-cost-api');
    expect(r.formatLabel).toBe('Anthropic costs (Admin API)');
    expect(r.rows).toBe(res.length);
    expect(r.billedCost).toBe(exactSum(units));
    expect(r.currency).toBe('USD');

    const summary = await engine.call('summary/totals', { by: ['provider', 'model'] });
    expect(summary.billedCost).toBe(exactSum(units));
    for (const model of new Set(res.map((x) => x.model ?? null))) {
      const mine = res.map((x, k) => ({ x, u: units[k] })).filter(({ x }) => (x.model ?? null) === model);
      const group = summary.groups.find((g) => g.key.model === model);
      expect(group).toMatchObject({ key: { provider: 'Anthropic', model }, rows: mine.length, currency: 'USD' });
      expect(group?.billedCost).toBe(exactSum(mine.map((m) => m.u)));
    }
    const stored = await storedCharges(engine);
    expect(stored.map((c) => c.billed)).toEqual(units);
    expect(stored.map((c) => c.x_TokenClass)).toEqual(['input', 'cached_read', 'cache_write', 'output', null, 'input', 'output', null]);
    expect(stored.map((c) => c.ChargeDescription)).toEqual(res.map((x) => x.description));
    expect(stored[5]).toMatchObject({ SubAccountName: 'Default', x_ServiceTier: 'batch', sourceKind: 'invoice' });
  });

  it('counts only the cost report when usage and cost are both imported', async () => {
    const { engine } = await testEngine();
    const out = await engine.call('import/files', { files: [fileInput('u.json', fixtureBytes(USAGE)), fileInput('c.json', fixtureBytes(COSTS))] });
    expect(out.map((x) => x.formatLabel)).toEqual(['Anthropic usage (Admin API)', 'Anthropic costs (Admin API)']);
    const summary = await engine.call('summary/totals', { by: ['provider'] });
    expect(summary.rows).toBe(out[1].rows);
    expect(summary.billedCost).toBe(out[1].billedCost);
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(out[0].rows + out[1].rows);
  });
});

describe('Anthropic Admin API documents that cannot be imported', () => {
  it('refuses a bad amount or count, naming file, record, JSON path and value, and changes nothing', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('usage_report.json', fixtureBytes(USAGE))] });
    const before = [await engine.call('workspace/info', {}), await engine.call('import/history', {})];
    const cost = fixtureText(COSTS).replace('"amount": "7.68"', '"amount": "7.68 cents"');
    const [c] = await engine.call('import/files', { files: [fileInput('cost.json', cost)] });
    expect(c.error?.code).toBe('import/invalid-rows');
    expect(c.error?.details.problems).toEqual([
      expect.objectContaining({ file: 'cost.json', row: 3, column: 'data[0].results[2].amount', value: '7.68 cents' }),
    ]);
    const usage = fixtureText(USAGE).replace('"ending_at": "2026-08-06T00:00:00Z"', '"ending_at": "yesterday"').replace('"cache_read_input_tokens": 0', '"cache_read_input_tokens": -4');
    const [u] = await engine.call('import/files', { files: [fileInput('usage.json', usage)] });
    expect(u.error?.details.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'data[0].results[1].cache_read_input_tokens', value: '-4' }),
      expect.objectContaining({ row: 3, column: 'data[1].ending_at', value: 'yesterday' }),
    ]);
    expect([await engine.call('workspace/info', {}), await engine.call('import/history', {})]).toEqual(before);
  });

  it('reports malformed JSON and does not claim JSON of another shape', async () => {
    const { engine } = await testEngine();
    const [bad] = await engine.call('import/files', { files: [fileInput('cost.json', fixtureText(COSTS).replace('"currency": "USD",', '"currency": USD,'))] });
    expect(bad.error?.code).toBe('import/invalid-json');
    // The Claude Code usage report: data rows without time buckets.
    const claudeCode = JSON.stringify({
      data: [{ date: '2026-08-04', actor: { type: 'user_actor', email_address: 'a@example.com' }, core_metrics: { num_sessions: 3 } }],
      has_more: false,
      next_page: null,
    });
    const [other] = await engine.call('import/files', { files: [fileInput('claude_code.json', claudeCode)] });
    expect(other.error?.code).toBe('import/unrecognized-format');
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });
});
