import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { records, storedCharges } from '../azure/test-helpers';

const TABLE = 'gcp-cost-table-console/gcp_cost_table_console.csv';

describe('GCP cost table (console)', () => {
  it('imports the unrounded costs with credit lines netting per project', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cost-table.csv', fixtureBytes(TABLE))] });
    const file = records(TABLE);
    expect(r).toMatchObject({ status: 'imported', format: 'gcp-cost-table', formatLabel: 'GCP cost table (console)', rows: file.length, currency: 'USD' });
    expect(r.billedCost).toBe(exactSum(file.map((x) => x['Unrounded Cost ($)'])));
    expect(r.periodStart).toBe('2026-08-01');
    expect(r.warnings).toContain('The cost column is in "$": taken as US dollars.');

    const summary = await engine.call('summary/totals', { by: ['subAccount', 'chargeCategory'] });
    const keyOf = (x: Record<string, string>) => `${x['Project name'] || null}|${x['Credit type'] ? 'Credit' : x['Cost type']}`;
    for (const key of new Set(file.map(keyOf))) {
      const mine = file.filter((x) => keyOf(x) === key);
      const g = summary.groups.find((x) => `${x.key.subAccount}|${x.key.chargeCategory}` === key);
      const sum = exactSum(mine.map((x) => x['Unrounded Cost ($)']));
      expect(g).toMatchObject({ rows: mine.length, billedCost: sum, effectiveCost: sum, listCost: sum });
    }
    const ml = file.filter((x) => x['Project ID'] === 'nw-ml-prod');
    const byProject = await engine.call('summary/totals', { by: ['subAccount'] });
    expect(byProject.groups.find((g) => g.key.subAccount === 'ML Prod')?.billedCost).toBe(exactSum(ml.map((x) => x['Unrounded Cost ($)'])));

    const stored = await storedCharges(engine, ['SkuMeter', 'x_Model', 'x_TokenClass', 'x_Tokens', 'ChargeCategory', 'ChargePeriodStart', 'ChargePeriodEnd', 'SubAccountId', 'BillingAccountName']);
    expect(stored[0]).toMatchObject({ x_Model: 'gemini-2.5-pro', x_TokenClass: 'input', x_Tokens: Number(file[0]['Usage amount']), ChargeCategory: 'Usage' });
    expect(stored[1]).toMatchObject({ x_Model: 'gemini-2.5-pro', x_TokenClass: 'output', x_Tokens: Number(file[1]['Usage amount']) });
    // The credit line keeps the model (spend by model nets it) but not the tokens of the line it discounts.
    expect(stored[2]).toMatchObject({ x_Model: 'gemini-2.5-pro', x_Tokens: null, ChargeCategory: 'Credit' });
    expect(stored[6]).toMatchObject({ ChargeCategory: 'Tax', SubAccountId: null, x_Model: null });
    // Usage end date is a whole day, counted in: the period ends the next midnight.
    expect(stored[0]).toMatchObject({ ChargePeriodStart: Date.UTC(2026, 7, 1) / 1000, ChargePeriodEnd: Date.UTC(2026, 8, 1) / 1000, BillingAccountName: 'Northwind Billing' });
  });

  it('reads a currency code from the cost header and month-name dates', async () => {
    const { engine } = await testEngine();
    const csv = [
      'Billing account name,Billing account ID,Project name,Project ID,Service description,Service ID,SKU description,SKU ID,Credit type,Cost type,Usage start date,Usage end date,Usage amount,Usage unit,Total Cost (INR)',
      'Acme,0A-0B,App,acme-app,Cloud Run,152E-C115-5142,CPU Allocation Time,A1,,Usage,"Aug 1, 2026","Aug 31, 2026",3600,vCPU-second,1520.75',
      'Acme,0A-0B,App,acme-app,Cloud Run,152E-C115-5142,CPU Allocation Time,A1,Free tier,Usage,"Aug 1, 2026","Aug 31, 2026",3600,vCPU-second,-120.5',
    ].join('\r\n');
    const [r] = await engine.call('import/files', { files: [fileInput('inr.csv', csv)] });
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'GCP cost table (console)', currency: 'INR', billedCost: '1400.25', periodStart: '2026-08-01' });
  });

  it('refuses a cost header whose currency it cannot name, and a cost with a thousands separator', async () => {
    const { engine } = await testEngine();
    const head = 'Billing account ID,Project ID,Service description,SKU ID,Usage start date,Usage end date';
    const [symbol] = await engine.call('import/files', { files: [fileInput('x.csv', `${head},Cost (¤)\nA,p,Compute Engine,S1,2026-08-01,2026-08-31,1.5\n`)] });
    expect(symbol.error?.details.problems?.[0]).toMatchObject({ row: 2, column: 'Cost (¤)' });
    expect(symbol.error?.details.problems?.[0].expected).toMatch(/names its currency/);
    const [thousands] = await engine.call('import/files', { files: [fileInput('y.csv', `${head},Cost ($)\nA,p,Compute Engine,S1,2026-08-01,2026-08-31,"1,234.50"\n`)] });
    expect(thousands.error?.details.problems?.[0]).toMatchObject({ file: 'y.csv', row: 2, column: 'Cost ($)', value: '1,234.50' });
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });

  it('is not taken for the BigQuery export, nor the export for it', async () => {
    const { engine } = await testEngine();
    const [table] = await engine.call('import/files', { files: [fileInput('t.csv', fixtureBytes(TABLE))] });
    const [bq] = await engine.call('import/files', { files: [fileInput('b.csv', fixtureBytes('gcp-billing-bigquery-flattened/2022-08-01_5.csv'))] });
    expect([table.format, bq.format]).toEqual(['gcp-cost-table', 'gcp-billing-export']);
    const [noCost] = await engine.call('import/files', {
      files: [fileInput('n.csv', 'Billing account ID,Service description,SKU ID,Usage start date\nA,Compute Engine,S1,2026-08-01\n')],
    });
    expect(noCost.error?.code).toBe('import/missing-columns');
    expect(noCost.error?.details.missing).toEqual(['Cost ($) or Unrounded Cost ($)']);
  });
});
