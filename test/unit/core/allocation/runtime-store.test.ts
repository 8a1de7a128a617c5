import { describe, expect, it } from 'vitest';
import { FIXED_NOW, testEngine } from '../../helpers/engine';
import { all, cond, failure, key, rule, ruleSet, split, TEAM_BY_PROJECT } from './runtime-fixtures';

const FIRST = ruleSet([TEAM_BY_PROJECT]);
const SECOND = ruleSet(
  [key('team', [...TEAM_BY_PROJECT.rules, rule('search-sub', all(cond('SubAccountName', 'contains', 'search')), 'Search')])],
  [split('share', 'team', all(cond('vtag:team', 'equals', 'Unallocated')), 'even')],
);

describe('saving allocation rules', () => {
  it('starts from an empty rule set at version 0, then saves versions with their history, newest first', async () => {
    const { engine, events } = await testEngine();
    expect(await engine.call('allocation/rules', {})).toEqual({
      ruleSet: { format: 'costbook-allocation', version: 1, keys: [], splits: [] },
      version: 0,
      updatedAt: null,
    });
    expect(await engine.call('allocation/history', {})).toEqual([]);

    const one = await engine.call('allocation/save', { ruleSet: FIRST, expectedVersion: 0 });
    expect(one).toEqual({ ruleSet: FIRST, version: 1, updatedAt: FIXED_NOW.toISOString() });
    const two = await engine.call('allocation/save', { ruleSet: SECOND, expectedVersion: 1 });
    expect(two.version).toBe(2);
    expect(await engine.call('allocation/rules', {})).toEqual({ ruleSet: SECOND, version: 2, updatedAt: FIXED_NOW.toISOString() });

    const history = await engine.call('allocation/history', {});
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[1].changes).toEqual(['Key “team” added']);
    expect(history[0].changes).toEqual(['Rule “Rule search-sub” added to team', 'Split “Split share” added']);
    expect(history.every((h) => h.at === FIXED_NOW.toISOString())).toBe(true);
    expect(events.filter((e) => e.name === 'db/changed').map((e) => e.payload)).toEqual([{ tables: ['allocation_rules'] }, { tables: ['allocation_rules'] }]);
  });

  it('refuses a save from a stale version, and keeps the rules that were saved', async () => {
    const { engine } = await testEngine();
    await engine.call('allocation/save', { ruleSet: FIRST });
    const e = await failure(engine.call('allocation/save', { ruleSet: SECOND, expectedVersion: 0 }));
    expect(e.code).toBe('allocation/version-conflict');
    expect(e.details).toMatchObject({ expected: 0, found: 1 });
    expect((await engine.call('allocation/rules', {})).ruleSet).toEqual(FIRST);
  });

  it('refuses invalid rules with every problem and its path, saving nothing', async () => {
    const { engine } = await testEngine();
    const bad = ruleSet([key('team', [rule('r1', all(cond('x_Project', 'regex', '(unclosed')), 'A'), rule('r1', all(), 'B')])]);
    const problems = await engine.call('allocation/validate', { ruleSet: bad });
    expect(problems.map((p) => p.path)).toEqual(['keys[0].rules[0].when.items[0].value', 'keys[0].rules[1].id']);
    const e = await failure(engine.call('allocation/save', { ruleSet: bad }));
    expect(e.code).toBe('allocation/invalid-rules');
    expect(e.details.problems).toEqual(problems);
    expect(e.message).toContain('keys[0].rules[0].when.items[0].value');
    expect(await engine.call('allocation/rules', {})).toMatchObject({ version: 0 });
    expect(await engine.call('allocation/validate', { ruleSet: SECOND })).toEqual([]);
  });

  it('exports the saved rules as readable JSON and imports them into another workspace', async () => {
    const { engine } = await testEngine();
    await engine.call('allocation/save', { ruleSet: SECOND });
    const { json } = await engine.call('allocation/export-rules', {});
    expect(json).toContain('\n  "format": "costbook-allocation",\n');
    expect(JSON.parse(json)).toEqual(SECOND);

    const other = await testEngine();
    await other.engine.call('allocation/save', { ruleSet: FIRST });
    const imported = await other.engine.call('allocation/import-rules', { json: `\ufeff${json}`, fileName: 'rules.json' });
    expect(imported).toMatchObject({ ruleSet: SECOND, version: 2 });
    expect((await other.engine.call('allocation/history', {}))[0].changes).toContain('Split “Split share” added');
    expect(other.events.filter((e) => e.name === 'db/changed')).toHaveLength(2);
  });

  it('refuses a rule file that is not JSON or not a rule set, naming the first problem and where it is', async () => {
    const { engine } = await testEngine();
    await engine.call('allocation/save', { ruleSet: FIRST });
    const notJson = await failure(engine.call('allocation/import-rules', { json: '{"format": "costbook-allocation",', fileName: 'cut.json' }));
    expect(notJson.code).toBe('allocation/invalid-file');
    expect(notJson.message).toMatch(/^cut\.json: the text is not JSON/);
    expect(notJson.details).toMatchObject({ file: 'cut.json', problems: [{ path: '' }] });

    const wrong = JSON.stringify({ ...SECOND, splits: [{ ...SECOND.splits[0], method: 'magic' }] });
    const invalid = await failure(engine.call('allocation/import-rules', { json: wrong, fileName: 'wrong.json' }));
    expect(invalid.code).toBe('allocation/invalid-file');
    const problems = invalid.details.problems as unknown as { path: string; message: string }[];
    expect(problems[0].path).toBe('splits[0].method');
    expect(invalid.message).toContain('wrong.json');
    expect(invalid.message).toContain('(at splits[0].method)');
    expect(await engine.call('allocation/rules', {})).toMatchObject({ ruleSet: FIRST, version: 1 });
  });
});
