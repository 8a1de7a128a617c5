import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { fixtureText, storedCharges } from '../openai/stored-charges';

const USAGE = 'anthropic-console-csv/usage_export_2026.csv';
const COST_2026 = 'anthropic-console-csv/cost_export_2026.csv';
const COST_2024 = 'anthropic-console-csv/cost_export_2024_v1.csv';
const FOCUS = 'focus-1.0-sample/focus_sample_subset200.csv';

function records(rel: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fixtureText(rel), { header: true, skipEmptyLines: true }).data;
}

/** Token columns of the usage export and the class each one is, per formats.md §10. */
const USAGE_CLASSES: [string, string][] = [
  ['usage_input_tokens_no_cache', 'input'],
  ['usage_input_tokens_cache_read', 'cached_read'],
  ['usage_input_tokens_cache_write_5m', 'cache_write'],
  ['usage_input_tokens_cache_write_1h', 'cache_write'],
  ['usage_output_tokens', 'output'],
];

const COST_CLASSES: Record<string, string> = {
  input_no_cache: 'input',
  input_cache_read: 'cached_read',
  input_cache_write_5m: 'cache_write',
  input_cache_write_1h: 'cache_write',
  output: 'output',
};

describe('Anthropic Console usage export', () => {
  it('imports a usage source with one charge per token class and web searches, none of it in totals', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('usage_export_2026.csv', fixtureBytes(USAGE))] });
    const rows = records(USAGE);
    const expected = rows.flatMap((x) =>
      USAGE_CLASSES.filter(([col]) => Number(x[col]) > 0).map(([col, cls]) => ({ model: x.model_version, cls, tokens: Number(x[col]) })),
    );
    const searches = rows.filter((x) => Number(x.web_search_count) > 0);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('anthropic-console-usage');
    expect(r.formatLabel).toBe('Anthropic usage export (Console)');
    expect(r.rows).toBe(expected.length + searches.length);
    expect(r.billedCost).toBe('0');
    expect(r.periodStart).toBe('2026-08-04');
    expect(r.periodEnd).toBe('2026-08-05');

    const summary = await engine.call('summary/totals', { by: ['provider', 'model'] });
    expect(summary.rows).toBe(0);
    expect(summary.groups).toEqual([]);

    const stored = await storedCharges(engine);
    const tokenLines = stored.filter((c) => c.x_TokenClass !== null);
    expect(tokenLines.map((c) => ({ model: c.x_Model, cls: c.x_TokenClass, tokens: c.tokens }))).toEqual(expected);
    const searchLines = stored.filter((c) => c.ConsumedUnit === 'Web searches');
    expect(searchLines.map((c) => c.quantity)).toEqual(searches.map((x) => Number(x.web_search_count)));
    expect(stored.every((c) => c.sourceKind === 'usage' && c.ProviderName === 'Anthropic' && c.ServiceName === 'Claude API')).toBe(true);
    // A UTC day: from midnight to the next.
    expect(stored[0]).toMatchObject({ start: Date.UTC(2026, 7, 4) / 1000, end: Date.UTC(2026, 7, 5) / 1000, row: 2 });
    const haiku = stored.filter((c) => c.x_Model === 'claude-haiku-4-5-20251001');
    expect(new Set(haiku.map((c) => `${c.x_ServiceTier}|${c.SubAccountName}|${c.x_ApiKey}`))).toEqual(new Set(['batch|Data Science|batch-jobs']));
    // The ≤ of the context window survives UTF-8 decoding.
    expect(stored[0].ChargeDescription).toContain('≤ 200k');
  });

  it('reads the older single cache-write column', async () => {
    const { engine } = await testEngine();
    const csv =
      'usage_date_utc,model_version,api_key,workspace,usage_type,usage_input_tokens_no_cache,usage_input_tokens_cache_write,usage_input_tokens_cache_read,usage_output_tokens,web_search_count\n' +
      '2025-03-02,claude-3-7-sonnet-20250219,ci-key,,standard,1000,300,0,200,0\n';
    const [r] = await engine.call('import/files', { files: [fileInput('usage_2025.csv', csv)] });
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(3);
    const stored = await storedCharges(engine);
    expect(stored.map((c) => [c.x_TokenClass, c.tokens])).toEqual([['input', 1000], ['cache_write', 300], ['output', 200]]);
    expect(stored[0].SubAccountName).toBe('Default');
  });
});

describe('Anthropic Console cost exports', () => {
  it('imports the 2026 layout: billed and list cost, model, workspace and token class', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cost_export_2026.csv', fixtureBytes(COST_2026))] });
    const rows = records(COST_2026);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('anthropic-console-cost');
    expect(r.formatLabel).toBe('Anthropic cost export (Console, 2026 layout)');
    expect(r.rows).toBe(rows.length);
    expect(r.billedCost).toBe(exactSum(rows.map((x) => x.cost_usd)));
    expect(r.currency).toBe('USD');

    const summary = await engine.call('summary/totals', { by: ['provider', 'service', 'model'] });
    expect(summary.billedCost).toBe(exactSum(rows.map((x) => x.cost_usd)));
    expect(summary.listCost).toBe(exactSum(rows.map((x) => x.list_price_usd)));
    for (const model of new Set(rows.map((x) => x.model))) {
      const mine = rows.filter((x) => x.model === model);
      const group = summary.groups.find((g) => g.key.model === model);
      expect(group).toMatchObject({ key: { provider: 'Anthropic', service: 'Claude API', model }, rows: mine.length });
      expect(group?.billedCost).toBe(exactSum(mine.map((x) => x.cost_usd)));
      expect(group?.listCost).toBe(exactSum(mine.map((x) => x.list_price_usd)));
    }
    const bySub = await engine.call('summary/totals', { by: ['subAccount'] });
    expect(bySub.groups.map((g) => [g.key.subAccount, g.billedCost])).toEqual(
      [...new Set(rows.map((x) => x.workspace))].sort().map((w) => [w, exactSum(rows.filter((x) => x.workspace === w).map((x) => x.cost_usd))]),
    );
    const stored = await storedCharges(engine);
    expect(stored.map((c) => c.x_TokenClass)).toEqual(rows.map((x) => COST_CLASSES[x.token_type]));
    expect(stored.map((c) => c.tokens)).toEqual(rows.map(() => null));
    expect(stored.every((c) => c.sourceKind === 'invoice')).toBe(true);
  });

  it('imports the 2024 layout, taking cost_usd as list cost and an empty workspace as the default one', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cost_export_2024_v1.csv', fixtureBytes(COST_2024))] });
    const rows = records(COST_2024);
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('Anthropic cost export (Console, 2024 layout)');
    expect(r.rows).toBe(rows.length);
    expect(r.billedCost).toBe(exactSum(rows.map((x) => x.cost_usd)));
    expect(r.warnings.join(' ')).toMatch(/no list_price_usd column/);
    const summary = await engine.call('summary/totals', { by: ['subAccount', 'model'] });
    expect(summary.groups).toEqual([
      {
        key: { subAccount: 'Default', model: 'Claude 3.5 Sonnet 2024-10-22' },
        rows: 2,
        billedCost: exactSum(rows.map((x) => x.cost_usd)),
        effectiveCost: exactSum(rows.map((x) => x.cost_usd)),
        listCost: exactSum(rows.map((x) => x.cost_usd)),
        currency: 'USD',
      },
    ]);
    const stored = await storedCharges(engine);
    expect(stored.map((c) => [c.x_TokenClass, c.x_ApiKey])).toEqual(rows.map((x) => [COST_CLASSES[x.token_type], x.api_key]));
  });

  it('tells the 2025 layout from its columns', async () => {
    const { engine } = await testEngine();
    const csv =
      'usage_date_utc,model,workspace,api_key,usage_type,context_window,token_type,cost_usd,cost_type\n' +
      '2025-06-01,Claude Opus 4,Research,lab-key,message,≤ 200k,output,4.125,token\n';
    const [r] = await engine.call('import/files', { files: [fileInput('cost_2025.csv', csv)] });
    expect(r.formatLabel).toBe('Anthropic cost export (Console, 2025 layout)');
    expect(r.billedCost).toBe('4.125');
  });

  it('refuses rows with bad values, naming file, line, column and value, and changes nothing', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('good.csv', fixtureBytes(COST_2024))] });
    const before = [await engine.call('workspace/info', {}), await engine.call('import/history', {}), await engine.call('summary/totals', { by: ['model'] })];
    const cost = fixtureText(COST_2026).split('\n');
    cost[2] = cost[2].replace(',0.08,0.08,', ',"0,08",0.08,');
    cost[4] = cost[4].replace('2026-08-04', '08/04/2026');
    const [c] = await engine.call('import/files', { files: [fileInput('cost.csv', cost.join('\n'))] });
    expect(c.error?.code).toBe('import/invalid-rows');
    expect(c.error?.details.problems).toEqual([
      expect.objectContaining({ file: 'cost.csv', row: 3, column: 'cost_usd', value: '0,08' }),
      expect.objectContaining({ file: 'cost.csv', row: 5, column: 'usage_date_utc', value: '08/04/2026' }),
    ]);
    const usage = fixtureText(USAGE).replace(',120345,', ',120345.5,');
    const [u] = await engine.call('import/files', { files: [fileInput('usage.csv', usage)] });
    expect(u.error?.details.problems).toEqual([
      expect.objectContaining({ file: 'usage.csv', row: 2, column: 'usage_input_tokens_no_cache', value: '120345.5', expected: 'a whole number' }),
    ]);
    expect([await engine.call('workspace/info', {}), await engine.call('import/history', {}), await engine.call('summary/totals', { by: ['model'] })]).toEqual(before);
  });

  it('is told from the header: usage and cost apart, a missing column named, FOCUS files stay FOCUS', async () => {
    const { engine } = await testEngine();
    const [missing] = await engine.call('import/files', {
      files: [fileInput('usage.csv', 'usage_date_utc,api_key,usage_input_tokens_no_cache,usage_output_tokens\n2026-08-04,k,1,2\n')],
    });
    expect(missing.error?.code).toBe('import/missing-columns');
    expect(missing.error?.details.missing).toEqual(['model_version']);
    const [focus] = await engine.call('import/files', { files: [fileInput('focus.csv', fixtureBytes(FOCUS))] });
    expect(focus.formatLabel).toBe('FOCUS 1.0');
    const focusWithExtras =
      'ChargePeriodStart,BilledCost,ProviderName,usage_date_utc,model,token_type,cost_usd\n' +
      '2026-08-04T00:00:00Z,0.36,Anthropic,2026-08-04,Claude Sonnet 4.5,input_no_cache,0.36\n';
    const [extras] = await engine.call('import/files', { files: [fileInput('focus-extras.csv', focusWithExtras)] });
    expect(extras.format).toBe('focus');
  });
});
