import { describe, expect, it } from 'vitest';
import { ANTHROPIC_JSON_IMPORTERS, ANTHROPIC_TABLE_IMPORTERS } from '../../../../../src/core/imports/formats/anthropic';
import { OPENAI_JSON_IMPORTERS, OPENAI_TABLE_IMPORTERS } from '../../../../../src/core/imports/formats/openai';
import { allFixtures } from '../openai/fixture-headers';

const MINE = /^anthropic-/;

function claims(f: ReturnType<typeof allFixtures>[number], tables: typeof ANTHROPIC_TABLE_IMPORTERS, jsons: typeof ANTHROPIC_JSON_IMPORTERS): string[] {
  if (f.header !== null) return tables.filter((i) => i.detect(f.header ?? []) !== null).map((i) => i.id);
  return jsons.filter((i) => i.detect(f.doc) !== null).map((i) => i.id);
}

describe('Anthropic format detection', () => {
  const fixtures = allFixtures();

  it('claims no other family’s fixture', () => {
    const others = fixtures.filter((f) => !MINE.test(f.rel));
    expect(others.length).toBeGreaterThan(10);
    for (const f of others) expect({ file: f.rel, claims: claims(f, ANTHROPIC_TABLE_IMPORTERS, ANTHROPIC_JSON_IMPORTERS) }).toEqual({ file: f.rel, claims: [] });
  });

  it('claims each of its own fixtures with exactly one importer, and OpenAI claims none of them', () => {
    const expected: Record<string, string> = {
      'usage_report_messages.json': 'anthropic-usage-api',
      'cost_report.json': 'anthropic-cost-api',
      'usage_export_2026.csv': 'anthropic-console-usage',
      'cost_export_2026.csv': 'anthropic-console-cost',
      'cost_export_2024_v1.csv': 'anthropic-console-cost',
    };
    const mine = fixtures.filter((f) => MINE.test(f.rel));
    expect(mine.length).toBe(Object.keys(expected).length);
    for (const f of mine) {
      const name = f.rel.split('/').pop() ?? '';
      expect({ file: f.rel, claims: claims(f, ANTHROPIC_TABLE_IMPORTERS, ANTHROPIC_JSON_IMPORTERS) }).toEqual({ file: f.rel, claims: [expected[name]] });
      expect(claims(f, OPENAI_TABLE_IMPORTERS, OPENAI_JSON_IMPORTERS)).toEqual([]);
    }
  });
});
