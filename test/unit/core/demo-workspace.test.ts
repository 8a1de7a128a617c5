import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';

describe('the demo workspace', () => {
  it('imports generated FOCUS files of four providers over three months through the import path', async () => {
    const { engine } = await testEngine();
    const { files, info } = await engine.call('workspace/demo', { seed: 42 });
    expect(files.map((f) => f.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(new Set(files.map((f) => f.formatLabel))).toEqual(new Set(['FOCUS 1.2']));
    expect(info.importCount).toBe(4);
    const s = await engine.call('summary/totals', { by: ['month', 'provider'] });
    // Clock is 2026-11-15: the demo covers August to October 2026.
    expect([...new Set(s.groups.map((g) => g.key.month))]).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(new Set(s.groups.map((g) => g.key.provider)).size).toBe(4);
    expect(Number(s.billedCost)).toBeGreaterThan(10_000);
    const models = await engine.call('summary/totals', { by: ['model'] });
    expect(models.groups.length).toBeGreaterThan(5);
    // Only tax and credit lines carry no model.
    expect(models.groups.filter((g) => g.key.model === null).length).toBeLessThanOrEqual(1);
  });

  it('is the same for the same seed', async () => {
    const a = await (await testEngine()).engine.call('workspace/demo', { seed: 7 });
    const b = await (await testEngine()).engine.call('workspace/demo', { seed: 7 });
    expect(a.files.map((f) => f.billedCost)).toEqual(b.files.map((f) => f.billedCost));
  });
});
