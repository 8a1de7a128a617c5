import { describe, expect, it } from 'vitest';
import { ANTHROPIC_JSON_IMPORTERS, ANTHROPIC_TABLE_IMPORTERS } from '../../../../../src/core/imports/formats/anthropic';
import { OPENAI_JSON_IMPORTERS, OPENAI_TABLE_IMPORTERS } from '../../../../../src/core/imports/formats/openai';
import { allFixtures } from './fixture-headers';

const MINE = /^openai-/;

function claims(f: ReturnType<typeof allFixtures>[number], tables: typeof OPENAI_TABLE_IMPORTERS, jsons: typeof OPENAI_JSON_IMPORTERS): string[] {
  if (f.header !== null) return tables.filter((i) => i.detect(f.header ?? []) !== null).map((i) => i.id);
  return jsons.filter((i) => i.detect(f.doc) !== null).map((i) => i.id);
}

describe('OpenAI format detection', () => {
  const fixtures = allFixtures();

  it('claims no other family’s fixture', () => {
    const others = fixtures.filter((f) => !MINE.test(f.rel));
    expect(others.length).toBeGreaterThan(10);
    for (const f of others) expect({ file: f.rel, claims: claims(f, OPENAI_TABLE_IMPORTERS, OPENAI_JSON_IMPORTERS) }).toEqual({ file: f.rel, claims: [] });
  });

  it('claims each of its own fixtures with exactly one importer, and Anthropic claims none of them', () => {
    const expected: Record<string, string> = {
      'usage_completions_example.json': 'openai-usage-api',
      'usage_embeddings_example.json': 'openai-usage-api',
      'usage_completions_grouped.json': 'openai-usage-api',
      'costs_example.json': 'openai-costs-api',
      'costs_by_line_item.json': 'openai-costs-api',
      'cost_export.csv': 'openai-dashboard-cost',
      'cost_export_by_line_item.csv': 'openai-dashboard-cost',
    };
    const mine = fixtures.filter((f) => MINE.test(f.rel));
    expect(mine.length).toBe(Object.keys(expected).length);
    for (const f of mine) {
      const name = f.rel.split('/').pop() ?? '';
      expect({ file: f.rel, claims: claims(f, OPENAI_TABLE_IMPORTERS, OPENAI_JSON_IMPORTERS) }).toEqual({ file: f.rel, claims: [expected[name]] });
      expect(claims(f, ANTHROPIC_TABLE_IMPORTERS, ANTHROPIC_JSON_IMPORTERS)).toEqual([]);
    }
  });
});
