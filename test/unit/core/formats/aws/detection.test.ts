import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectTable } from '../../../../../src/core/imports/formats';
import { fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';

function headerOf(rel: string): string[] {
  return Papa.parse<string[]>(new TextDecoder().decode(fixtureBytes(rel)), { preview: 1 }).data[0];
}

const LEGACY = headerOf('aws-cur-legacy/test_cur.csv');
const LEGACY_EXTRAS = headerOf('aws-cur-legacy-extras/cur_legacy_extras.csv');
const CUR2 = headerOf('aws-cur2-bedrock/cur2_bedrock_subset.csv');
const ATHENA = headerOf('aws-cur-athena/cur_athena_small.csv');
const FOCUS = headerOf('focus-1.0-sample/focus_sample_subset200.csv');

const formatOf = (header: string[]) => detectTable('f.csv', header).detection.format;

describe('telling the CUR layouts apart (headers only)', () => {
  it('recognizes each sample by its own layout', () => {
    expect(formatOf(LEGACY)).toBe('aws-cur');
    expect(formatOf(LEGACY_EXTRAS)).toBe('aws-cur');
    expect(formatOf(CUR2)).toBe('aws-cur2');
    expect(formatOf(ATHENA)).toBe('aws-cur-athena');
    expect(detectTable('f.csv', CUR2).detection).toMatchObject({ label: 'AWS CUR 2.0', version: '2.0', sourceKind: 'invoice' });
  });

  it('needs only one CUR 2.0 column to tell CUR 2.0 from the Athena layout', () => {
    for (const marker of ['bill_payer_account_name', 'line_item_usage_account_name', 'product', 'resource_tags']) {
      expect(formatOf([...ATHENA, marker])).toBe('aws-cur2');
    }
    const cur2Markers = new Set(['bill_payer_account_name', 'line_item_usage_account_name', 'product', 'resource_tags']);
    expect(formatOf(CUR2.filter((h) => !cur2Markers.has(h)))).toBe('aws-cur-athena');
  });

  it('reads headers with a BOM, odd case and spaces', () => {
    expect(formatOf(['\uFEFFidentity/LineItemId', ' LINEITEM/UnblendedCost ', 'lineItem/usageStartDate'])).toBe('aws-cur');
    expect(formatOf(['\uFEFFline_item_unblended_cost', 'Line_Item_Usage_Start_Date'])).toBe('aws-cur-athena');
  });

  it('leaves FOCUS files to the FOCUS importer, even with AWS x_ columns or CUR-looking extras', () => {
    expect(formatOf(FOCUS)).toBe('focus');
    expect(formatOf([...FOCUS, 'x_UsageType', 'x_Operation', 'x_ServiceCode', 'x_Discounts'])).toBe('focus');
    expect(formatOf([...FOCUS, 'line_item_unblended_cost', 'line_item_usage_start_date', 'resource_tags'])).toBe('focus');
    expect(formatOf([...FOCUS, 'lineItem/UnblendedCost', 'lineItem/UsageStartDate'])).toBe('focus');
  });

  it('does not claim a snake_case header that lacks the cost or start column', () => {
    expect(() => detectTable('f.csv', CUR2.filter((h) => h !== 'line_item_unblended_cost'))).toThrow(/lacks line_item_unblended_cost/);
    expect(() => detectTable('f.csv', ['line_item_unblended_cost', 'cost', 'date'])).toThrow();
  });

  it('imports each sample with the label its layout names', async () => {
    const { engine } = await testEngine();
    const results = await engine.call('import/files', {
      files: [
        fileInput('a.csv', fixtureBytes('aws-cur-legacy-extras/cur_legacy_extras.csv')),
        fileInput('b.csv', fixtureBytes('aws-cur2-bedrock/cur2_bedrock_subset.csv')),
        fileInput('c.csv', fixtureBytes('aws-cur-athena/cur_athena_small.csv')),
        fileInput('d.csv', fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv')),
      ],
    });
    expect(results.map((r) => [r.status, r.formatLabel])).toEqual([
      ['imported', 'AWS CUR (legacy)'],
      ['imported', 'AWS CUR 2.0'],
      ['imported', 'AWS CUR (Athena)'],
      ['imported', 'FOCUS 1.0'],
    ]);
  });
});
