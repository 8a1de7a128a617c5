import { describe, expect, it } from 'vitest';
import { testEngine } from '../../../helpers/engine';
import { expectOutOfTotals, fixtureRecords, fixtureText, importFixture, importText, lineOf, snapshot, storedCharges, unixSeconds } from './tools-helpers';

const DATABRICKS = 'databricks-billing-usage/billing_usage_export.csv';
const CORTEX_HOURLY = 'snowflake-cortex-usage/cortex_functions_usage_history.csv';
const CORTEX_AISQL = 'snowflake-cortex-usage/cortex_aisql_usage_history.csv';

/** "2026-06-02 09:00:00.000 -0700" → unix seconds, parsed here without the engine's date code. */
function snowflakeTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.\d+ ([+-]\d{2})(\d{2})$/.exec(text);
  if (m === null) throw new Error(text);
  return unixSeconds(`${m[1]}T${m[2]}${m[3]}:${m[4]}`);
}

describe('Databricks billing usage', () => {
  it('imports DBUs as usage without cost, tokens only where the unit counts tokens', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(DATABRICKS);
    const r = await importFixture(engine, DATABRICKS);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('databricks-usage');
    expect(r.formatLabel).toBe('Databricks billing usage');
    expect(r.sourceKind).toBe('usage');
    expect(r.rows).toBe(records.length);
    expect(r.billedCost).toBe('0');
    expect(r.warnings.some((w) => /1 pay-per-token row\(s\) are measured in DBUs/.test(w))).toBe(true);

    const stored = await storedCharges(engine);
    records.forEach((rec, k) => {
      const s = stored[k];
      const tokenUnit = rec.usage_unit === 'TOKEN';
      expect(s).toMatchObject({
        row: lineOf(k),
        ProviderName: 'Databricks',
        SkuId: rec.sku_name,
        SubAccountId: rec.workspace_id,
        BillingAccountId: rec.account_id,
        PricingUnit: rec.usage_unit,
        ConsumedUnit: tokenUnit ? 'Tokens' : rec.usage_unit,
        pricingQuantity: Number(rec.usage_quantity),
        consumedQuantity: Number(rec.usage_quantity),
        billed: '0',
        list: '0',
        tokens: tokenUnit ? Number(rec.usage_quantity) : null,
        x_User: JSON.parse(rec.identity_metadata).run_as,
        ChargeClass: rec.record_type === 'RETRACTION' ? 'Correction' : null,
        start: unixSeconds(rec.usage_start_time.replace(' ', 'T')),
        end: unixSeconds(rec.usage_end_time.replace(' ', 'T')),
      });
      const tags = JSON.parse(rec.custom_tags);
      expect(s.tags).toEqual(Object.keys(tags).length ? tags : null);
    });
    expect(stored.map((s) => s.x_TokenClass)).toEqual(records.map((x) => (x.sku_name.endsWith('_INPUT_TOKENS') ? 'input' : x.sku_name.endsWith('_OUTPUT_TOKENS') ? 'output' : null)));
    const models = stored.map((s) => s.x_Model);
    expect(models).toEqual(records.map((x) => (x.usage_type === 'TOKEN' ? JSON.parse(x.usage_metadata).endpoint_name : null)));
    expect(stored[0]).toMatchObject({ ServiceName: 'Databricks Jobs', ServiceCategory: 'Analytics', ResourceId: '0701-101500-abcd1234', ResourceName: 'nightly-etl' });
    expect(stored[2]).toMatchObject({ ServiceName: 'Databricks Model Serving', ServiceCategory: 'AI and Machine Learning', tokens: null });
    await expectOutOfTotals(engine);
  });

  it('refuses a bad quantity or tags, naming file, line, column and value', async () => {
    const { engine } = await testEngine();
    await importFixture(engine, DATABRICKS);
    const before = await snapshot(engine);
    const lines = fixtureText(DATABRICKS).split('\n');
    lines[2] = lines[2].replace(',DBU,3.25,', ',DBU,3.25 DBU,');
    lines[3] = lines[3].replace('"{""team"":""ml""}"', "{'team': 'ml'}");
    const r = await importText(engine, 'bad-databricks.csv', lines.join('\n'));
    expect(r.status).toBe('failed');
    const problems = r.error?.details.problems ?? [];
    expect(problems[0]).toMatchObject({ file: 'bad-databricks.csv', row: 3, column: 'usage_quantity', value: '3.25 DBU' });
    expect(problems[1]).toMatchObject({ row: 4, column: 'custom_tags', value: "{'team': 'ml'}" });
    expect(await snapshot(engine)).toEqual(before);
  });
});

describe('Snowflake Cortex usage', () => {
  it('imports the hourly functions view: model, total tokens, credits, times with their offset', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(CORTEX_HOURLY);
    const r = await importFixture(engine, CORTEX_HOURLY);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('snowflake-cortex');
    expect(r.formatLabel).toBe('Snowflake Cortex usage');
    expect(r.sourceKind).toBe('usage');
    expect(r.rows).toBe(records.length);
    expect(r.billedCost).toBe('0');
    expect(r.warnings.some((w) => /read as UTC/.test(w))).toBe(false);

    const stored = await storedCharges(engine);
    records.forEach((rec, k) => {
      expect(stored[k]).toMatchObject({
        ProviderName: 'Snowflake',
        ServiceName: 'Snowflake Cortex',
        x_Model: rec.MODEL_NAME === '' ? null : rec.MODEL_NAME,
        x_TokenClass: null,
        tokens: Number(rec.TOKENS),
        pricingQuantity: Number(rec.TOKEN_CREDITS),
        PricingUnit: 'Credits',
        SkuId: rec.FUNCTION_NAME,
        ResourceId: rec.WAREHOUSE_ID,
        billed: '0',
        start: snowflakeTime(rec.START_TIME),
        end: snowflakeTime(rec.END_TIME),
      });
    });
    expect(stored[1].PublisherName).toBe('Meta');
    await expectOutOfTotals(engine);
  });

  it('splits the AI SQL view by TOKENS_GRANULAR and reads query tags', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(CORTEX_AISQL);
    const r = await importFixture(engine, CORTEX_AISQL);
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'Snowflake Cortex usage', sourceKind: 'usage' });
    const stored = await storedCharges(engine);
    for (const rec of records) {
      const mine = stored.filter((s) => s.start === snowflakeTime(rec.USAGE_TIME) && s.x_Model === rec.MODEL_NAME);
      const granular: Record<string, number> = rec.TOKENS_GRANULAR ? JSON.parse(rec.TOKENS_GRANULAR) : {};
      const expected = Object.keys(granular).length ? Object.entries(granular) : [[null, Number(rec.TOKENS)]];
      expect(mine.map((s) => [s.x_TokenClass, s.tokens])).toEqual(expected);
      expect(mine[0]).toMatchObject({ pricingQuantity: Number(rec.TOKEN_CREDITS), x_User: rec.USER_ID, end: snowflakeTime(rec.USAGE_TIME) + 3600 });
      expect(mine.slice(1).every((s) => s.pricingQuantity === null)).toBe(true);
    }
    expect(stored[0].tags).toEqual({ app: 'ticket-summary', team: 'support' });
    expect(stored[2].tags).toEqual({ query_tag: 'nightly-classify' });
    expect(stored[3].tags).toBeNull();
  });

  it('reads times without an offset as UTC and says so', async () => {
    const { engine } = await testEngine();
    const text = 'START_TIME,END_TIME,FUNCTION_NAME,MODEL_NAME,WAREHOUSE_ID,TOKENS,TOKEN_CREDITS\n2026-06-02 09:00:00.000,2026-06-02 10:00:00.000,COMPLETE,mistral-large2,412,1000,0.002\n';
    const r = await importText(engine, 'naive.csv', text);
    expect(r.warnings.some((w) => /1 row\(s\) have times without a UTC offset/.test(w))).toBe(true);
    expect((await storedCharges(engine))[0].start).toBe(unixSeconds('2026-06-02T09:00:00Z'));
  });

  it('asks for a time column the per-query view lacks, and refuses bad token counts', async () => {
    const { engine } = await testEngine();
    const perQuery = 'FUNCTION_NAME,MODEL_NAME,QUERY_ID,TOKENS,TOKEN_CREDITS,WAREHOUSE_ID\nCOMPLETE,mistral-large2,01ab,1000,0.002,412\n';
    const missing = await importText(engine, 'per-query.csv', perQuery);
    expect(missing.error?.code).toBe('import/missing-columns');
    expect(missing.error?.details.missing).toEqual(['START_TIME or USAGE_TIME']);

    const bad = fixtureText(CORTEX_HOURLY).replace(',182400,', ',182400.5,');
    const r = await importText(engine, 'bad-cortex.csv', bad);
    expect(r.error?.details.problems?.[0]).toMatchObject({ file: 'bad-cortex.csv', row: 2, column: 'TOKENS', value: '182400.5' });
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });
});
