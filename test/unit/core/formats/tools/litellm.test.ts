import { describe, expect, it } from 'vitest';
import { exactSum, testEngine } from '../../../helpers/engine';
import {
  expectOutOfTotals, fixtureRecords, fixtureText, importFixture, importText, lineOf, snapshot, storedCharges, total, unixSeconds,
  type Stored,
} from './tools-helpers';

const SPENDLOGS = 'litellm-spendlogs/spendlogs_export.csv';
const OLDER = 'litellm-spendlogs-variants/spendlogs_older_proxy.csv';
const TEAM = 'litellm-daily-spend/daily_team_spend.csv';
const TAGS = 'litellm-daily-spend/daily_tag_spend.csv';

const PROVIDERS: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', azure: 'Microsoft', bedrock: 'AWS', vertex_ai: 'Google Cloud' };

type Usage = { prompt_tokens_details?: { cached_tokens?: number }; cache_creation_input_tokens?: number };

/** Token classes of one SpendLogs record, worked out here from the documented LiteLLM usage shape. */
function expectedClasses(rec: Record<string, string>): [string, number][] {
  const usage: Usage = rec.metadata ? (JSON.parse(rec.metadata).usage_object ?? {}) : {};
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const write = usage.cache_creation_input_tokens ?? 0;
  const lines: [string, number][] = [['input', Number(rec.prompt_tokens) - cached - write]];
  if (cached) lines.push(['cached_read', cached]);
  if (write) lines.push(['cache_write', write]);
  if (Number(rec.completion_tokens)) lines.push(['output', Number(rec.completion_tokens)]);
  return lines;
}

function linesOf(stored: Stored[], line: number): Stored[] {
  return stored.filter((s) => s.row === line);
}

describe('LiteLLM spend logs', () => {
  it('imports the shared SpendLogs dump as usage: spend on each input line, tokens per class', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(SPENDLOGS);
    const r = await importFixture(engine, SPENDLOGS);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('litellm-spendlogs');
    expect(r.formatLabel).toBe('LiteLLM spend logs');
    expect(r.sourceKind).toBe('usage');
    expect(r.billedCost).toBe(exactSum(records.map((x) => x.spend)));
    expect(r.currency).toBe('USD');
    expect(r.periodStart).toBe('2026-08-04');

    const stored = await storedCharges(engine);
    expect(r.rows).toBe(records.reduce((n, rec) => n + expectedClasses(rec).length, 0));
    records.forEach((rec, k) => {
      const mine = linesOf(stored, lineOf(k));
      expect(mine.map((s) => [s.x_TokenClass, s.tokens])).toEqual(expectedClasses(rec));
      expect(total(mine, (s) => s.tokens)).toBe(Number(rec.total_tokens));
      expect(mine[0]).toMatchObject({ billed: rec.spend, effective: rec.spend, list: rec.spend, requests: 1 });
      expect(mine.slice(1).every((s) => s.billed === '0' && s.requests === null)).toBe(true);
      for (const s of mine) {
        expect(s).toMatchObject({
          ProviderName: PROVIDERS[rec.custom_llm_provider],
          x_Model: rec.model.replace(/^azure\//, ''),
          x_ApiKey: rec.api_key,
          x_User: rec.user,
          SubAccountId: rec.team_id,
          InvoiceIssuerName: 'LiteLLM proxy',
          BillingCurrency: 'USD',
          ChargeCategory: 'Usage',
          ConsumedUnit: 'Tokens',
          sourceKind: 'usage',
          start: unixSeconds(`${rec.startTime.replace(' ', 'T')}Z`),
        });
        expect(s.consumedQuantity).toBe(s.tokens);
      }
    });
    const first = linesOf(stored, 2)[0];
    expect(first.tags).toEqual({ env: 'prod', project: 'chatbot' });
    expect(first.x_Project).toBe('chatbot');
    expect(first.SubAccountName).toBe('platform');
    expect(linesOf(stored, 4)[0]).toMatchObject({ tags: null, x_Project: 'team-b', ServiceName: 'Azure OpenAI' });

    await expectOutOfTotals(engine);
  });

  it('reads an older dump: cache writes, exponent spend, cache hits, unknown providers', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(OLDER);
    const r = await importFixture(engine, OLDER);
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('LiteLLM spend logs');
    expect(r.billedCost).toBe(exactSum(['0.0123', '0.000015', '0', '0.00042', '0.0000825', '0.0']));
    expect(r.warnings.some((w) => /1 request\(s\) were answered from LiteLLM's own cache/.test(w))).toBe(true);

    const stored = await storedCharges(engine);
    const bedrock = linesOf(stored, 2);
    expect(bedrock.map((s) => [s.x_TokenClass, s.tokens])).toEqual([['input', 1000], ['cached_read', 3000], ['cache_write', 2000], ['output', 400]]);
    expect(bedrock[0]).toMatchObject({ ProviderName: 'AWS', ServiceName: 'Amazon Bedrock', x_Model: 'anthropic.claude-3-5-sonnet-20241022-v2:0', billed: '0.0123' });
    expect(bedrock[0].SubAccountName).toBe('search');

    const embedding = linesOf(stored, 3);
    expect(embedding.map((s) => [s.x_TokenClass, s.tokens, s.billed])).toEqual([['input', 750, '0.000015']]);
    expect(embedding[0].start).toBe(unixSeconds('2026-08-05T09:16:00Z'));

    // A cache hit never reached OpenAI: one line, its request, no tokens.
    const hit = linesOf(stored, 4);
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ x_TokenClass: null, tokens: null, requests: 1, billed: '0', ChargeDescription: 'acompletion (LiteLLM cache hit)' });

    const vertex = linesOf(stored, 5);
    expect(vertex[0]).toMatchObject({ ProviderName: 'Google Cloud', x_Model: 'gemini-2.0-flash-001', SubAccountId: null, x_Project: null });
    expect(vertex[0].tags).toEqual({ 'User-Agent': 'python-requests/2.32', nightly: null, team: 'search' });

    expect(linesOf(stored, 6)[0]).toMatchObject({ ProviderName: 'groq', ServiceName: 'groq', x_Model: 'llama-3.1-8b-instant', tags: null });
    expect(linesOf(stored, 7).map((s) => [s.x_TokenClass, s.tokens])).toEqual([['input', 0]]);

    const providerTokens = (p: string) => total(stored.filter((s) => s.ProviderName === p), (s) => s.tokens);
    expect(providerTokens('AWS')).toBe(Number(records[0].total_tokens));
    expect(providerTokens('OpenAI')).toBe(Number(records[1].total_tokens));
    await expectOutOfTotals(engine);
  });

  it('refuses a record with a bad spend or bad tags, naming file, line, column and value', async () => {
    const { engine } = await testEngine();
    await importFixture(engine, SPENDLOGS);
    const before = await snapshot(engine);
    const lines = fixtureText(SPENDLOGS).split('\n');
    lines[2] = lines[2].replace(',0.027,', ',$0.027,');
    lines[3] = lines[3].replace(',[],', ',project:chatbot,');
    const r = await importText(engine, 'bad-spendlogs.csv', lines.join('\n'));
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('import/invalid-rows');
    const problems = r.error?.details.problems ?? [];
    expect(problems[0]).toMatchObject({ file: 'bad-spendlogs.csv', row: 3, column: 'spend', value: '$0.027' });
    expect(problems[1]).toMatchObject({ row: 4, column: 'request_tags', value: 'project:chatbot' });
    expect(problems[1].expected).toMatch(/JSON array/);
    expect(await snapshot(engine)).toEqual(before);
  });

  it('refuses cache counts larger than the prompt they are part of', async () => {
    const { engine } = await testEngine();
    const text = fixtureText(SPENDLOGS).replace('""cached_tokens"": 4000', '""cached_tokens"": 6000');
    const r = await importText(engine, 'cache.csv', text);
    expect(r.error?.details.problems?.[0]).toMatchObject({ row: 3, column: 'metadata' });
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });
});

describe('LiteLLM daily spend', () => {
  it('imports a team table: uncached input, cache reads and writes, output; requests on the input line', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(TEAM);
    const r = await importFixture(engine, TEAM);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('litellm-daily');
    expect(r.formatLabel).toBe('LiteLLM daily spend');
    expect(r.sourceKind).toBe('usage');
    expect(r.billedCost).toBe(exactSum(records.map((x) => x.spend)));
    expect(r.periodStart).toBe('2026-08-04');
    expect(r.periodEnd).toBe('2026-08-05');
    expect(r.warnings.some((w) => /import one or the other/.test(w))).toBe(true);

    const stored = await storedCharges(engine);
    records.forEach((rec, k) => {
      const mine = linesOf(stored, lineOf(k));
      const read = Number(rec.cache_read_input_tokens);
      const write = Number(rec.cache_creation_input_tokens);
      const expected: [string, number][] = [['input', Number(rec.prompt_tokens) - read - write]];
      if (read) expected.push(['cached_read', read]);
      if (write) expected.push(['cache_write', write]);
      if (Number(rec.completion_tokens)) expected.push(['output', Number(rec.completion_tokens)]);
      expect(mine.map((s) => [s.x_TokenClass, s.tokens])).toEqual(expected);
      expect(mine[0]).toMatchObject({ billed: rec.spend, requests: Number(rec.api_requests), SubAccountId: rec.team_id, x_Project: rec.team_id });
      expect(mine[0].start).toBe(unixSeconds(`${rec.date}T00:00:00Z`));
      expect(mine[0].end).toBe(unixSeconds(`${rec.date}T00:00:00Z`) + 86_400);
      expect(total(mine, (s) => s.tokens)).toBe(Number(rec.prompt_tokens) + Number(rec.completion_tokens));
    });
    const models = new Set(stored.map((s) => s.x_Model));
    expect(models).toEqual(new Set(['gpt-4o-2024-08-06', 'claude-sonnet-4-5-20250929', 'gpt-4o-mini', 'text-embedding-3-small', 'anthropic.claude-3-5-haiku-20241022-v1:0']));
    expect(total(stored, (s) => s.requests)).toBe(records.reduce((n, x) => n + Number(x.api_requests), 0));
    await expectOutOfTotals(engine);
  });

  it('reads a tag table into tags and warns that tags overlap', async () => {
    const { engine } = await testEngine();
    const r = await importFixture(engine, TAGS);
    expect(r.formatLabel).toBe('LiteLLM daily spend');
    expect(r.warnings.some((w) => /once per tag/.test(w))).toBe(true);
    const stored = await storedCharges(engine);
    expect(linesOf(stored, 2)[0]).toMatchObject({ tags: { project: 'chatbot' }, x_Project: 'chatbot' });
    expect(linesOf(stored, 3)[0].tags).toEqual({ env: 'prod' });
    expect(linesOf(stored, 4)[0].tags).toEqual({ 'nightly-batch': null });
  });

  it('names the entity column a daily dump lacks', async () => {
    const { engine } = await testEngine();
    const header = 'id,date,api_key,model,spend,prompt_tokens,completion_tokens,api_requests';
    const r = await importText(engine, 'daily.csv', `${header}\nx,2026-08-04,k,gpt-4o,0.1,10,5,1\n`);
    expect(r.error?.code).toBe('import/missing-columns');
    expect(r.error?.details.missing).toEqual(['user_id, team_id, tag, organization_id or end_user_id']);
  });
});
