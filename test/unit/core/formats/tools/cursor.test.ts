import { describe, expect, it } from 'vitest';
import { exactSum, testEngine } from '../../../helpers/engine';
import { fixtureRecords, fixtureText, importFixture, importText, lineOf, snapshot, storedCharges, total, unixSeconds } from './tools-helpers';

const TEAM = 'cursor-usage-csv/team_usage_events.csv';
const V3 = 'cursor-usage-csv/individual_usage_events_v3.csv';

/** The dollars an event adds to the invoice, per the documented rule: Included events cost 0. */
function billedOf(rec: Record<string, string>): string {
  if (/included/i.test(rec.Cost) || /included/i.test(rec.Kind)) return '0';
  return rec.Cost.replace('$', '');
}

/** Token classes of an event, from the four token columns (zero-token classes after input are left out). */
function classesOf(rec: Record<string, string>): [string, number][] {
  const lines: [string, number][] = [['input', Number(rec['Input (w/o Cache Write)'])]];
  const rest: [string, number][] = [
    ['cached_read', Number(rec['Cache Read'])],
    ['cache_write', Number(rec['Input (w/ Cache Write)'])],
    ['output', Number(rec['Output Tokens'])],
  ];
  return [...lines, ...rest.filter(([, n]) => n !== 0)];
}

describe('Cursor usage events', () => {
  it('imports a team export as invoice: Included events at 0, one charge per token class', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(TEAM);
    const r = await importFixture(engine, TEAM);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('cursor-usage');
    expect(r.formatLabel).toBe('Cursor usage events');
    expect(r.sourceKind).toBe('invoice');
    expect(r.rows).toBe(records.reduce((n, rec) => n + classesOf(rec).length, 0));
    expect(r.billedCost).toBe(exactSum(records.map(billedOf)));
    expect(r.billedCost).toBe('0.02');
    expect(r.warnings.some((w) => /2 event\(s\) are included in the Cursor plan/.test(w))).toBe(true);

    const stored = await storedCharges(engine);
    records.forEach((rec, k) => {
      const mine = stored.filter((s) => s.row === lineOf(k));
      expect(mine.map((s) => [s.x_TokenClass, s.tokens])).toEqual(classesOf(rec));
      expect(total(mine, (s) => s.tokens)).toBe(Number(rec['Total Tokens']));
      expect(mine[0]).toMatchObject({ billed: billedOf(rec), requests: 1, start: unixSeconds(rec.Date) });
      for (const s of mine) expect(s).toMatchObject({ ProviderName: 'Cursor', x_User: rec.User, x_Model: rec.Model, BillingCurrency: 'USD', sourceKind: 'invoice' });
    });
    expect(stored[0].PublisherName).toBe('Anthropic');
    expect(stored.find((s) => s.x_Model === 'gpt-5')?.PublisherName).toBe('OpenAI');
    expect(stored.find((s) => s.x_Model === 'auto')?.PublisherName).toBe('Cursor');

    const byModel = await engine.call('summary/totals', { by: ['provider', 'model'] });
    expect(byModel.billedCost).toBe(exactSum(records.map(billedOf)));
    for (const rec of records) {
      const group = byModel.groups.find((g) => g.key.model === rec.Model);
      expect(group?.key.provider).toBe('Cursor');
      expect(group?.billedCost).toBe(exactSum(records.filter((x) => x.Model === rec.Model).map(billedOf)));
      expect(group?.rows).toBe(classesOf(rec).length);
    }
  });

  it('imports the individual v3 export, Cost "0" on an Included event', async () => {
    const { engine } = await testEngine();
    const [rec] = fixtureRecords(V3);
    const r = await importFixture(engine, V3);
    expect(r.formatLabel).toBe('Cursor usage events');
    expect(r.billedCost).toBe('0');
    const stored = await storedCharges(engine);
    expect(stored.map((s) => [s.x_TokenClass, s.tokens])).toEqual(classesOf(rec));
    expect(stored[0]).toMatchObject({ x_User: null, x_Model: 'composer-1.5', PublisherName: 'Cursor', ChargeDescription: 'Included' });
  });

  it('reads v1 (Cost to you), v2 and the older single-Tokens team layout', async () => {
    const { engine } = await testEngine();
    const v1 = [
      'Date,Model,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost,Cost to you',
      '"2025-06-03T10:00:00.000Z","claude-4-sonnet","100","2000","0","500","2600","0.19","0"',
      '"2025-06-03T11:00:00.000Z","claude-4-sonnet","0","1000","0","300","1300","$0.08","$0.08"',
    ].join('\n');
    const a = await importText(engine, 'v1.csv', v1);
    expect(a).toMatchObject({ status: 'imported', formatLabel: 'Cursor usage events', billedCost: '0.08', rows: 5 });
    const v1Rows = (await storedCharges(engine)).filter((s) => s.row === 2);
    expect(v1Rows[0]).toMatchObject({ billed: '0', list: '0.19' });

    const v2 = [
      'Date,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost',
      '"2025-07-01T09:00:00.000Z","Included","gpt-5","Yes","0","800","0","200","1000","0.05"',
      '"2025-07-01T09:05:00.000Z","Usage-based","gpt-5","No","0","800","0","200","1000","0.05"',
    ].join('\n');
    const b = await importText(engine, 'v2.csv', v2);
    expect(b).toMatchObject({ status: 'imported', billedCost: '0.05' });
    const included = (await storedCharges(engine)).filter((s) => s.start === unixSeconds('2025-07-01T09:00:00Z'));
    // The plan paid for it: billed 0, its dollar value kept as list cost.
    expect(included[0]).toMatchObject({ billed: '0', list: '0.05', ChargeDescription: 'Included, Max Mode' });

    const legacy = ['Date,User,Kind,Max Mode,Model,Tokens,Cost ($)', '"2025-03-01T08:00:00Z","dev@example.com","Usage-based","No","claude-3.7-sonnet","12000","0.36"'].join('\n');
    const c = await importText(engine, 'legacy.csv', legacy);
    expect(c).toMatchObject({ status: 'imported', billedCost: '0.36', rows: 1 });
    const old = (await storedCharges(engine)).filter((s) => s.x_Model === 'claude-3.7-sonnet');
    expect(old).toEqual([expect.objectContaining({ x_TokenClass: null, tokens: 12000, x_User: 'dev@example.com', billed: '0.36' })]);
  });

  it('keeps an export without a cost column as usage', async () => {
    const { engine } = await testEngine();
    const text = ['Date,User,Kind,Max Mode,Model,Tokens,Requests', '"2025-03-01T08:00:00Z","dev@example.com","Included","No","gpt-4.1","5000","2"'].join('\n');
    const r = await importText(engine, 'requests.csv', text);
    expect(r).toMatchObject({ status: 'imported', sourceKind: 'usage', billedCost: '0' });
    expect((await storedCharges(engine))[0]).toMatchObject({ tokens: 5000, requests: 2 });
    expect((await engine.call('summary/totals', { by: [] })).rows).toBe(0);
  });

  it('refuses an unreadable cost or token count, naming file, line, column and value', async () => {
    const { engine } = await testEngine();
    await importFixture(engine, TEAM);
    const before = await snapshot(engine);
    const lines = fixtureText(TEAM).split('\n');
    lines[2] = lines[2].replace('"$0.02"', '"0,02 €"');
    lines[3] = lines[3].replace('"15000"', '"15k"');
    const r = await importText(engine, 'bad-cursor.csv', lines.join('\n'));
    expect(r.status).toBe('failed');
    const problems = r.error?.details.problems ?? [];
    expect(problems[0]).toMatchObject({ file: 'bad-cursor.csv', row: 3, column: 'Cost', value: '0,02 €' });
    expect(problems[0].expected).toMatch(/US dollars/);
    expect(problems[1]).toMatchObject({ row: 4, column: 'Input (w/o Cache Write)', value: '15k' });
    expect(await snapshot(engine)).toEqual(before);
  });

  it('keeps every token line of a valid event and none of a refused one when importing valid rows only', async () => {
    const { engine } = await testEngine();
    const records = fixtureRecords(TEAM);
    const lines = fixtureText(TEAM).split('\n');
    lines[2] = lines[2].replace('"800"', '"eight hundred"');
    const r = await importText(engine, 'partly-bad.csv', lines.join('\n'), { validRowsOnly: true });
    expect(r).toMatchObject({ status: 'imported', rejectedRows: 1 });
    const stored = await storedCharges(engine);
    expect(stored.map((s) => s.row)).toEqual([2, 2, 2, 2, 4, 4]);
    expect(r.rows).toBe(classesOf(records[0]).length + classesOf(records[2]).length);
  });
});
