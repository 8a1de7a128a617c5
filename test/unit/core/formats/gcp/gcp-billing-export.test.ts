import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { plain, records, storedCharges } from '../azure/test-helpers';

const KOKU = 'gcp-billing-bigquery-flattened/2022-08-01_5.csv';
const VERTEX = 'gcp-billing-vertex-synthetic/gcp_billing_export_vertex_synthetic.csv';

/** Credit amounts of a credits cell, found with a regular expression (not the importer's parser). */
function credits(cell: string): string[] {
  return [...cell.matchAll(/['"]amount['"]\s*:\s*(-?[\d.]+(?:e-?\d+)?)/gi)].map((m) => plain(m[1]));
}

/** What is owed for a record: cost plus its credits (formats.md §4.4). */
function net(r: Record<string, string>): string {
  return exactSum([plain(r.cost), ...credits(r.credits)]);
}

function byProject(file: Record<string, string>[]): Map<string | null, Record<string, string>[]> {
  const out = new Map<string | null, Record<string, string>[]>();
  for (const r of file) {
    const key = r['project.name'] || null;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

describe('GCP billing export (BigQuery, flattened)', () => {
  it('imports the koku detailed export with totals per project equal to cost plus credits', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('2022-08-01_5.csv', fixtureBytes(KOKU))] });
    const file = records(KOKU);
    expect(r).toMatchObject({ status: 'imported', format: 'gcp-billing-export', formatLabel: 'GCP billing export', rows: file.length, currency: 'USD' });
    expect(r.billedCost).toBe(exactSum(file.map(net)));
    expect(r.billedCost).toBe('0.000012');
    expect(r.periodStart).toBe('2022-08-01');
    expect(r.warnings.some((w) => /no cost_at_list/.test(w))).toBe(true);
    const summary = await engine.call('summary/totals', { by: ['provider', 'subAccount', 'service'] });
    expect(summary.groups).toEqual([
      { key: { provider: 'Google Cloud', subAccount: 'cm_example', service: 'Compute Engine' }, rows: 9, billedCost: '0.000012', effectiveCost: '0.000012', listCost: '0.000012', currency: 'USD' },
    ]);
    const stored = await storedCharges(engine, ['ChargePeriodStart', 'ChargePeriodEnd', 'BillingPeriodStart', 'BillingPeriodEnd', 'SubAccountId', 'ResourceId', 'ResourceName', 'SkuId', 'RegionId', 'BillingAccountId']);
    stored.forEach((s, k) => {
      expect(s).toMatchObject({
        ChargePeriodStart: Date.parse(file[k].usage_start_time.replace(' ', 'T')) / 1000,
        ChargePeriodEnd: Date.parse(file[k].usage_end_time.replace(' ', 'T')) / 1000,
        BillingPeriodStart: Date.UTC(2022, 7, 1) / 1000,
        BillingPeriodEnd: Date.UTC(2022, 8, 1) / 1000,
        SubAccountId: file[k]['project.id'],
        ResourceId: file[k]['resource.global_name'],
        ResourceName: file[k]['resource.name'],
        SkuId: file[k]['sku.id'],
        RegionId: 'us-central1',
        BillingAccountId: file[k].billing_account_id,
      });
    });
  });

  it('nets credits (Python repr and JSON lists, scientific notation) and keeps list and pre-credit costs', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('vertex.csv', fixtureBytes(VERTEX))] });
    const file = records(VERTEX);
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'GCP billing export', rows: file.length, currency: 'USD' });
    expect(r.billedCost).toBe(exactSum(file.map(net)));
    expect(r.warnings.some((w) => /billed per character/.test(w))).toBe(true);

    const summary = await engine.call('summary/totals', { by: ['subAccount'] });
    const projects = byProject(file);
    expect(summary.groups).toHaveLength(projects.size);
    for (const [project, mine] of projects) {
      expect(summary.groups.find((g) => g.key.subAccount === project)).toMatchObject({
        rows: mine.length,
        billedCost: exactSum(mine.map(net)),
        effectiveCost: exactSum(mine.map(net)),
        listCost: exactSum(mine.map((x) => plain(x.cost_at_list || x.cost))),
      });
    }
    const stored = await storedCharges(engine, ['ContractedCost', 'ChargeCategory', 'Tags', 'ChargePeriodStart', 'SubAccountId']);
    stored.forEach((s, k) => expect(s.ContractedCost).toBe(exactSum([plain(file[k].cost)])));
    expect(stored.map((s) => s.ChargeCategory)).toEqual(file.map((x) => (x.cost_type === 'tax' ? 'Tax' : 'Usage')));
    // The row's own labels win over the project's (env: canary over prod); quotes inside values survive.
    expect(stored[0].Tags).toBe('{"env":"canary","team":"search"}');
    expect(stored[1].Tags).toBe('{"env":"prod","team":"search"}');
    expect(stored[8].Tags).toBe(`{"owner":"o'neil","team":"bi"}`);
    expect(stored[9]).toMatchObject({ Tags: null, SubAccountId: null });
    // "2026-08-04 14:00:00 UTC", as BigQuery extracts TIMESTAMPs.
    expect(stored[6].ChargePeriodStart).toBe(Date.UTC(2026, 7, 4, 14) / 1000);
  });

  it('gives Vertex AI lines model, token class, tier and tokens; character-billed and storage lines have none', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('vertex.csv', fixtureBytes(VERTEX))] });
    const file = records(VERTEX);
    const stored = await storedCharges(engine, ['SkuMeter', 'ServiceName', 'ServiceCategory', 'x_Model', 'x_TokenClass', 'x_ServiceTier', 'x_Tokens', 'ConsumedQuantity', 'ConsumedUnit']);
    const ai = (sku: string) => stored.find((s) => s.SkuMeter === sku);
    expect(ai('Gemini 2.5 Flash GA Text Input - Predictions')).toMatchObject({ ServiceName: 'Vertex AI', ServiceCategory: 'AI and Machine Learning', x_Model: 'gemini-2.5-flash', x_TokenClass: 'input', x_ServiceTier: 'standard', x_Tokens: 1_250_000 });
    expect(ai('Gemini 2.5 Flash GA Text Output - Predictions')).toMatchObject({ x_Model: 'gemini-2.5-flash', x_TokenClass: 'output', x_Tokens: 300_000 });
    expect(ai('Gemini 2.5 Flash GA Input Text Caching')).toMatchObject({ x_Model: 'gemini-2.5-flash', x_TokenClass: 'cached_read', x_Tokens: 4_000_000 });
    expect(ai('Gemini 2.5 Flash Text Input - Batch Predictions')).toMatchObject({ x_Model: 'gemini-2.5-flash', x_TokenClass: 'input', x_ServiceTier: 'batch', x_Tokens: 2_000_000 });
    expect(ai('Gemini 1.5 Pro Input Text')).toMatchObject({ x_Model: 'gemini-1.5-pro', x_TokenClass: 'input', x_Tokens: null, ConsumedQuantity: 500_000, ConsumedUnit: 'char' });
    expect(ai('Gemini 2.5 Flash GA Text Input Caching Storage')).toMatchObject({ x_Model: 'gemini-2.5-flash', x_TokenClass: null, x_ServiceTier: null, x_Tokens: null });
    expect(ai('Cloud Vertex AI Model Garden Model as a Service Gemma-4 Input Token')).toMatchObject({ x_Model: 'gemma-4', x_Tokens: 100_000 });
    expect(ai('Analysis')).toMatchObject({ ServiceCategory: null, x_Model: null, x_TokenClass: null, x_Tokens: null });
    // Token counts equal the usage amounts of the token-unit rows of the file.
    const tokenRows = file.filter((x) => x['usage.unit'] === 'count');
    expect(stored.reduce((n, s) => n + (typeof s.x_Tokens === 'number' ? s.x_Tokens : 0), 0)).toBe(tokenRows.reduce((n, x) => n + Number(x['usage.amount']), 0));

    const byModel = await engine.call('summary/totals', { by: ['model'] });
    const flash = file.filter((x) => x['sku.description'].startsWith('Gemini 2.5 Flash'));
    expect(byModel.groups.find((g) => g.key.model === 'gemini-2.5-flash')).toMatchObject({ rows: flash.length, billedCost: exactSum(flash.map(net)) });
  });

  it('refuses a malformed credits list and a bad cost, naming the line, column and value', async () => {
    const { engine } = await testEngine();
    const lines = new TextDecoder().decode(fixtureBytes(VERTEX)).split('\n');
    lines[1] = lines[1].replace("'amount': -0.1,", "'amount': -0.1 minus,");
    lines[2] = lines[2].replace(',0.75,USD,', ',0.75$,USD,');
    const [r] = await engine.call('import/files', { files: [fileInput('broken.csv', lines.join('\n'))] });
    expect(r.status).toBe('failed');
    const problems = r.error?.details.problems ?? [];
    expect(problems).toContainEqual(expect.objectContaining({ file: 'broken.csv', row: 2, column: 'credits' }));
    expect(problems.find((p) => p.column === 'credits')?.value).toMatch(/minus/);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'broken.csv', row: 3, column: 'cost', value: '0.75$' }));
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
  });

  it('refuses the one-row-per-credit layout, which repeats each cost', async () => {
    const { engine } = await testEngine();
    const csv = 'billing_account_id,service.description,sku.description,usage_start_time,cost,currency,credits.name,credits.amount\nA,Compute Engine,Core,2026-08-01 00:00:00+00:00,1.0,USD,SUD,-0.2\n';
    const [r] = await engine.call('import/files', { files: [fileInput('per-credit.csv', csv)] });
    expect(r.error?.code).toBe('import/missing-columns');
    expect(r.error?.details.missing?.[0]).toMatch(/^credits \(one list per row/);
  });
});

describe('stored text after an empty value (GCP)', () => {
  // See azure-rules.test.ts: the Gemma row follows the storage row, which has no token class.
  it('keeps the Gemma row input class after the cache-storage row', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('vertex.csv', fixtureBytes(VERTEX))] });
    const stored = await storedCharges(engine, ['SkuMeter', 'x_TokenClass', 'x_ServiceTier']);
    expect(stored.find((s) => /Gemma-4/.test(String(s.SkuMeter)))).toMatchObject({ x_TokenClass: 'input', x_ServiceTier: 'standard' });
  });
});
