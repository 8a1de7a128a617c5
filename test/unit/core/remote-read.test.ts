import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CancelToken } from '../../../src/core/engine';
import { generateFocusBenchLines } from '../../../src/core/demo/bench-rows';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256 } from '../../../src/core/hash/sha256';
import { remoteReader, type ReaderChannel } from '../../../src/core/imports/remote-read';
import { blobSource } from '../../../src/core/imports/sources';
import type { BlobLike, ColumnMapping, ImportFileInput } from '../../../src/shared/contract';
import { generateCur2Lines } from '../../bench/cur2-lines';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';
import { chargesAsValues, loopback } from '../helpers/remote-read';

const FIXTURES = [
  'anthropic-admin-api/cost_report.json',
  'anthropic-admin-api/usage_report_messages.json',
  'anthropic-console-csv/cost_export_2024_v1.csv',
  'anthropic-console-csv/usage_export_2026.csv',
  'aws-cur-athena/cur_athena_small.csv',
  'aws-cur-legacy/test_cur.csv',
  'aws-cur2-bedrock/cur2_bedrock_subset.csv',
  'azure-cost-export-ea/EA_ActualCost_Small.csv',
  'azure-cost-export-mca-camel/mca_camel_synthetic.csv',
  'azure-openai-ea-export/azure_openai_ea_actual_synthetic.csv',
  'gcp-billing-bigquery-flattened/2022-08-01_5.csv',
  'gcp-billing-vertex-synthetic/gcp_billing_export_vertex_synthetic.csv',
  'cursor-usage-csv/team_usage_events.csv',
  'litellm-spendlogs/spendlogs_export.csv',
  'openai-admin-api/costs_example.json',
  'openai-admin-api/usage_completions_example.json',
  'openai-dashboard-csv/cost_export.csv',
  'databricks-billing-usage/billing_usage_export.csv',
  'snowflake-cortex-usage/cortex_aisql_usage_history.csv',
  'github-usage-report-csv/premium_requests_report.csv',
  'focus-1.0-sample/focus_sample_subset200.csv',
];

const text = (lines: Iterable<string>): string => [...lines].join('');
/** 12,000 FOCUS rows: resource ids, API keys and sub-accounts pass 256 values, so those columns are sent raw part-way through. */
const FOCUS_12K = text(generateFocusBenchLines({ rows: 12_000, seed: 3, startMonth: '2026-08' }));
const CUR2_3K = text(generateCur2Lines(3_000, 5));

/** Fresh inputs each time: a test's file objects are read more than once. */
function folder(chunk: number): ImportFileInput[] {
  return [
    ...FIXTURES.map((f) => fileInput(f.split('/')[1], fixtureBytes(f), chunk)),
    fileInput('focus-12k.csv', FOCUS_12K, chunk),
    fileInput('cur2-3k.csv', CUR2_3K, chunk),
  ];
}

/** The first 3,000 generated FOCUS rows with BilledCost "twelve" on two of them. */
function badFocus(): string {
  const rows = Papa.parse<string[]>(FOCUS_12K, { skipEmptyLines: true }).data.slice(0, 3001);
  const billed = rows[0].indexOf('BilledCost');
  rows[40][billed] = 'twelve';
  rows[2500][billed] = 'twelve';
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}

describe('reading files on a second thread', () => {
  it('stores exactly what the engine stores reading them itself, for every format', async () => {
    const here = await testEngine();
    const threads = loopback();
    const there = await testEngine({ readRemote: remoteReader(threads.spawn, (f) => f.file, { minBytes: 0 }) });
    const a = await here.engine.call('import/files', { files: folder(4096) });
    const b = await there.engine.call('import/files', { files: folder(4096) });
    expect(a.every((r) => r.status === 'imported')).toBe(true);
    expect(b).toEqual(a);
    expect(threads.spawned).toBe(FIXTURES.length + 2);
    expect(threads.closed).toBe(threads.spawned);
    // The columns with many values went raw, so both ways of sending text were used.
    expect(threads.batches.reduce((n, batch) => n + batch.raw.length, 0)).toBeGreaterThan(10_000);
    expect(threads.batches.reduce((n, batch) => n + batch.strings.length, 0)).toBeGreaterThan(1000);
    const stored = await chargesAsValues(there.engine);
    expect(stored.length).toBe(a.reduce((n, r) => n + r.rows, 0));
    expect(stored).toEqual(await chargesAsValues(here.engine));
    const by = { by: ['month', 'provider', 'service', 'model'] as const };
    expect(await there.engine.call('summary/totals', { by: [...by.by] })).toEqual(await here.engine.call('summary/totals', { by: [...by.by] }));
  });

  it('refuses a file with bad rows with the same report, and "import the valid rows" commits the same rows', async () => {
    const here = await testEngine();
    const there = await testEngine({ readRemote: remoteReader(loopback().spawn, (f) => f.file, { minBytes: 0 }) });
    const bad = badFocus();
    const [a] = await here.engine.call('import/files', { files: [fileInput('bad.csv', bad, 8192)] });
    const [b] = await there.engine.call('import/files', { files: [fileInput('bad.csv', bad, 8192)] });
    expect(b.status).toBe('failed');
    expect(b.error?.details.problemCount).toBe(2);
    expect(b.error?.details.problems?.map((p) => [p.row, p.column, p.value])).toEqual([
      [41, 'BilledCost', 'twelve'],
      [2501, 'BilledCost', 'twelve'],
    ]);
    expect(b).toEqual(a);
    expect(await there.engine.call('import/history', {})).toEqual([]);
    expect(await chargesAsValues(there.engine)).toEqual([]);

    const options = { validRowsOnly: true };
    const [c] = await here.engine.call('import/files', { files: [fileInput('bad.csv', bad, 8192)], options });
    const [d] = await there.engine.call('import/files', { files: [fileInput('bad.csv', bad, 8192)], options });
    expect(d.status).toBe('imported');
    expect(d.rows).toBe(2998);
    expect(d.rejectedCsv).toMatch(/^x_SourceLine,x_RejectReason,/);
    expect(d).toEqual(c);
    expect(await chargesAsValues(there.engine)).toEqual(await chargesAsValues(here.engine));
  });

  it('applies saved column mappings and a chosen format there too', async () => {
    const here = await testEngine();
    const there = await testEngine({ readRemote: remoteReader(loopback().spawn, (f) => f.file, { minBytes: 0 }) });
    const sheet = ['Day;Team;Vendor;Amount', '31/08/2025;search;OpenAI;12.50', '01/09/2025;chat;Anthropic;7.25'].join('\n');
    const mapping: ColumnMapping = {
      columns: { ChargePeriodStart: 'Day', BilledCost: 'Amount', ProviderName: 'Vendor', x_Project: 'Team' },
      tagColumns: [],
      dayOrder: 'DMY',
      currency: 'EUR',
      provider: null,
      sourceKind: 'invoice',
    };
    const header = ['Day', 'Team', 'Vendor', 'Amount'];
    for (const e of [here, there]) await e.engine.call('mapping/save', { name: 'Finance sheet', header, mapping });
    const files = () => [fileInput('sheet.csv', sheet), fileInput('cur2.csv', CUR2_3K)];
    const options = { format: 'focus' };
    const [sheetHere] = await here.engine.call('import/files', { files: files().slice(0, 1) });
    const [sheetThere] = await there.engine.call('import/files', { files: files().slice(0, 1) });
    expect(sheetThere).toMatchObject({ status: 'imported', formatLabel: 'Column mapping "Finance sheet"', rows: 2, currency: 'EUR' });
    expect(sheetThere).toEqual(sheetHere);
    const [forcedHere] = await here.engine.call('import/files', { files: files().slice(1), options });
    const [forcedThere] = await there.engine.call('import/files', { files: files().slice(1), options });
    expect(forcedThere.error?.code).toBe('import/missing-columns');
    expect(forcedThere).toEqual(forcedHere);
    expect(await chargesAsValues(there.engine)).toEqual(await chargesAsValues(here.engine));
  });

  it('knows a file read there again by its hash, hashed there or on the engine thread', async () => {
    const here = await testEngine();
    await here.engine.call('import/files', { files: [fileInput('focus.csv', FOCUS_12K)] });
    const [{ fileHash }] = await here.engine.call('import/history', {});
    // A host's hash of its own, reading the file again beside the reading thread.
    const hashHere = async (handle: unknown, stop: { stopped: boolean }) => {
      const hash = sha256.create();
      for await (const chunk of blobSource({ name: 'focus.csv', size: FOCUS_12K.length, file: handle as BlobLike }).chunks()) {
        if (stop.stopped) break;
        hash.update(chunk);
      }
      return bytesToHex(hash.digest());
    };
    for (const options of [{ minBytes: 0 }, { minBytes: 0, hashHere }]) {
      const there = await testEngine({ readRemote: remoteReader(loopback().spawn, (f) => f.file, options) });
      await there.engine.call('import/files', { files: [fileInput('focus.csv', FOCUS_12K)] });
      const [again] = await there.engine.call('import/files', { files: [fileInput('copy.csv', FOCUS_12K)] });
      expect(again.status).toBe('skipped');
      expect(again.duplicateOf).toBe(1);
      expect((await there.engine.call('import/history', {}))[0].fileHash).toBe(fileHash);
    }
  });

  it('a cancel part-way ends the reading thread and leaves the workspace as it was', async () => {
    const threads = loopback();
    const token = new CancelToken();
    const there = await testEngine({
      readRemote: remoteReader(threads.spawn, (f) => f.file, { minBytes: 0 }),
      emit: (name, payload) => {
        if (name === 'import/progress' && (payload as { rows: number }).rows > 0) token.cancel();
      },
    });
    await there.engine.call('import/files', { files: [fileInput('first.csv', CUR2_3K)] });
    const before = await chargesAsValues(there.engine);
    const [r] = await there.engine.call('import/files', { files: [fileInput('focus.csv', FOCUS_12K, 4096)] }, token);
    expect(r.status).toBe('cancelled');
    expect(threads.closed).toBe(threads.spawned);
    expect(await chargesAsValues(there.engine)).toEqual(before);
    expect((await there.engine.call('import/history', {})).map((h) => h.file)).toEqual(['first.csv']);
  });

  it('a reading thread that dies fails the import by name and leaves the workspace as it was', async () => {
    const there = await testEngine({ readRemote: remoteReader(loopback(3).spawn, (f) => f.file, { minBytes: 0 }) });
    const [r] = await there.engine.call('import/files', { files: [fileInput('focus.csv', FOCUS_12K, 4096)] });
    expect(r.status).toBe('failed');
    expect(r.error?.code).toBe('engine/internal');
    expect(r.error?.message).toBe('focus.csv could not be read: the reading thread ran out of memory');
    expect(await chargesAsValues(there.engine)).toEqual([]);
    expect(await there.engine.call('import/history', {})).toEqual([]);
  });

  it('a reading thread that cannot start is no fault of the file: the engine reads it, to the same rows', async () => {
    const here = await testEngine();
    await here.engine.call('import/files', { files: [fileInput('focus.csv', FOCUS_12K, 4096)] });
    const blocked = (): ReaderChannel => {
      throw new Error('Worker is not allowed here');
    };
    const broken = (): ReaderChannel => ({
      post() {},
      listen(_onMessage, onError) {
        setTimeout(() => onError(new Error('the reading script did not load')));
      },
      close() {},
    });
    for (const spawn of [blocked, broken]) {
      const there = await testEngine({ readRemote: remoteReader(spawn, (f) => f.file, { minBytes: 0 }) });
      const [r] = await there.engine.call('import/files', { files: [fileInput('focus.csv', FOCUS_12K, 4096)] });
      expect(r.status).toBe('imported');
      expect(await chargesAsValues(there.engine)).toEqual(await chargesAsValues(here.engine));
      expect(await there.engine.call('import/history', {})).toEqual(await here.engine.call('import/history', {}));
    }
  });

  it('an unexpected failure while reading is named by its file, as on the engine thread', async () => {
    const bytes = new TextEncoder().encode(FOCUS_12K);
    // A file whose disk fails after 64 KiB.
    const failing = (): ImportFileInput => {
      const file = fileInput('broken.csv', bytes, 16 * 1024);
      const stream = file.file.stream.bind(file.file);
      file.file.stream = () => {
        const reader = stream().getReader();
        let reads = 0;
        const failingReader = { ...reader, read: () => (++reads > 4 ? Promise.reject(new Error('EIO: i/o error, read')) : reader.read()) };
        return { getReader: () => failingReader };
      };
      return file;
    };
    const here = await testEngine();
    const there = await testEngine({ readRemote: remoteReader(loopback().spawn, (f) => f.file, { minBytes: 0 }) });
    const [a] = await here.engine.call('import/files', { files: [failing()] });
    const [b] = await there.engine.call('import/files', { files: [failing()] });
    expect(b.error).toEqual({ code: 'engine/internal', message: 'broken.csv could not be imported: EIO: i/o error, read', details: { file: 'broken.csv' } });
    expect(b).toEqual(a);
  });

  it('a large JSON document crosses in batches too', async () => {
    // An OpenAI costs page of 30 daily buckets of 500 line items each: 15,000 charges.
    const data = Array.from({ length: 30 }, (_, day) => ({
      object: 'bucket',
      start_time: 1756684800 + day * 86400,
      end_time: 1756684800 + (day + 1) * 86400,
      results: Array.from({ length: 500 }, (_, i) => ({
        object: 'organization.costs.result',
        amount: { value: Number(((day * 500 + i) * 0.0137).toFixed(4)), currency: 'usd' },
        line_item: `gpt-4o-2024-08-06, ${i % 2 ? 'input' : 'output'}`,
        project_id: `proj_${i % 97}`,
      })),
    }));
    const json = JSON.stringify({ object: 'page', data, has_more: false, next_page: null });
    const here = await testEngine();
    const threads = loopback();
    const there = await testEngine({ readRemote: remoteReader(threads.spawn, (f) => f.file, { minBytes: 0 }) });
    const [a] = await here.engine.call('import/files', { files: [fileInput('costs.json', json)] });
    const [b] = await there.engine.call('import/files', { files: [fileInput('costs.json', json)] });
    expect(b).toMatchObject({ status: 'imported', rows: 15_000 });
    expect(b).toEqual(a);
    expect(threads.batches.filter((batch) => batch.count > 0).length).toBeGreaterThanOrEqual(4);
    expect(await chargesAsValues(there.engine)).toEqual(await chargesAsValues(here.engine));
  });

  it('reads small files and parts of archives on the engine thread', async () => {
    const threads = loopback();
    const there = await testEngine({ readRemote: remoteReader(threads.spawn, (f) => f.file, { minBytes: 1024 * 1024 }) });
    const [small, large] = await there.engine.call('import/files', {
      files: [fileInput('small.csv', fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv')), fileInput('large.csv', FOCUS_12K)],
    });
    expect([small.status, large.status]).toEqual(['imported', 'imported']);
    expect(threads.spawned).toBe(1);
  });
});
