import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/shared/contract';
import { exactSum, fileInput, testEngine } from '../helpers/engine';

// An internal chargeback sheet no importer knows: slash dates (day first), its own column names.
const SHEET = [
  'Day;Team;Vendor;Model used;Amount;Tokens;Env',
  '31/08/2025;search;OpenAI;gpt-4o;12.50;120000;prod',
  '01/09/2025;chat;Anthropic;claude-sonnet-4;7.25;80000;staging',
  '02/09/2025;chat;Anthropic;claude-sonnet-4;0.125;1000;',
].join('\n');

const MAPPING: ColumnMapping = {
  columns: { ChargePeriodStart: 'Day', BilledCost: 'Amount', ProviderName: 'Vendor', x_Model: 'Model used', x_Tokens: 'Tokens', x_Project: 'Team' },
  tagColumns: ['Env'],
  dayOrder: 'DMY',
  currency: 'EUR',
  provider: null,
  sourceKind: 'invoice',
};

describe('mapping the columns of an unknown file', () => {
  it('refuses the file first, saying its header can be mapped', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('sheet.csv', SHEET)] });
    expect(r.error?.code).toBe('import/unrecognized-format');
    expect(r.error?.details).toMatchObject({ mappable: true, header: ['Day', 'Team', 'Vendor', 'Model used', 'Amount', 'Tokens', 'Env'] });
  });

  it('shows the first rows as they will be stored, with problems', async () => {
    const { engine } = await testEngine();
    const sample = await engine.call('mapping/sample', { file: fileInput('sheet.csv', SHEET) });
    expect(sample.header).toEqual(['Day', 'Team', 'Vendor', 'Model used', 'Amount', 'Tokens', 'Env']);
    expect(sample.rows).toHaveLength(3);
    const preview = await engine.call('mapping/preview', { file: fileInput('sheet.csv', SHEET), mapping: MAPPING });
    expect(preview.problems).toEqual([]);
    expect(preview.rows[0]).toEqual({
      line: 2,
      values: expect.objectContaining({
        ChargePeriodStart: '2025-08-31T00:00:00Z',
        BilledCost: '12.5',
        BillingCurrency: 'EUR',
        ProviderName: 'OpenAI',
        x_Model: 'gpt-4o',
        x_Tokens: '120000',
        x_Project: 'search',
        Tags: '{"Env":"prod"}',
      }),
    });
    const wrongOrder = await engine.call('mapping/preview', { file: fileInput('sheet.csv', SHEET), mapping: { ...MAPPING, dayOrder: 'MDY' } });
    expect(wrongOrder.problems[0]).toMatchObject({ row: 2, column: 'Day', value: '31/08/2025' });
  });

  it('saves the mapping as a profile that is applied the next time the same header comes', async () => {
    const { engine } = await testEngine();
    const profile = await engine.call('mapping/save', { name: 'Finance sheet', header: ['Day', 'Team', 'Vendor', 'Model used', 'Amount', 'Tokens', 'Env'], mapping: MAPPING });
    expect(profile).toMatchObject({ name: 'Finance sheet', mapping: MAPPING });
    const [r] = await engine.call('import/files', { files: [fileInput('sheet-september.csv', SHEET)] });
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'Column mapping "Finance sheet"', rows: 3, currency: 'EUR' });
    expect(r.billedCost).toBe(exactSum(['12.50', '7.25', '0.125']));
    const byModel = await engine.call('summary/totals', { by: ['model'] });
    expect(byModel.groups.map((g) => [g.key.model, g.billedCost])).toEqual([
      ['claude-sonnet-4', '7.375'],
      ['gpt-4o', '12.5'],
    ]);
    expect((await engine.call('mapping/list', {})).map((p) => p.name)).toEqual(['Finance sheet']);
  });

  it('refuses a mapping without a date or amount column, or naming a column the file lacks', async () => {
    const { engine } = await testEngine();
    const header = ['Day', 'Amount'];
    await expect(
      engine.call('mapping/save', { name: 'x', header, mapping: { ...MAPPING, columns: { ChargePeriodStart: 'Day' }, tagColumns: [] } }),
    ).rejects.toMatchObject({ code: 'import/missing-columns', details: { missing: ['BilledCost'] } });
    await expect(engine.call('mapping/save', { name: 'x', header, mapping: { ...MAPPING, tagColumns: [] } })).rejects.toMatchObject({
      code: 'import/missing-columns',
    });
  });
});
