import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine, type TestEngine } from '../../../helpers/engine';
import { records, round12, storedCharges } from './cur-test-helpers';

const KOKU = 'aws-cur-legacy/test_cur.csv';
const EXTRAS = 'aws-cur-legacy-extras/cur_legacy_extras.csv';

/**
 * koku's test_cur.csv has 131 header columns but 130 fields per row: the trailing
 * `costCategory/CostCenter` column was added to the header only. The pipeline refuses rows whose
 * field count differs from the header's, so the tests give each row its missing trailing empty
 * field (one physical line per record, so row numbers are unchanged).
 */
function kokuTable(): string[][] {
  const table = Papa.parse<string[]>(new TextDecoder().decode(fixtureBytes(KOKU)), { skipEmptyLines: true }).data;
  const width = table[0].length;
  return table.map((row) => (row.length < width ? [...row, ...new Array<string>(width - row.length).fill('')] : row));
}

const kokuFile = (table = kokuTable()) => Papa.unparse(table, { newline: '\r\n' });

async function snapshot(engine: TestEngine['engine']) {
  return {
    rows: (await engine.call('workspace/info', {}))?.chargeRows,
    history: (await engine.call('import/history', {})).length,
    totals: await engine.call('summary/totals', { by: ['service', 'subAccount'] }),
  };
}

describe('AWS CUR (legacy) — koku test_cur.csv', () => {
  it('imports every line with totals by service and account equal to the exact sum of lineItem/UnblendedCost', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('test_cur.csv', kokuFile())] });
    const recs = records(KOKU);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('aws-cur');
    expect(r.formatLabel).toBe('AWS CUR (legacy)');
    expect(r.sourceKind).toBe('invoice');
    expect(r.rows).toBe(recs.length);
    expect(r.rows).toBe(19);
    // The workspace keeps 12 decimals; the file has up to 19.
    const billed = (xs: Record<string, string>[]) => exactSum(xs.map((x) => round12(x['lineItem/UnblendedCost'])));
    expect(r.billedCost).toBe(billed(recs));
    expect(r.currency).toBe('USD');
    expect(r.periodStart).toBe('2018-06-01');
    expect(r.warnings.join(' ')).toMatch(/BilledCost is lineItem\/UnblendedCost/);

    const summary = await engine.call('summary/totals', { by: ['provider', 'service', 'subAccount'] });
    expect(summary.billedCost).toBe(billed(recs));
    expect(summary.effectiveCost).toBe(billed(recs)); // every line is plain Usage
    expect(summary.listCost).toBe(exactSum(recs.map((x) => round12(x['pricing/publicOnDemandCost']))));
    const keys = new Set(recs.map((x) => `${x['product/ProductName']}|${x['lineItem/UsageAccountId']}`));
    expect(summary.groups).toHaveLength(keys.size);
    for (const key of keys) {
      const [service, account] = key.split('|');
      const mine = recs.filter((x) => x['product/ProductName'] === service && x['lineItem/UsageAccountId'] === account);
      const group = summary.groups.find((g) => g.key.service === service && g.key.subAccount === account);
      expect(group).toMatchObject({ key: { provider: 'AWS' }, rows: mine.length, billedCost: billed(mine), currency: 'USD' });
    }
  });

  it('stores the CUR fields in their FOCUS columns', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('test_cur.csv', kokuFile())] });
    const recs = records(KOKU);
    const stored = await storedCharges(engine);
    expect(stored.map((s) => s.row)).toEqual(recs.map((_, i) => i + 2));
    stored.forEach((s, i) => {
      const x = recs[i];
      expect(s).toMatchObject({
        ProviderName: 'AWS',
        PublisherName: 'AWS',
        InvoiceIssuerName: 'Amazon Web Services, Inc.',
        ServiceName: x['product/ProductName'],
        SubAccountId: x['lineItem/UsageAccountId'],
        SubAccountName: x['lineItem/UsageAccountId'],
        BillingAccountId: x['bill/PayerAccountId'],
        ChargeCategory: 'Usage',
        PricingCategory: 'Standard',
        SkuId: x['product/sku'],
        SkuMeter: x['lineItem/UsageType'],
        ResourceId: x['lineItem/ResourceId'],
        RegionName: x['product/location'],
        PricingUnit: x['pricing/unit'],
        ConsumedUnit: x['pricing/unit'],
        consumedQuantity: Number(x['lineItem/UsageAmount']),
        start: '2018-06-01T00:00:00Z',
        end: '2018-07-01T00:00:00Z',
        x_Model: null,
        tokens: null,
        tags: null,
      });
    });
  });

  it('refuses a bad cost whole, naming file, row, column and value, and leaves the workspace unchanged', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('good.csv', fixtureBytes(EXTRAS))] });
    const before = await snapshot(engine);
    const table = kokuTable();
    const costCol = table[0].indexOf('lineItem/UnblendedCost');
    const startCol = table[0].indexOf('lineItem/UsageStartDate');
    table[3][costCol] = '$0.0029';
    table[6][startCol] = '06/01/2018';
    const [r] = await engine.call('import/files', { files: [fileInput('broken_cur.csv', kokuFile(table))] });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('import/invalid-rows');
    const problems = r.error?.details.problems ?? [];
    expect(problems[0]).toMatchObject({ file: 'broken_cur.csv', row: 4, column: 'lineItem/UnblendedCost', value: '$0.0029' });
    expect(problems[0].expected).toMatch(/decimal/);
    expect(problems[1]).toMatchObject({ file: 'broken_cur.csv', row: 7, column: 'lineItem/UsageStartDate', value: '06/01/2018' });
    expect(await snapshot(engine)).toEqual(before);
  });

  it('names the missing column of a CUR header without usage dates', async () => {
    const { engine } = await testEngine();
    const csv = 'identity/LineItemId,bill/PayerAccountId,lineItem/LineItemType,lineItem/UnblendedCost\nabc,1,Usage,1.5\n';
    const [r] = await engine.call('import/files', { files: [fileInput('cut.csv', csv)] });
    expect(r.error?.code).toBe('import/missing-columns');
    expect(r.error?.details.missing).toEqual(['lineItem/UsageStartDate']);
  });
});

describe('AWS CUR (legacy) — tags, commitments, credits and Marketplace Bedrock', () => {
  it('amortizes the reservation, keeps credits and tax, and totals the invoice exactly', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('extras.csv', fixtureBytes(EXTRAS))] });
    const recs = records(EXTRAS);
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'AWS CUR (legacy)', rows: 11, sourceKind: 'invoice' });
    expect(r.billedCost).toBe(exactSum(recs.map((x) => x['lineItem/UnblendedCost'])));
    const summary = await engine.call('summary/totals', { by: ['chargeCategory'] });
    expect(summary.billedCost).toBe(r.billedCost);
    // By hand, line by line: Usage 0.096; DiscountedUsage at reservation/EffectiveCost 0.0588; RIFee at its
    // unused upfront 1.25 + unused recurring 0.75; the RI's upfront Fee 0 (spread over DiscountedUsage);
    // S3 0.2875; Marketplace tokens 0.75 + 0.6; EdpDiscount -0.0048; Credit -0.05; Refund -1.5; Tax 2.14.
    expect(summary.effectiveCost).toBe(exactSum(['0.096', '0.0588', '1.25', '0.75', '0', '0.2875', '0.75', '0.6', '-0.0048', '-0.05', '-1.5', '2.14']));
    const byCategory = Object.fromEntries(summary.groups.map((g) => [g.key.chargeCategory, g.billedCost]));
    const sumOf = (types: string[]) => exactSum(recs.filter((x) => types.includes(x['lineItem/LineItemType'])).map((x) => x['lineItem/UnblendedCost']));
    expect(byCategory).toEqual({
      Usage: sumOf(['Usage', 'DiscountedUsage']),
      Purchase: sumOf(['RIFee', 'Fee']),
      Credit: sumOf(['EdpDiscount', 'Credit', 'Refund']),
      Tax: sumOf(['Tax']),
    });
  });

  it('reads resourceTags columns, drops empty values, and marks commitments and prior-period refunds', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('extras.csv', fixtureBytes(EXTRAS))] });
    const s = await storedCharges(engine);
    expect(s[0].tags).toEqual({ Team: 'search', 'aws:createdBy': 'IAMUser:AIDAEXAMPLE:alice', env: 'prod' });
    expect(s[1].tags).toEqual({ Team: 'search' });
    expect(s[2].tags).toBeNull();
    expect(s[1]).toMatchObject({ ChargeCategory: 'Usage', PricingCategory: 'Committed', CommitmentDiscountType: 'Reserved Instance' });
    expect(s[1].CommitmentDiscountId).toMatch(/^arn:aws:ec2:.*reserved-instances/);
    expect(s[2]).toMatchObject({ ChargeCategory: 'Purchase', ChargeFrequency: 'Recurring', effective: '2', consumedQuantity: null });
    expect(s[3]).toMatchObject({ ChargeCategory: 'Purchase', ChargeFrequency: 'One-Time', billed: '200', effective: '0' });
    expect(s[9]).toMatchObject({ ChargeCategory: 'Credit', ChargeClass: 'Correction', start: '2025-02-10T00:00:00Z' });
    expect(s[8].ChargeClass).toBeNull();
    expect(s[10]).toMatchObject({ ChargeCategory: 'Tax', billed: '2.14', list: '2.14' });
  });

  it('reads Marketplace Bedrock lines as the seller’s model with token classes', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('extras.csv', fixtureBytes(EXTRAS))] });
    const recs = records(EXTRAS);
    const s = await storedCharges(engine);
    const mp = s.filter((c) => c.PublisherName === 'Anthropic, PBC');
    expect(mp.map((c) => [c.x_Model, c.x_TokenClass, c.tokens, c.ProviderName, c.ServiceCategory])).toEqual([
      ['claude-3-sonnet', 'input', Number(recs[5]['lineItem/UsageAmount']), 'AWS', 'AI and Machine Learning'],
      ['claude-3-sonnet', 'output', Number(recs[6]['lineItem/UsageAmount']), 'AWS', 'AI and Machine Learning'],
    ]);
    const byModel = await engine.call('summary/totals', { by: ['model'] });
    expect(byModel.groups.find((g) => g.key.model === 'claude-3-sonnet')?.billedCost).toBe(
      exactSum(recs.filter((x) => x['bill/BillingEntity'] === 'AWS Marketplace').map((x) => x['lineItem/UnblendedCost'])),
    );
  });

  it('keeps unknown line item types, falls back to unblended cost without amortization columns, and reads TimeInterval', async () => {
    const { engine } = await testEngine();
    const csv = [
      'identity/TimeInterval,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/UnblendedCost,lineItem/ProductCode,lineItem/UsageAccountId',
      '2025-05-01T00:00:00Z/2025-05-01T01:00:00Z,DiscountedUsage,2025-05-01T00:00:00Z,2025-05-01T01:00:00Z,0.5,AmazonRDS,111',
      '2025-05-02T00:00:00Z/2025-05-03T00:00:00Z,FutureLineType,,,1.25,AmazonRDS,111',
      '2025-05-02T00:00:00Z/2025-05-03T00:00:00Z,SppDiscount,2025-05-02T00:00:00Z,,-0.1,AmazonRDS,111',
    ].join('\n');
    const [r] = await engine.call('import/files', { files: [fileInput('small.csv', csv)] });
    expect(r).toMatchObject({ status: 'imported', rows: 3, billedCost: '1.65' });
    expect(r.warnings).toContain('1 DiscountedUsage line lacks their amortized cost columns: their EffectiveCost is their unblended cost.');
    expect(r.warnings).toContain('Unknown line item types kept as Adjustment: FutureLineType.');
    expect(r.warnings.join(' ')).toMatch(/no pricing\/publicOnDemandCost column/);
    const s = await storedCharges(engine);
    expect(s.map((c) => [c.ChargeCategory, c.ServiceName, c.start, c.end, c.effective, c.list])).toEqual([
      ['Usage', 'AmazonRDS', '2025-05-01T00:00:00Z', '2025-05-01T01:00:00Z', '0.5', '0.5'],
      ['Adjustment', 'AmazonRDS', '2025-05-02T00:00:00Z', '2025-05-03T00:00:00Z', '1.25', '1.25'],
      ['Credit', 'AmazonRDS', '2025-05-02T00:00:00Z', '2025-05-03T00:00:00Z', '-0.1', '-0.1'],
    ]);
  });
});
