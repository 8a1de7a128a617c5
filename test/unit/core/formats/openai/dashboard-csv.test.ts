import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { fixtureText, storedCharges } from './stored-charges';

const EXPORT = 'openai-dashboard-csv/cost_export.csv';
const BY_LINE_ITEM = 'openai-dashboard-csv-line-items/cost_export_by_line_item.csv';
const FOCUS = 'focus-1.0-sample/focus_sample_subset200.csv';

function records(rel: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fixtureText(rel), { header: true, skipEmptyLines: true }).data;
}

/** Rows with an amount; the export writes days without spend as rows of empty fields. */
function spendRows(rel: string): Record<string, string>[] {
  return records(rel).filter((r) => r.amount_value !== '');
}

describe('OpenAI dashboard cost CSV', () => {
  it('imports the export as invoiced cost, skipping days without spend', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('cost_export.csv', fixtureBytes(EXPORT))] });
    const spend = spendRows(EXPORT);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('openai-dashboard-cost');
    expect(r.formatLabel).toBe('OpenAI cost export (dashboard)');
    expect(r.rows).toBe(spend.length);
    expect(r.rows).toBe(2);
    expect(r.billedCost).toBe(exactSum(spend.map((x) => x.amount_value)));
    expect(r.currency).toBe('USD');
    expect(r.periodStart).toBe('2026-09-28');
    expect(r.warnings.join(' ')).toMatch(/1 row without an amount/);

    const summary = await engine.call('summary/totals', { by: ['provider', 'subAccount'] });
    expect(summary.billedCost).toBe(exactSum(spend.map((x) => x.amount_value)));
    for (const project of new Set(spend.map((x) => x.project_name))) {
      const mine = spend.filter((x) => x.project_name === project);
      const group = summary.groups.find((g) => g.key.subAccount === project);
      expect(group).toMatchObject({ key: { provider: 'OpenAI', subAccount: project }, rows: mine.length, currency: 'USD' });
      expect(group?.billedCost).toBe(exactSum(mine.map((x) => x.amount_value)));
    }
    const stored = await storedCharges(engine);
    expect(stored.map((c) => c.row)).toEqual([3, 4]);
    expect(stored.map((c) => c.start)).toEqual(spend.map((x) => Number(x.start_time)));
    expect(stored[0]).toMatchObject({ SubAccountId: 'proj_example01', BillingAccountId: 'org-example01', ServiceName: 'OpenAI API', x_Model: null });
  });

  it('reads model, token class and tokens from line items and quantities', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('by_line_item.csv', fixtureBytes(BY_LINE_ITEM))] });
    const spend = spendRows(BY_LINE_ITEM);
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(spend.length);
    expect(r.billedCost).toBe(exactSum(spend.map((x) => x.amount_value)));

    const summary = await engine.call('summary/totals', { by: ['model'] });
    const models = new Map<string | null, string[]>();
    for (const x of spend) {
      const model = /^([^,]+), /.exec(x.line_item)?.[1] ?? null;
      models.set(model, [...(models.get(model) ?? []), x.amount_value]);
    }
    expect(summary.groups.map((g) => [g.key.model, g.billedCost])).toEqual(
      [...models.entries()].map(([m, v]) => [m, exactSum(v)]).sort((a, b) => String(a[0] ?? '').localeCompare(String(b[0] ?? ''))),
    );

    const stored = await storedCharges(engine);
    const tokens = (x: Record<string, string>) =>
      x.quantity === '' ? null : Number(x.quantity) * (x.quantity_unit === '1000_tokens' ? 1000 : 1);
    expect(stored.map((c) => [c.x_Model, c.x_TokenClass, c.tokens])).toEqual([
      ['gpt-4o-2024-08-06', 'input', tokens(spend[0])],
      ['gpt-4o-2024-08-06', 'cached_read', tokens(spend[1])],
      ['gpt-4o-2024-08-06', 'output', tokens(spend[2])],
      ['gpt-4o-mini-2024-07-18', 'input', 5_000_000],
      [null, null, null],
    ]);
    expect(stored.map((c) => c.SkuMeter)).toEqual(spend.map((x) => x.line_item));
    expect(stored[3]).toMatchObject({ SubAccountName: 'Nightly batch', x_Project: 'proj_batch02' });
  });

  it('refuses a row with a bad amount or time, naming file, line, column and value, and changes nothing', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('good.csv', fixtureBytes(EXPORT))] });
    const before = [await engine.call('workspace/info', {}), await engine.call('import/history', {}), await engine.call('summary/totals', { by: ['provider'] })];
    const lines = fixtureText(BY_LINE_ITEM).split('\n');
    lines[2] = lines[2].replace('0.150000000000000000000000000000', '"$0.15"');
    lines[5] = lines[5].replace(/^1790985600,/, '2026-10-03,');
    const [r] = await engine.call('import/files', { files: [fileInput('broken.csv', lines.join('\n'))] });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('import/invalid-rows');
    expect(r.error?.details.problems).toEqual([
      expect.objectContaining({ file: 'broken.csv', row: 3, column: 'amount_value', value: '$0.15' }),
      expect.objectContaining({ file: 'broken.csv', row: 6, column: 'start_time', value: '2026-10-03' }),
    ]);
    expect([await engine.call('workspace/info', {}), await engine.call('import/history', {}), await engine.call('summary/totals', { by: ['provider'] })]).toEqual(before);
  });

  it('is told from the header: a missing column is named, FOCUS files stay FOCUS', async () => {
    const { engine } = await testEngine();
    const header = 'start_time,end_time,amount_value,amount_currency,project_name';
    const [missing] = await engine.call('import/files', { files: [fileInput('no-line-item.csv', `${header}\n1790812800,1790899200,1.5,usd,Search\n`)] });
    expect(missing.error?.code).toBe('import/missing-columns');
    expect(missing.error?.details.missing).toEqual(['line_item']);

    const [focus] = await engine.call('import/files', { files: [fileInput('focus.csv', fixtureBytes(FOCUS))] });
    expect(focus.formatLabel).toBe('FOCUS 1.0');
    // A FOCUS file that carries OpenAI's own columns as extras is still FOCUS.
    const focusWithExtras =
      'ChargePeriodStart,BilledCost,ProviderName,x_Model,start_time,end_time,amount_value,amount_currency,line_item\n' +
      '2026-10-01T00:00:00Z,1.25,OpenAI,gpt-4o,1790812800,1790899200,1.25,usd,"gpt-4o, input"\n';
    const [extras] = await engine.call('import/files', { files: [fileInput('focus-extras.csv', focusWithExtras)] });
    expect(extras.format).toBe('focus');
  });
});
