import { describe, expect, it } from 'vitest';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';

const header = 'ChargePeriodStart,BilledCost,ProviderName,BillingAccountId\n';
const sep = `${header}2025-09-01,10,OpenAI,org-1\n`;
const sepV2 = `${header}2025-09-01,12,OpenAI,org-1\n`;
const oct = `${header}2025-10-01,3,OpenAI,org-1\n`;

describe('staged imports (review before commit)', () => {
  it('count nowhere until committed, then count', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('sep.csv', sep)], options: { stage: true } });
    expect(r).toMatchObject({ status: 'staged', rows: 1, billedCost: '10', formatLabel: 'FOCUS 1.0 (subset)' });
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('0');
    expect(await engine.call('import/history', {})).toEqual([]);
    expect((await engine.call('workspace/info', {}))?.chargeRows).toBe(0);
    const committed = await engine.call('import/commit', { decisions: [{ importId: r.importId! }] });
    expect(committed.map((c) => c.file)).toEqual(['sep.csv']);
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('10');
  });

  it('can be discarded, leaving the workspace as it was', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('oct.csv', oct)] });
    const [r] = await engine.call('import/files', { files: [fileInput('sep.csv', sep)], options: { stage: true } });
    expect(await engine.call('import/discard', { importIds: [r.importId!] })).toEqual({ removedRows: 1 });
    const { bytes } = await engine.call('workspace/export', {});
    const SQL = await (await import('sql.js')).default();
    const db = new SQL.Database(bytes);
    expect(db.exec('SELECT count(*) FROM charges')[0].values[0][0]).toBe(1);
    expect(db.exec('SELECT count(*) FROM imports')[0].values[0][0]).toBe(1);
  });

  it('ask for a decision on a replacement at commit, and replace when told', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('sep.csv', sep)] });
    const [r] = await engine.call('import/files', { files: [fileInput('sep-v2.csv', sepV2)], options: { stage: true } });
    expect(r.status).toBe('staged');
    expect(r.replaces.map((x) => x.file)).toEqual(['sep.csv']);
    await expect(engine.call('import/commit', { decisions: [{ importId: r.importId! }] })).rejects.toMatchObject({ code: 'import/needs-decision' });
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('10');
    await engine.call('import/commit', { decisions: [{ importId: r.importId!, replace: true }] });
    expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe('12');
    expect((await engine.call('import/history', {})).map((h) => h.file)).toEqual(['sep-v2.csv']);
  });

  it('read a file as the format the analyst chose, or say what that format lacks', async () => {
    const { engine } = await testEngine();
    const [ok] = await engine.call('import/files', { files: [fileInput('s.csv', fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv'))], options: { stage: true, format: 'focus' } });
    expect(ok).toMatchObject({ status: 'staged', format: 'focus', importer: 'focus', rows: 200 });
    const formats = await engine.call('import/formats', {});
    expect(formats.find((f) => f.id === 'focus')).toEqual({ id: 'focus', label: 'FOCUS 1.0–1.3', kind: 'table' });
  });

  it('are dropped when a workspace saved with them is opened again', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('oct.csv', oct)] });
    await engine.call('import/files', { files: [fileInput('sep.csv', sep)], options: { stage: true } });
    const { bytes } = await engine.call('workspace/export', {});
    const info = await engine.call('workspace/open', { name: 'Again', bytes });
    expect(info.importCount).toBe(1);
    // The same file can be staged again: its earlier staged copy is gone.
    const [again] = await engine.call('import/files', { files: [fileInput('sep.csv', sep)], options: { stage: true } });
    expect(again.status).toBe('staged');
  });
});
