import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCatalog, serialiseCatalog, type SourceFile } from '../../../../src/core/pricing/compile';

const ROOT = join(__dirname, '../../../..');
const PROVIDERS = join(ROOT, 'pricing/providers');

function sources(): SourceFile[] {
  return readdirSync(PROVIDERS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `pricing/providers/${f}`, json: JSON.parse(readFileSync(join(PROVIDERS, f), 'utf8')) }));
}

const price = (over: Record<string, unknown> = {}) => ({
  from: '2025-01-01',
  to: null,
  tier: 'standard',
  scope: 'global',
  unit: '1M tokens',
  rates: { input: '1.00', output: '2.00' },
  source: 'https://example.com/pricing',
  checked: '2025-01-02',
  ...over,
});

const provider = (models: unknown[]) => ({
  file: 'pricing/providers/acme.json',
  json: { provider: 'acme', name: 'Acme', firstParty: true, defaultScope: 'global', pricingUrls: ['https://example.com/pricing'], models },
});

const issuesOf = (models: unknown[]): string[] => compileCatalog([provider(models)]).issues;

describe('price catalog build', () => {
  it('validates every provider file and the committed catalog.json equals a fresh build', () => {
    const { catalog, issues } = compileCatalog(sources());
    expect(issues).toEqual([]);
    expect(catalog).not.toBeNull();
    if (catalog === null) return;
    const committed = readFileSync(join(ROOT, 'src/core/pricing/catalog.json'), 'utf8');
    expect(committed).toBe(serialiseCatalog(catalog));
  });

  it('is deterministic: the same files in another order compile to the same bytes', () => {
    const a = compileCatalog(sources()).catalog;
    const b = compileCatalog([...sources()].reverse()).catalog;
    expect(a && serialiseCatalog(a)).toBe(b && serialiseCatalog(b));
  });

  it('has the script fail with the reasons and write nothing when a file is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costbook-pricing-'));
    try {
      writeFileSync(join(dir, 'acme.json'), JSON.stringify(provider([{ id: 'm-1', name: 'M', aliases: [], prices: [price({ source: undefined })] }]).json));
      const out = join(dir, 'catalog.json');
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/pricing-build.mjs'), '--providers', dir, '--out', out], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('every price needs a source URL');
      expect(readdirSync(dir)).toEqual(['acme.json']);
      const ok = spawnSync(process.execPath, [join(ROOT, 'scripts/pricing-build.mjs'), '--check'], { encoding: 'utf8' });
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on overlapping date ranges of the same tier and scope', () => {
    const issues = issuesOf([{ id: 'm-1', name: 'M', aliases: [], prices: [price({ to: '2025-06-01' }), price({ from: '2025-05-01' })] }]);
    expect(issues.join('\n')).toMatch(/records overlap: 2025-01-01\.\.2025-06-01 and 2025-05-01\.\.open/);
  });

  it('fails on a gap between consecutive records', () => {
    const issues = issuesOf([{ id: 'm-1', name: 'M', aliases: [], prices: [price({ to: '2025-06-01' }), price({ from: '2025-07-01' })] }]);
    expect(issues.join('\n')).toMatch(/gap from 2025-06-01 to 2025-07-01/);
  });

  it('allows the same dates in different tiers and scopes, and back-to-back records', () => {
    const issues = issuesOf([
      { id: 'm-1', name: 'M', aliases: [], prices: [price({ to: '2025-06-01' }), price({ from: '2025-06-01' }), price({ tier: 'batch' }), price({ scope: 'data-zone' })] },
    ]);
    expect(issues).toEqual([]);
  });

  it('fails on a price without a source or a check date, on unknown units, meters, tiers and float rates', () => {
    const text = issuesOf([
      {
        id: 'm-1',
        name: 'M',
        aliases: [],
        prices: [
          price({ source: '' }),
          price({ tier: 'batch', checked: undefined }),
          price({ tier: 'flex', unit: '1M chars' }),
          price({ tier: 'priority', rates: { input: 1.5, cachedinput: '0.1' } }),
          price({ scope: 'moon' }),
        ],
      },
    ]).join('\n');
    expect(text).toContain('every price needs a source URL');
    expect(text).toContain('every price needs the date it was checked');
    expect(text).toContain('unknown unit "1M chars"');
    expect(text).toContain('rate input must be a decimal string in USD (got 1.5)');
    expect(text).toContain('rate "cachedinput" is not a meter');
    expect(text).toContain('unknown scope "moon"');
  });

  it('fails when an alias example does not resolve as written', () => {
    const text = issuesOf([
      { id: 'm-1', name: 'M', aliases: [{ kind: 'azure-meter', pattern: '^M1 (?<meter>Inp|Outp)$', examples: ['M1 Inp', 'M1 Input'] }], prices: [price()] },
    ]).join('\n');
    expect(text).toContain('alias example "M1 Input" does not resolve at acme');
    // Inp is not in the (absent) vocabulary: an unknown word never becomes a meter by guessing.
    expect(text).toContain('alias example "M1 Inp" does not resolve');
  });

  it('fails when an example resolves to another model or is ambiguous, and on unanchored patterns', () => {
    const text = issuesOf([
      { id: 'm-1', name: 'M1', aliases: [{ kind: 'display-name', exact: 'Acme Large' }], prices: [price()] },
      { id: 'm-2', name: 'M2', aliases: [{ kind: 'display-name', exact: 'acme   large' }], prices: [price()] },
    ]).join('\n');
    expect(text).toContain('alias example "Acme Large" is ambiguous at acme: acme/m-1, acme/m-2');
    const unanchored = issuesOf([{ id: 'm-2', name: 'M2', aliases: [{ kind: 'cursor', pattern: 'm-2', examples: ['m-2'] }], prices: [price()] }]);
    expect(unanchored.join('\n')).toContain('pattern must be anchored');
  });

  it('fails on a long-context record without a base record, and on a canonical id naming two models', () => {
    const text = compileCatalog([
      provider([{ id: 'm-1', name: 'M', aliases: [], prices: [price({ contextAbove: 200000, repricesWholeRequest: true })] }]),
      { file: 'pricing/providers/other.json', json: { ...provider([]).json, provider: 'other', models: [{ id: 'm-1', name: 'Not M', aliases: [], prices: [price()] }] } },
    ]).issues.join('\n');
    expect(text).toContain('has no base record');
    expect(text).toContain('one canonical id is one model');
  });
});
