import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture, tempDirPerTest } from '../helpers/cli';
import { exactSum, fixturePath } from '../helpers/engine';

const tmp = tempDirPerTest('costbook-cli-');

const run = runCapture;

const SAMPLE = fixturePath('focus-1.0-sample/focus_sample_subset200.csv');

describe('costbook CLI', () => {
  it('imports a FOCUS file into a new workspace and prints JSON per file', async () => {
    const ws = join(tmp.path, 'month.costbook');
    const r = await run('import', '--workspace', ws, '--json', SAMPLE);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.imported).toBe(1);
    expect(json.files[0]).toMatchObject({
      file: 'focus_sample_subset200.csv',
      status: 'imported',
      format: 'focus',
      formatLabel: 'FOCUS 1.0',
      rows: 200,
      billedCost: '2.49246069179',
      currency: 'USD',
    });
    expect(existsSync(ws)).toBe(true);
    expect(existsSync(`${ws}.lock`)).toBe(false);
  });

  it('summary --by month,provider --json gives exact decimal strings that add up', async () => {
    const ws = join(tmp.path, 'w.costbook');
    await run('import', '--workspace', ws, SAMPLE);
    const r = await run('summary', '--workspace', ws, '--by', 'month,provider', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(Object.keys(s)).toEqual(expect.arrayContaining(['billedCost', 'effectiveCost', 'listCost', 'currency', 'groups']));
    expect(s.billedCost).toBe('2.49246069179');
    expect(s.currency).toBe('USD');
    expect(s.groups.map((g: { key: { provider: string } }) => g.key.provider)).toEqual(['AWS', 'Microsoft', 'Oracle']);
    expect(exactSum(s.groups.map((g: { billedCost: string }) => g.billedCost))).toBe(s.billedCost);
    const human = await run('summary', '--workspace', ws, '--by=provider');
    expect(human.out).toMatch(/AWS/);
    expect(human.out).toMatch(/TOTAL/);
  });

  it('exits non-zero when nothing was imported, with the problem named, and keeps the workspace', async () => {
    const ws = join(tmp.path, 'w.costbook');
    await run('import', '--workspace', ws, SAMPLE);
    const before = readFileSync(ws);
    const bad = join(tmp.path, 'bad.csv');
    writeFileSync(bad, 'ChargePeriodStart,BilledCost,ServiceName\n2025-01-01,1.5,A\n2025-01-02,one,B\n');
    const r = await run('import', '--workspace', ws, bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv line 3, column BilledCost: found "one"; expected a plain decimal number/);
    expect(readFileSync(ws)).toEqual(before);
    const again = await run('import', '--workspace', ws, '--json', SAMPLE);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).files[0].status).toBe('skipped');
  });

  it('imports every file of a folder and refuses bad usage with exit 2', async () => {
    const folder = join(tmp.path, 'exports');
    await import('node:fs').then((fs) => fs.mkdirSync(folder));
    writeFileSync(join(folder, 'a.csv'), 'ChargePeriodStart,BilledCost,ProviderName\n2025-03-01,1.10,OpenAI\n');
    writeFileSync(join(folder, 'b.csv'), 'ChargePeriodStart,BilledCost,ProviderName\n2025-03-02,2.20,Anthropic\n');
    const ws = join(tmp.path, 'f.costbook');
    const r = await run('import', '--workspace', ws, '--json', folder);
    expect(JSON.parse(r.out).files.map((f: { file: string }) => f.file)).toEqual(['a.csv', 'b.csv']);
    expect(JSON.parse((await run('summary', '--workspace', ws, '--json')).out).billedCost).toBe('3.3');
    expect((await run('import', SAMPLE)).code).toBe(2);
    expect((await run('summary', '--workspace', ws, '--by', 'colour')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('costbook import --import-valid-rows', () => {
  it('imports the valid records and writes the rejected ones beside the workspace', async () => {
    const ws = join(tmp.path, 'v.costbook');
    const bad = join(tmp.path, 'mixed.csv');
    writeFileSync(bad, 'ChargePeriodStart,BilledCost,ServiceName\n2025-01-01,1.5,A\n2025-01-02,one,B\n2025-01-03,2,C\n');
    const r = await run('import', '--workspace', ws, '--json', '--import-valid-rows', bad);
    expect(r.code).toBe(0);
    const file = JSON.parse(r.out).files[0];
    expect(file).toMatchObject({ status: 'imported', rows: 2, rejectedRows: 1, billedCost: '3.5', rejectedFile: join(tmp.path, 'mixed.csv.rejected.csv') });
    expect(file.rejectedCsv).toBeUndefined();
    expect(readFileSync(join(tmp.path, 'mixed.csv.rejected.csv'), 'utf8')).toMatch(/^x_SourceLine,x_RejectReason,ChargePeriodStart/);
  });
});

describe('costbook import of a new export of the same source and period', () => {
  it('waits for --replace or --keep-both', async () => {
    const ws = join(tmp.path, 'r.costbook');
    const header = 'ChargePeriodStart,BilledCost,ProviderName,BillingAccountId\n';
    writeFileSync(join(tmp.path, 'v1.csv'), `${header}2025-09-01,10,OpenAI,org-1\n`);
    writeFileSync(join(tmp.path, 'v2.csv'), `${header}2025-09-01,12,OpenAI,org-1\n`);
    await run('import', '--workspace', ws, join(tmp.path, 'v1.csv'));
    const waiting = await run('import', '--workspace', ws, join(tmp.path, 'v2.csv'));
    expect(waiting.code).toBe(1);
    expect(waiting.out).toMatch(/same source and period as import #1 v1\.csv: run again with --replace/);
    const replaced = await run('import', '--workspace', ws, '--replace', '--json', join(tmp.path, 'v2.csv'));
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.out).files[0].replaces[0]).toMatchObject({ importId: 1, file: 'v1.csv' });
    expect(JSON.parse((await run('summary', '--workspace', ws, '--json')).out).billedCost).toBe('12');
    expect((await run('import', '--workspace', ws, '--replace', '--keep-both', join(tmp.path, 'v1.csv'))).code).toBe(2);
  });

  it('an option without its value is a usage error naming the option, in both spellings', async () => {
    const ws = join(tmp.path, 'w.costbook');
    const spaced = await run('summary', '--workspace');
    expect(spaced.code).toBe(2);
    expect(spaced.err).toContain('--workspace needs a value.');
    const inline = await run('allocate', '--workspace', ws, '--by=');
    expect(inline.code).toBe(2);
    expect(inline.err).toContain('--by needs a value.');
    const price = await run('price', 'gpt-4o', '--date');
    expect(price.code).toBe(2);
    expect(price.err).toContain('--date needs a value.');
    expect(existsSync(ws)).toBe(false);
  });
});
