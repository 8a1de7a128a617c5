import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { fixtureJson, fixtureText, storedCharges } from './stored-charges';

const COMPLETIONS = 'openai-admin-api/usage_completions_example.json';
const EMBEDDINGS = 'openai-admin-api/usage_embeddings_example.json';
const COSTS = 'openai-admin-api/costs_example.json';
const GROUPED_USAGE = 'openai-admin-api-grouped/usage_completions_grouped.json';
const LINE_ITEM_COSTS = 'openai-admin-api-grouped/costs_by_line_item.json';

type Result = Record<string, unknown>;
type Page = { data: { start_time: number; end_time: number; results: Result[] }[] };

function page(rel: string): Page {
  const doc = fixtureJson(rel);
  if (typeof doc !== 'object' || doc === null || !('data' in doc) || !Array.isArray(doc.data)) throw new Error(`${rel} is not a page`);
  return { data: doc.data };
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** The token lines a completions result should give, computed here from the documented rule. */
function expectedLines(r: Result): { cls: string; tokens: number }[] {
  const cached = num(r.input_cached_tokens);
  const write = num(r.input_cache_write_tokens);
  const uncached = typeof r.input_uncached_tokens === 'number' ? r.input_uncached_tokens : num(r.input_tokens) - cached - write;
  return [
    { cls: 'input', tokens: uncached },
    { cls: 'cached_read', tokens: cached },
    { cls: 'cache_write', tokens: write },
    { cls: 'output', tokens: num(r.output_tokens) },
  ].filter((l) => l.tokens > 0);
}

/** The amounts exactly as the document writes them (its text, not the parsed floats). */
function amountTexts(rel: string): string[] {
  return [...fixtureText(rel).matchAll(/"value":\s*(-?[0-9.]+(?:[eE][-+]?\d+)?)/g)].map((m) => plainDecimal(m[1]));
}

/** "2.5e-7" as "0.00000025", by moving the point in the text. */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!m) throw new Error(text);
  const [, sign, int, frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  return `${sign}${padded.slice(0, at)}.${padded.slice(at) || '0'}`;
}

async function workspaceState(engine: Awaited<ReturnType<typeof testEngine>>['engine']) {
  return {
    info: await engine.call('workspace/info', {}),
    history: await engine.call('import/history', {}),
    summary: await engine.call('summary/totals', { by: ['provider', 'model'] }),
  };
}

describe('OpenAI Admin API usage pages', () => {
  it('imports the completions example as a usage source: one charge per token class, not in totals', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('usage_completions_example.json', fixtureBytes(COMPLETIONS))] });
    const result = page(COMPLETIONS).data[0].results[0];
    const lines = expectedLines(result);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('openai-usage-api');
    expect(r.formatLabel).toBe('OpenAI usage (Admin API)');
    expect(r.rows).toBe(lines.length);
    expect(r.rows).toBe(4);
    expect(r.billedCost).toBe('0');
    expect(r.periodStart).toBe('2024-11-01');
    expect(r.warnings.join(' ')).toMatch(/usage report/);

    const summary = await engine.call('summary/totals', { by: ['provider'] });
    expect(summary.rows).toBe(0);
    expect(summary.billedCost).toBe('0');
    expect(summary.groups).toEqual([]);

    const stored = await storedCharges(engine);
    expect(stored.map((c) => ({ cls: c.x_TokenClass, tokens: c.tokens }))).toEqual(lines);
    expect(stored.every((c) => c.sourceKind === 'usage' && c.ProviderName === 'OpenAI' && c.ServiceName === 'OpenAI API')).toBe(true);
    expect(stored.every((c) => c.start === 1730419200 && c.end === 1730505600 && c.row === 1 && c.billed === '0')).toBe(true);
    // Requests are counted once per record, on its input line.
    expect(stored.map((c) => c.requests)).toEqual([result.num_model_requests, null, null, null]);
  });

  it('imports the embeddings example: input tokens and requests', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('usage_embeddings_example.json', fixtureBytes(EMBEDDINGS))] });
    const result = page(EMBEDDINGS).data[0].results[0];
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('OpenAI usage (Admin API)');
    expect(r.rows).toBe(1);
    const [c] = await storedCharges(engine);
    expect(c).toMatchObject({ x_TokenClass: 'input', tokens: result.input_tokens, requests: result.num_model_requests, ChargeCategory: 'Usage' });
  });

  it('keeps model, project, user, key and service tier of a grouped page', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('usage.json', fixtureBytes(GROUPED_USAGE))] });
    const results = page(GROUPED_USAGE).data.flatMap((b) => b.results);
    const expected = results.flatMap((res) =>
      expectedLines(res).map((l) => ({ model: res.model, cls: l.cls, tokens: l.tokens, project: res.project_id, key: res.api_key_id })),
    );
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(expected.length);
    const stored = await storedCharges(engine);
    expect(stored.map((c) => ({ model: c.x_Model, cls: c.x_TokenClass, tokens: c.tokens, project: c.x_Project, key: c.x_ApiKey }))).toEqual(expected);
    // Older result shape: uncached input is input_tokens − input_cached_tokens.
    expect(stored.find((c) => c.x_Model === 'gpt-4o-mini-2024-07-18' && c.x_TokenClass === 'input')?.tokens).toBe(5_000_000);
    expect(new Set(stored.filter((c) => c.x_Model === 'gpt-4o-mini-2024-07-18').map((c) => c.x_ServiceTier))).toEqual(new Set(['batch']));
    expect(new Set(stored.filter((c) => c.x_Model === 'gpt-4o-2024-08-06').map((c) => c.x_ServiceTier))).toEqual(new Set(['standard']));
    expect(new Set(stored.filter((c) => c.x_Model === 'gpt-5-2025-08-07').map((c) => c.x_ServiceTier))).toEqual(new Set(['flex']));
    expect(stored.find((c) => c.x_Model === 'gpt-4o-2024-08-06')).toMatchObject({ x_User: 'user-ana01', SubAccountId: 'proj_search01' });
    // Record numbers run over the whole document (the empty bucket holds none).
    expect([...new Set(stored.map((c) => c.row))]).toEqual([1, 2, 3]);
    const requests = stored.reduce((n, c) => n + (c.requests ?? 0), 0);
    expect(requests).toBe(results.reduce((n, res) => n + num(res.num_model_requests), 0));
    expect((await engine.call('summary/totals', { by: ['model'] })).groups).toEqual([]);
  });
  it('keeps the other endpoints’ counts with their units (images, speech, transcription, sessions, storage)', async () => {
    const { engine } = await testEngine();
    const bucket = (results: Result[]) => ({ object: 'bucket', start_time: 1790812800, end_time: 1790899200, results });
    const doc = {
      object: 'page',
      data: [
        bucket([
          { object: 'organization.usage.images.result', images: 12, num_model_requests: 10, source: 'image.generation', size: '1024x1024', model: 'dall-e-3', project_id: 'proj_art' },
          { object: 'organization.usage.audio_speeches.result', characters: 45000, num_model_requests: 30, model: 'tts-1' },
          { object: 'organization.usage.audio_transcriptions.result', seconds: 3600, num_model_requests: 4, model: 'whisper-1' },
          { object: 'organization.usage.code_interpreter_sessions.result', sessions: 3, project_id: 'proj_art' },
          { object: 'organization.usage.vector_stores.result', usage_bytes: 1048576, project_id: 'proj_art' },
          { object: 'organization.usage.moderations.result', input_tokens: 800, num_model_requests: 8, model: 'omni-moderation-latest' },
        ]),
      ],
      has_more: false,
      next_page: null,
    };
    const [r] = await engine.call('import/files', { files: [fileInput('other-usage.json', JSON.stringify(doc))] });
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('OpenAI usage (Admin API)');
    const stored = await storedCharges(engine);
    expect(stored.map((c) => [c.ConsumedUnit, c.quantity, c.requests, c.x_TokenClass, c.tokens])).toEqual([
      ['Images', 12, 10, null, null],
      ['Characters', 45000, 30, null, null],
      ['Seconds', 3600, 4, null, null],
      ['Sessions', 3, null, null, null],
      ['Bytes', 1048576, null, null, null],
      ['Tokens', 800, 8, 'input', 800],
    ]);
    expect(stored[0]).toMatchObject({ x_Model: 'dall-e-3', x_Project: 'proj_art', ChargeDescription: 'images: image.generation: 1024x1024' });
  });
});

describe('OpenAI Admin API cost pages', () => {
  it('imports the costs example as invoiced cost with the currency upper-cased', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('costs_example.json', fixtureBytes(COSTS))] });
    expect(r.status).toBe('imported');
    expect(r.format).toBe('openai-costs-api');
    expect(r.formatLabel).toBe('OpenAI costs (Admin API)');
    expect(r.rows).toBe(1);
    expect(r.billedCost).toBe(exactSum(amountTexts(COSTS)));
    expect(r.billedCost).toBe('0.06');
    expect(r.currency).toBe('USD');
    const summary = await engine.call('summary/totals', { by: ['provider', 'service'] });
    expect(summary.groups).toEqual([
      { key: { provider: 'OpenAI', service: 'OpenAI API' }, rows: 1, billedCost: '0.06', effectiveCost: '0.06', listCost: '0.06', currency: 'USD' },
    ]);
  });

  it('takes every amount exactly and reads model and token class from the line item', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('costs.json', fixtureBytes(LINE_ITEM_COSTS))] });
    const results = page(LINE_ITEM_COSTS).data.flatMap((b) => b.results);
    const amounts = amountTexts(LINE_ITEM_COSTS);
    expect(amounts).toEqual(['0.1', '0.2', '0.24511', '12.345678901234', '0.00000025', '-1.5']);
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(results.length);
    expect(r.billedCost).toBe(exactSum(amounts));
    // Floats would say 0.30000000000000004 for the first two.
    const summary = await engine.call('summary/totals', { by: ['model'] });
    expect(summary.billedCost).toBe(exactSum(amounts));
    const byModel = (m: string | null) => summary.groups.find((g) => g.key.model === m)?.billedCost;
    expect(byModel('gpt-4o-2024-08-06')).toBe(exactSum(amounts.slice(0, 3)));
    expect(byModel('gpt-4o-mini-2024-07-18')).toBe('12.345678901234');
    expect(byModel(null)).toBe(exactSum(amounts.slice(4)));

    const stored = await storedCharges(engine);
    expect(stored.map((c) => [c.x_Model, c.x_TokenClass])).toEqual([
      ['gpt-4o-2024-08-06', 'input'],
      ['gpt-4o-2024-08-06', 'cached_read'],
      ['gpt-4o-2024-08-06', 'output'],
      ['gpt-4o-mini-2024-07-18', 'input'],
      [null, null],
      [null, null],
    ]);
    expect(stored.map((c) => c.billed)).toEqual(amounts);
    expect(stored.map((c) => c.SkuMeter)).toEqual(results.map((x) => x.line_item));
    expect(stored[0].tokens).toBe(40_000); // quantity_unit tokens
    expect(stored[1].tokens).toBe(160_000); // quantity_unit 1000_tokens
    expect(stored[3].x_ServiceTier).toBe('batch');
    expect(stored[5].ChargeCategory).toBe('Credit');
    expect(stored[0]).toMatchObject({ SubAccountId: 'proj_search01', x_Project: 'proj_search01', sourceKind: 'invoice', BillingCurrency: 'USD' });
  });

  it('counts only the costs page when usage and costs are both imported', async () => {
    const { engine } = await testEngine();
    const results = await engine.call('import/files', {
      files: [fileInput('usage.json', fixtureBytes(GROUPED_USAGE)), fileInput('costs.json', fixtureBytes(LINE_ITEM_COSTS))],
    });
    expect(results.map((x) => x.status)).toEqual(['imported', 'imported']);
    const summary = await engine.call('summary/totals', { by: ['provider'] });
    expect(summary.billedCost).toBe(exactSum(amountTexts(LINE_ITEM_COSTS)));
    expect(summary.rows).toBe(results[1].rows);
    // The usage rows are stored all the same, with their tokens.
    const stored = await storedCharges(engine);
    expect(stored.filter((c) => c.sourceKind === 'usage').length).toBe(results[0].rows);
  });
});

describe('OpenAI Admin API documents that cannot be imported', () => {
  it('refuses a page with a bad amount, naming file, record, JSON path and value, and changes nothing', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('costs_example.json', fixtureBytes(COSTS))] });
    const before = await workspaceState(engine);
    const broken = fixtureText(LINE_ITEM_COSTS).replace('"value": 0.2,', '"value": "12$",');
    const [r] = await engine.call('import/files', { files: [fileInput('broken.json', broken)] });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('import/invalid-rows');
    expect(r.error?.details.problems?.[0]).toMatchObject({
      file: 'broken.json',
      row: 2,
      column: 'data[0].results[1].amount.value',
      value: '12$',
    });
    expect(r.error?.details.problems?.[0].expected).toMatch(/decimal/);
    expect(await workspaceState(engine)).toEqual(before);
  });

  it('refuses usage with token counts that are not whole numbers or do not add up', async () => {
    const { engine } = await testEngine();
    const text = fixtureText(GROUPED_USAGE)
      .replace('"output_tokens": 410000', '"output_tokens": "410k"')
      .replace('"input_tokens": 9000,', '"input_tokens": 10,')
      .replace('"input_uncached_tokens": 5928,', '');
    const [r] = await engine.call('import/files', { files: [fileInput('usage.json', text)] });
    expect(r.error?.code).toBe('import/invalid-rows');
    expect(r.error?.details.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'data[0].results[1].output_tokens', value: '410k' }),
      expect.objectContaining({ row: 3, column: 'data[2].results[0].input_tokens', value: '10' }),
    ]);
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });

  it('reports malformed JSON and does not claim JSON of another shape', async () => {
    const { engine } = await testEngine();
    const truncated = fixtureText(COSTS).slice(0, 200);
    const [bad] = await engine.call('import/files', { files: [fileInput('costs.json', truncated)] });
    expect(bad.error?.code).toBe('import/invalid-json');
    const other = JSON.stringify({ object: 'list', data: [{ object: 'model', id: 'gpt-4o', created: 1715367049, owned_by: 'system' }] });
    const [list] = await engine.call('import/files', { files: [fileInput('models.json', other)] });
    expect(list.error?.code).toBe('import/unrecognized-format');
    const bucketsOfSomethingElse = JSON.stringify({ object: 'page', data: [{ object: 'bucket', start_time: 1, end_time: 2, results: [{ object: 'organization.audit_log' }] }] });
    const [audit] = await engine.call('import/files', { files: [fileInput('audit.json', bucketsOfSomethingElse)] });
    expect(audit.error?.code).toBe('import/unrecognized-format');
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });
});
