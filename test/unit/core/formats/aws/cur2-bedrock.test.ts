import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { records, storedCharges } from './cur-test-helpers';

const CUR2 = 'aws-cur2-bedrock/cur2_bedrock_subset.csv';

/** Token class told from the usage type's documented suffix (AWS Bedrock CUR guide), written out here independently. */
function expectedClass(usageType: string): string | null {
  if (usageType.endsWith('-cache-read-input-token-count')) return 'cached_read';
  if (usageType.endsWith('-cache-write-input-token-count')) return 'cache_write';
  if (usageType.endsWith('-input-tokens')) return 'input';
  if (usageType.endsWith('-output-tokens')) return 'output';
  return null;
}

describe('AWS CUR 2.0 — Amazon Bedrock', () => {
  it('imports the invoice with totals by model equal to the exact sum of line_item_unblended_cost', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cur2_bedrock_subset.csv', fixtureBytes(CUR2))] });
    const recs = records(CUR2);
    expect(r).toMatchObject({ status: 'imported', format: 'aws-cur2', formatLabel: 'AWS CUR 2.0', sourceKind: 'invoice', rows: recs.length });
    expect(r.rows).toBe(6);
    expect(r.billedCost).toBe(exactSum(recs.map((x) => x.line_item_unblended_cost)));
    expect(r.billedCost).toBe('7.57');
    expect(r.periodStart).toBe('2026-08-04');

    const summary = await engine.call('summary/totals', { by: ['provider', 'service', 'model'] });
    expect(summary.effectiveCost).toBe(r.billedCost); // Usage, Tax and Credit lines: unblended
    expect(summary.listCost).toBe(exactSum(recs.map((x) => x.pricing_public_on_demand_cost)));
    const tokenLines = recs.filter((x) => expectedClass(x.line_item_usage_type) !== null);
    expect(summary.groups).toEqual([
      {
        key: { provider: 'AWS', service: 'Amazon Bedrock', model: null },
        rows: recs.length - tokenLines.length,
        billedCost: exactSum(recs.filter((x) => !tokenLines.includes(x)).map((x) => x.line_item_unblended_cost)),
        effectiveCost: expect.any(String),
        listCost: expect.any(String),
        currency: 'USD',
      },
      {
        key: { provider: 'AWS', service: 'Amazon Bedrock', model: 'claude-4.6-sonnet' },
        rows: tokenLines.length,
        billedCost: exactSum(tokenLines.map((x) => x.line_item_unblended_cost)),
        effectiveCost: exactSum(tokenLines.map((x) => x.line_item_unblended_cost)),
        listCost: exactSum(tokenLines.map((x) => x.pricing_public_on_demand_cost)),
        currency: 'USD',
      },
    ]);
  });

  it('stores model, token class and tokens for each of the four token types', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('cur2.csv', fixtureBytes(CUR2))] });
    const recs = records(CUR2);
    const stored = await storedCharges(engine);
    expect(stored).toHaveLength(recs.length);
    stored.forEach((s, i) => {
      const x = recs[i];
      const tokenClass = expectedClass(x.line_item_usage_type);
      expect(s.x_TokenClass).toBe(tokenClass);
      expect(s.tokens).toBe(tokenClass === null ? null : Number(x.line_item_usage_amount)); // per-token rates: unit "Units" is tokens
      expect(s.x_Model).toBe(tokenClass === null ? null : 'claude-4.6-sonnet');
      expect(s.x_ServiceTier).toBe(tokenClass === null ? null : 'standard');
      expect(s).toMatchObject({
        ProviderName: 'AWS',
        ServiceName: 'Amazon Bedrock',
        ServiceCategory: 'AI and Machine Learning',
        SubAccountId: x.line_item_usage_account_id,
        SubAccountName: x.line_item_usage_account_name,
        BillingAccountId: x.bill_payer_account_id,
        BillingAccountName: x.bill_payer_account_name,
        InvoiceIssuerName: x.bill_invoicing_entity,
        RegionId: 'us-east-1',
        start: '2026-08-04T00:00:00Z',
        end: '2026-08-05T00:00:00Z',
        billed: exactSum([x.line_item_unblended_cost]),
      });
    });
    const byClass = Object.fromEntries(stored.filter((s) => s.x_TokenClass !== null).map((s) => [s.x_TokenClass, s.tokens]));
    expect(byClass).toEqual({ input: 1_250_000, output: 210_000, cached_read: 9_800_000, cache_write: 400_000 });
    expect(stored[0]).toMatchObject({
      ConsumedUnit: 'Tokens',
      consumedQuantity: 1_250_000,
      PricingUnit: 'Units',
      x_User: 'arn:aws:iam::444455556666:role/chatbot-app',
      ResourceId: recs[0].line_item_resource_id,
      tags: { environment: 'prod', team: 'chatbot' },
    });
    expect(stored[4]).toMatchObject({ ChargeCategory: 'Tax', tags: null, tokens: null });
    expect(stored[5]).toMatchObject({ ChargeCategory: 'Credit', billed: '-5' });
  });

  it('refuses a resource_tags cell that is not a JSON object, naming row, column and value', async () => {
    const { engine } = await testEngine();
    const table = Papa.parse<string[]>(new TextDecoder().decode(fixtureBytes(CUR2)), { skipEmptyLines: true }).data;
    const col = table[0].indexOf('resource_tags');
    table[2][col] = 'team=chatbot';
    const [r] = await engine.call('import/files', { files: [fileInput('bad_tags.csv', Papa.unparse(table))] });
    expect(r.status).toBe('failed');
    expect(r.error?.details.problems?.[0]).toMatchObject({ file: 'bad_tags.csv', row: 3, column: 'resource_tags', value: 'team=chatbot' });
    expect(r.error?.details.problems?.[0].expected).toMatch(/JSON object/);
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });
});
