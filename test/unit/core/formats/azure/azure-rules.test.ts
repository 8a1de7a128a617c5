import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectTable } from '../../../../../src/core/imports/formats';
import { fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { storedCharges } from './test-helpers';

const ACTUAL = 'azure-cost-export-ea/EA_ActualCost_Small.csv';

function text(rel: string): string {
  return new TextDecoder().decode(fixtureBytes(rel));
}

async function counts(engine: Awaited<ReturnType<typeof testEngine>>['engine']) {
  return {
    rows: (await engine.call('workspace/info', {}))?.chargeRows,
    imports: (await engine.call('import/history', {})).length,
    summary: await engine.call('summary/totals', { by: ['provider'] }),
  };
}

/** A minimal EA-shaped file: the columns detection needs, then the given records. */
function eaFile(rows: string[], extra = ''): string {
  return [`Date,MeterCategory,MeterName,Quantity,Cost,BillingCurrency,SubscriptionId${extra}`, ...rows].join('\n') + '\n';
}

describe('Azure rows that are refused', () => {
  it('refuses a bad cost and malformed tags, naming file, line, column and value, and leaves the workspace as it was', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('good.csv', fixtureBytes(ACTUAL))] });
    const before = await counts(engine);
    const lines = text(ACTUAL).split('\n');
    lines[2] = lines[2].replace(',0.00004,', ',0.00004 USD,');
    lines[3] = lines[3].replace('"""CostCenter"": ""1234""', '"""CostCenter"": 1234 oops');
    const [r] = await engine.call('import/files', { files: [fileInput('broken.csv', lines.join('\n'))] });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('import/invalid-rows');
    const problems = r.error?.details.problems ?? [];
    expect(problems).toContainEqual(expect.objectContaining({ file: 'broken.csv', row: 3, column: 'Cost', value: '0.00004 USD' }));
    expect(problems.find((p) => p.column === 'Cost')?.expected).toMatch(/decimal/);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'broken.csv', row: 4, column: 'Tags' }));
    expect(problems.find((p) => p.column === 'Tags')?.value).toMatch(/oops/);
    expect(await counts(engine)).toEqual(before);
  });

  it('refuses slash dates that no value tells the day order of, rather than guessing', async () => {
    const { engine } = await testEngine();
    const csv = eaFile(['03/04/2024,Storage,LRS,1,0.5,USD,sub-1', '05/06/2024,Storage,LRS,1,0.5,USD,sub-1']);
    const [r] = await engine.call('import/files', { files: [fileInput('ambiguous.csv', csv)] });
    expect(r.status).toBe('failed');
    const problems = r.error?.details.problems ?? [];
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: 'ambiguous.csv', row: 2, column: 'Date', value: '03/04/2024' });
    expect(problems[0].expected).toMatch(/MM\/DD\/YYYY from DD\/MM\/YYYY/);
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });

  it('decides DD/MM from a day over 12 and then holds the file to it', async () => {
    const { engine } = await testEngine();
    const [ok] = await engine.call('import/files', {
      files: [fileInput('dmy.csv', eaFile(['13/04/2024,Storage,LRS,1,0.5,EUR,sub-1', '03/04/2024,Storage,LRS,1,0.25,EUR,sub-1']))],
    });
    expect(ok).toMatchObject({ status: 'imported', periodStart: '2024-04-03', periodEnd: '2024-04-13', currency: 'EUR', billedCost: '0.75' });
    const [bad] = await engine.call('import/files', {
      files: [fileInput('mixed.csv', eaFile(['13/05/2024,Storage,LRS,1,0.5,EUR,sub-2', '05/14/2024,Storage,LRS,1,0.25,EUR,sub-2']))],
    });
    expect(bad.error?.details.problems?.[0]).toMatchObject({ row: 3, column: 'Date', value: '05/14/2024', expected: "a date in this file's DD/MM/YYYY order" });
  });

  it('needs a currency on every row', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('nocur.csv', eaFile(['2024-04-01,Storage,LRS,1,0.5,,sub-1']))] });
    expect(r.error?.details.problems?.[0]).toMatchObject({ row: 2, column: 'BillingCurrency', value: '' });
  });
});

describe('Azure detection', () => {
  const header = (rel: string): string[] => Papa.parse<string[]>(text(rel).replace(/^\uFEFF/, ''), { preview: 1 }).data[0];

  it.each([
    ['azure-cost-export-ea/EA_ActualCost_Small.csv', 'azure-ea'],
    ['azure-cost-export-ea/EA_NoRows.csv', 'azure-ea'],
    ['azure-cost-export-ea-amortized/EA_AmortizedCost_synthetic.csv', 'azure-ea'],
    ['azure-openai-ea-export/azure_openai_ea_actual_synthetic.csv', 'azure-ea'],
    ['azure-cost-export-mca/azure_version_2.csv', 'azure-mca'],
    ['azure-cost-export-mca-camel/mca_camel_synthetic.csv', 'azure-mca'],
    ['azure-usage-details-legacy/usage_details_legacy_synthetic.csv', 'azure-usage-legacy'],
    ['gcp-billing-bigquery-flattened/2022-08-01_5.csv', 'gcp-billing-export'],
    ['gcp-cost-table-console/gcp_cost_table_console.csv', 'gcp-cost-table'],
    ['focus-1.0-sample/focus_sample_subset200.csv', 'focus'],
  ])('%s is %s', (rel, format) => {
    expect(detectTable(rel, header(rel)).detection.format).toBe(format);
  });

  it('leaves FOCUS files to FOCUS even with Azure x_ columns, and tells a FOCUS sample apart after Azure imports', async () => {
    const focusish = ['BilledCost', 'ChargePeriodStart', 'ServiceName', 'ProviderName', 'x_SkuMeterCategory', 'MeterCategory', 'MeterName', 'Quantity', 'Cost', 'SubscriptionId', 'Date', 'BillingCurrency'];
    expect(detectTable('focus.csv', focusish).detection.format).toBe('focus');
    const { engine } = await testEngine();
    const [focus] = await engine.call('import/files', {
      files: [fileInput('focus.csv', fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv'))],
    });
    expect(focus.formatLabel).toBe('FOCUS 1.0');
  });

  it('says which columns an Azure-looking file lacks', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', {
      files: [fileInput('nodate.csv', 'MeterCategory,MeterName,MeterId,Quantity,Cost,SubscriptionId,ResourceGroup\nStorage,LRS,m1,1,0.5,sub-1,rg\n')],
    });
    expect(r.error?.code).toBe('import/missing-columns');
    expect(r.error?.details.missing).toEqual(['Date', 'BillingCurrency']);
  });
});

describe('stored text after an empty value', () => {
  // A regression test: the writer skips the dictionary when a column repeats the previous row's
  // value, and must forget that value when a row has none. The MCA sample's 4th line has RegionId
  // "usnorth" again after the Unassigned 3rd line.
  it('keeps a region that returns after a row without one', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('mca.csv', fixtureBytes('azure-cost-export-mca/azure_version_2.csv'))] });
    const stored = await storedCharges(engine, ['RegionId']);
    expect(stored.map((s) => s.RegionId)).toEqual(['usnorth', null, 'usnorth', 'usnorth', 'usnorth']);
  });
});
