import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine';
import { generateDemoFiles } from '../../../src/core/demo/generate-demo';
import { exactSum, testEngine } from '../helpers/engine';
import { amountTexts, buckets, fileNamed, rows } from './demo/demo-files';

/** Clock is 2026-11-15: the demo covers August to October 2026, and seed 42 is the handler's default. */
const files = generateDemoFiles({ seed: 42, endMonth: '2026-10' });

const LABELS: [string, string, 'invoice' | 'usage'][] = [
  ['demo-openai-costs-', 'OpenAI costs (Admin API)', 'invoice'],
  ['demo-openai-usage-completions-', 'OpenAI usage (Admin API)', 'usage'],
  ['demo-anthropic-cost-', 'Anthropic cost export (Console, 2026 layout)', 'invoice'],
  ['demo-anthropic-usage-', 'Anthropic usage export (Console)', 'usage'],
  ['demo-azure-ea-actualcost-', 'Azure EA cost export', 'invoice'],
  ['demo-aws-cur2-bedrock-', 'AWS CUR 2.0', 'invoice'],
  ['demo-litellm-spendlogs-', 'LiteLLM spend logs', 'usage'],
];

/** Tokens stored per import format, read from the workspace file the engine exports. */
async function storedTokens(engine: Engine): Promise<Record<string, number>> {
  const { bytes } = await engine.call('workspace/export', {});
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  try {
    const res = db.exec('SELECT i.format, sum(c.x_Tokens) FROM charges c JOIN imports i ON i.id = c.x_ImportId GROUP BY i.format');
    return Object.fromEntries(res[0].values.map(([format, tokens]) => [String(format), Number(tokens)]));
  } finally {
    db.close();
  }
}

/** Token counts as each file states them, summed here from the files' own columns. */
function fileTokens(): Record<string, number> {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const openai = buckets(files, 'demo-openai-usage-completions-').flatMap((b) => b.results);
  const anthropic = rows(fileNamed(files, 'demo-anthropic-usage-'));
  const ea = rows(fileNamed(files, 'demo-azure-'));
  const cur = rows(fileNamed(files, 'demo-aws-')).filter((r) => r.line_item_line_item_type === 'Usage');
  return {
    'openai-usage-api': sum(openai.map((r) => Number(r.input_tokens) + Number(r.output_tokens))),
    'anthropic-console-usage': sum(
      anthropic.map((r) =>
        sum(['no_cache', 'cache_write_5m', 'cache_write_1h', 'cache_read'].map((c) => Number(r[`usage_input_tokens_${c}`])).concat(Number(r.usage_output_tokens))),
      ),
    ),
    'azure-ea': sum(ea.map((r) => Math.round(Number(r.Quantity) * (r.UnitOfMeasure === '1M' ? 1e6 : 1e3)))),
    'aws-cur2': sum(cur.map((r) => Number(r.line_item_usage_amount))),
    'litellm-spendlogs': sum(rows(fileNamed(files, 'demo-litellm-')).map((r) => Number(r.total_tokens))),
  };
}

describe('the demo workspace', () => {
  it('imports the providers’ own exports through the import path, each as its intended format', async () => {
    const { engine } = await testEngine();
    const { files: results, info } = await engine.call('workspace/demo', { seed: 42 });
    expect(results.map((r) => r.file)).toEqual(files.map((f) => f.name));
    expect(results.map((r) => r.status)).toEqual(files.map(() => 'imported'));
    for (const r of results) {
      const [, label] = LABELS.find(([prefix]) => r.file.startsWith(prefix)) ?? [];
      expect({ file: r.file, label: r.formatLabel }).toEqual({ file: r.file, label });
    }
    expect(info.importCount).toBe(files.length);
    const history = await engine.call('import/history', {});
    for (const h of history) expect(h.sourceKind).toBe(LABELS.find(([prefix]) => h.file.startsWith(prefix))?.[2]);
  });

  it('shows three months of four providers’ invoiced cost, exactly the invoices’ sum; usage sources apart', async () => {
    const { engine } = await testEngine();
    await engine.call('workspace/demo', { seed: 42 });
    const s = await engine.call('summary/totals', { by: ['month', 'provider'] });
    expect([...new Set(s.groups.map((g) => g.key.month))]).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(new Set(s.groups.map((g) => g.key.provider))).toEqual(new Set(['OpenAI', 'Anthropic', 'Microsoft', 'AWS']));
    expect(s.groups).toHaveLength(12);
    const invoiced = exactSum([
      ...amountTexts(fileNamed(files, 'demo-openai-costs-')),
      ...rows(fileNamed(files, 'demo-anthropic-cost-')).map((r) => r.cost_usd),
      ...rows(fileNamed(files, 'demo-azure-')).map((r) => r.Cost),
      ...rows(fileNamed(files, 'demo-aws-')).map((r) => r.line_item_unblended_cost),
    ]);
    expect(s.billedCost).toBe(invoiced);
    expect(Number(s.billedCost)).toBeGreaterThan(10_000);
    const models = await engine.call('summary/totals', { by: ['model'] });
    expect(models.groups.length).toBeGreaterThan(5);
    // Only the AWS tax lines carry no model.
    expect(models.groups.filter((g) => g.key.model === null).map((g) => g.rows)).toEqual([12]);
  });

  it('stores the usage sources with their tokens, as many as the files state', async () => {
    const { engine } = await testEngine();
    await engine.call('workspace/demo', { seed: 42 });
    const stored = await storedTokens(engine);
    const stated = fileTokens();
    for (const [format, tokens] of Object.entries(stated)) expect({ format, tokens: stored[format] }).toEqual({ format, tokens });
    expect(stated['openai-usage-api']).toBeGreaterThan(1e9);
  });

  it('is the same for the same seed', async () => {
    const a = await (await testEngine()).engine.call('workspace/demo', { seed: 7 });
    const b = await (await testEngine()).engine.call('workspace/demo', { seed: 7 });
    expect(a.files.map((f) => f.billedCost)).toEqual(b.files.map((f) => f.billedCost));
  });
});
