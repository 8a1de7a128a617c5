import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { records, storedCharges } from './cur-test-helpers';

const ATHENA = 'aws-cur-athena/cur_athena_small.csv';

describe('AWS CUR (Athena) — snake_case legacy CUR', () => {
  it('imports with exact totals and amortizes the Savings Plan without counting it twice', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cur_athena_small.csv', fixtureBytes(ATHENA))] });
    const recs = records(ATHENA);
    expect(r).toMatchObject({ status: 'imported', format: 'aws-cur-athena', formatLabel: 'AWS CUR (Athena)', sourceKind: 'invoice', rows: 8 });
    expect(r.billedCost).toBe(exactSum(recs.map((x) => x.line_item_unblended_cost)));
    expect(r.periodStart).toBe('2025-03-01');

    const summary = await engine.call('summary/totals', { by: ['service', 'subAccount'] });
    // By hand: covered usage at its Savings Plan rate 0.0884, the negation 0, the recurring fee's
    // unused commitment 0.1 - 0.0884; the Bedrock and tax lines at their unblended cost.
    expect(summary.effectiveCost).toBe(exactSum(['0.0884', '0', '0.1', '-0.0884', '0.1875', '1.2', '0.8', '492', '0.95']));
    for (const g of summary.groups) {
      const mine = recs.filter((x) => x.product_product_name === g.key.service && x.line_item_usage_account_id === g.key.subAccount);
      expect(g.rows).toBe(mine.length);
      expect(g.billedCost).toBe(exactSum(mine.map((x) => x.line_item_unblended_cost)));
    }
    expect(summary.groups.reduce((n, g) => n + g.rows, 0)).toBe(recs.length);
  });

  it('reads resource_tags_user_* columns and the Savings Plan lines', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('athena.csv', fixtureBytes(ATHENA))] });
    const s = await storedCharges(engine);
    expect(s[0]).toMatchObject({
      tags: { cost_center: 'cc-100', team: 'search' },
      start: '2025-03-05T10:00:00Z',
      end: '2025-03-05T11:00:00Z',
      effective: '0.0884',
      consumedQuantity: 1,
      PricingCategory: 'Committed',
      CommitmentDiscountType: 'Savings Plan',
      RegionId: 'us-west-2',
      SubAccountId: '555566668888',
    });
    expect(s[1]).toMatchObject({ ChargeCategory: 'Usage', billed: '-0.136', effective: '0', consumedQuantity: null, pricingQuantity: 1 });
    expect(s[1].CommitmentDiscountId).toBe(s[0].CommitmentDiscountId);
    expect(s[2]).toMatchObject({ ChargeCategory: 'Purchase', ChargeFrequency: 'Recurring', effective: '0.0116', tags: null });
    expect(s[4].tags).toEqual({ team: 'chatbot' }); // the empty cost_center is dropped
  });

  it('reads Bedrock batch, cross-region, flex and provisioned-throughput usage types', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('athena.csv', fixtureBytes(ATHENA))] });
    const s = await storedCharges(engine);
    const ai = s.filter((c) => c.ServiceName === 'Amazon Bedrock').map((c) => [c.x_Model, c.x_TokenClass, c.x_ServiceTier, c.tokens, c.ConsumedUnit]);
    expect(ai).toEqual([
      ['claude-3-haiku', 'input', 'batch', 1_500_000, 'Tokens'], // 1500 × "1K tokens"
      ['claude-3.5-sonnet-v2', 'output', 'standard', 80_000, 'Tokens'],
      ['nova-pro', 'input', 'flex', 2_000_000, 'Tokens'],
      ['claude-3-haiku', null, null, null, 'Hours'], // provisioned throughput is not tokens
      [null, null, null, null, null], // tax
    ]);
    expect(r.warnings.join(' ')).toMatch(/1K tokens scaled to tokens/);
    const byModel = await engine.call('summary/totals', { by: ['model'] });
    const haiku = byModel.groups.find((g) => g.key.model === 'claude-3-haiku');
    expect(haiku).toMatchObject({ rows: 2, billedCost: exactSum(['0.1875', '492']) });
  });
});
