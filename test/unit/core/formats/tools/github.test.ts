import { describe, expect, it } from 'vitest';
import { exactSum, testEngine } from '../../../helpers/engine';
import { fixtureRecords, fixtureText, importFixture, importText, lineOf, snapshot, storedCharges, unixSeconds } from './tools-helpers';

const PREMIUM = 'github-usage-report-csv/premium_requests_report.csv';
const DETAILED = 'github-usage-report-csv/usage_report_detailed.csv';

describe('GitHub usage reports', () => {
  it('imports the premium request report: net billed, gross list, model and requests', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(PREMIUM);
    const r = await importFixture(engine, PREMIUM);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('github-usage');
    expect(r.formatLabel).toBe('GitHub premium requests report');
    expect(r.sourceKind).toBe('invoice');
    expect(r.rows).toBe(records.length);
    expect(r.billedCost).toBe(exactSum(records.map((x) => x.net_amount)));

    const summary = await engine.call('summary/totals', { by: ['provider', 'service', 'model'] });
    expect(summary.billedCost).toBe(exactSum(records.map((x) => x.net_amount)));
    expect(summary.listCost).toBe(exactSum(records.map((x) => x.gross_amount)));
    for (const rec of records) {
      const group = summary.groups.find((g) => g.key.model === rec.model);
      expect(group).toMatchObject({ key: { provider: 'GitHub', service: 'GitHub Copilot' }, rows: 1, billedCost: exactSum([rec.net_amount]) });
    }

    const stored = await storedCharges(engine);
    records.forEach((rec, k) => {
      expect(stored[k]).toMatchObject({
        row: lineOf(k),
        x_Model: rec.model,
        requests: Number(rec.quantity),
        pricingQuantity: Number(rec.quantity),
        x_TokenClass: null,
        tokens: null,
        x_User: rec.username,
        SubAccountId: rec.organization,
        x_Project: rec.cost_center_name,
        SkuId: rec.sku,
        PricingUnit: rec.unit_type,
        ListUnitPrice: rec.applied_cost_per_quantity,
        start: unixSeconds(`${rec.date}T00:00:00Z`),
        end: unixSeconds(`${rec.date}T00:00:00Z`) + 86_400,
      });
      expect(stored[k].tags).toEqual({ cost_center: rec.cost_center_name });
    });
  });

  it('imports the detailed usage report by product', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(DETAILED);
    const r = await importFixture(engine, DETAILED);
    expect(r.formatLabel).toBe('GitHub usage report');
    expect(r.billedCost).toBe(exactSum(records.map((x) => x.net_amount)));
    const summary = await engine.call('summary/totals', { by: ['service'] });
    for (const [product, service] of [['actions', 'GitHub Actions'], ['copilot', 'GitHub Copilot']]) {
      const mine = records.filter((x) => x.product === product);
      const group = summary.groups.find((g) => g.key.service === service);
      expect(group).toMatchObject({ rows: mine.length, billedCost: exactSum(mine.map((x) => x.net_amount)), listCost: exactSum(mine.map((x) => x.gross_amount)) });
    }
    const stored = await storedCharges(engine);
    expect(stored[0]).toMatchObject({ ResourceId: 'example-org/api', x_Project: 'example-org/api', requests: null, ConsumedUnit: 'minutes', tags: null });
    expect(stored[1]).toMatchObject({ requests: 12, x_Project: 'cc-ai' });
  });

  it('splits an AI-credits report row into token classes, its cost on the input line', async () => {
    const { engine } = await testEngine();
    const text = [
      'date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,total_monthly_quota,organization,repository,cost_center_name,aic_quantity,aic_gross_amount,input,output,cache_read,cache_write',
      '2026-09-02,octo-dev,copilot,copilot_ai_credit,Claude Sonnet 4.5,3.5,ai-credits,0.01,0.035,0,0.035,300,example-org,example-org/api,cc-ai,0,0,12000,900,40000,0',
    ].join('\n');
    const r = await importText(engine, 'ai-credits.csv', text);
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'GitHub AI credits report', billedCost: '0.035', rows: 3 });
    const stored = await storedCharges(engine);
    expect(stored.map((s) => [s.x_TokenClass, s.tokens, s.billed])).toEqual([['input', 12000, '0.035'], ['cached_read', 40000, '0'], ['output', 900, '0']]);
    expect(stored.every((s) => s.x_Model === 'Claude Sonnet 4.5' && s.ConsumedUnit === 'Tokens')).toBe(true);
    expect(stored[0].pricingQuantity).toBe(3.5);
    expect(stored[1].pricingQuantity).toBeNull();
  });

  it('refuses a bad amount or date, naming file, line, column and value', async () => {
    const { engine } = await testEngine();
    await importFixture(engine, PREMIUM);
    const before = await snapshot(engine);
    const lines = fixtureText(DETAILED).split('\n');
    lines[1] = lines[1].replace(',6.0,6.0,0.0,', ',6.0,6.0,1.234.5,');
    lines[2] = lines[2].replace('2026-09-01', '09/31/2026');
    const r = await importText(engine, 'bad-github.csv', lines.join('\n'));
    expect(r.status).toBe('failed');
    const problems = r.error?.details.problems ?? [];
    expect(problems[0]).toMatchObject({ file: 'bad-github.csv', row: 2, column: 'net_amount', value: '1.234.5' });
    expect(problems[1]).toMatchObject({ row: 3, column: 'date', value: '09/31/2026' });
    expect(await snapshot(engine)).toEqual(before);
  });
});
