import { describe, expect, it } from 'vitest';
import { runCapture } from '../helpers/cli';

const run = runCapture;

describe('costbook price', () => {
  it('prints the JSON contract for a dated snapshot: decimal strings in USD per 1M tokens', async () => {
    const r = await run('price', 'gpt-4o-2024-08-06', '--date', '2025-03-01', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ model: 'gpt-4o', provider: 'openai', input: '2.50', output: '10.00', cachedInput: '1.25', effectiveFrom: '2024-10-01', source: 'https://platform.openai.com/docs/pricing' });
    expect(json).not.toHaveProperty('cacheWrite');
  });

  it('gives cacheWrite where it is sold, and the long-context rates', async () => {
    const json = JSON.parse((await run('price', 'Claude Sonnet 4.5', '--date', '2025-12-01', '--json')).out);
    expect(json).toMatchObject({ model: 'claude-sonnet-4-5', input: '3.00', output: '15.00', cachedInput: '0.30', cacheWrite: '3.75', cacheWrite1h: '6.00', effectiveFrom: '2025-09-29' });
    expect(json.longContext).toEqual([{ above: 200000, repricesWholeRequest: true, input: '6.00', output: '22.50', cachedInput: '0.60', cacheWrite: '7.50', cacheWrite1h: '12.00' }]);
  });

  it('takes the price valid at the date, not today\'s', async () => {
    const before = JSON.parse((await run('price', 'o3', '--date', '2025-05-01', '--json')).out);
    const after = JSON.parse((await run('price', 'o3', '--date=2025-07-01', '--json')).out);
    expect([before.input, before.effectiveFrom]).toEqual(['10.00', '2025-04-16']);
    expect([after.input, after.effectiveFrom]).toEqual(['2.00', '2025-06-10']);
  });

  it('resolves billing spellings with spaces, and reads tier and scope from them', async () => {
    const azure = JSON.parse((await run('price', 'gpt 4o 0806 cached Inp Data Zone', '--date', '2025-03-01', '--json')).out);
    expect(azure).toMatchObject({ model: 'gpt-4o', provider: 'azure-openai', scope: 'data-zone', meter: 'cachedInput', cachedInput: '1.375' });
    const unquoted = await run('price', 'GPT', '5', 'Inpt', 'Glbl', 'Tokens', '--date', '2026-01-01', '--json');
    expect(JSON.parse(unquoted.out)).toMatchObject({ model: 'gpt-5', provider: 'azure-openai', input: '1.25' });
    const bedrock = JSON.parse((await run('price', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', '--date', '2026-01-01', '--json')).out);
    expect(bedrock).toMatchObject({ provider: 'aws-bedrock', scope: 'data-zone', input: '3.30', output: '16.50' });
  });

  it('prints a short table by default', async () => {
    const r = await run('price', 'claude-haiku-4-5-20251001', '--date', '2026-01-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Claude Haiku 4.5 (claude-haiku-4-5) at anthropic, standard, global, valid 2025-10-15..now');
    expect(r.out).toMatch(/cached input\s+0\.10/);
    expect(r.out).toContain('source: https://www.anthropic.com/pricing#api');
  });

  it('uses --provider to pick the seller', async () => {
    const r = await run('price', 'claude-sonnet-4-5', '--provider', 'google-vertex', '--date', '2026-01-01', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ provider: 'google-vertex', input: '3.00' });
    const bare = await run('price', 'llama-4-maverick-17b-instruct', '--date', '2026-01-01');
    expect(bare.code).toBe(1);
    expect(bare.err).toContain('sold by aws-bedrock, google-vertex; say which with --provider');
  });

  it('exits 1 on an unknown name, with a clear message', async () => {
    const r = await run('price', 'auto', '--date', '2026-01-01');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('"auto" is not a model the price catalog knows');
  });

  it('exits 1 when no price is valid at the date, listing what is on record', async () => {
    const r = await run('price', 'o3', '--date', '2025-01-01', '--json');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('no standard default-scope price for o3 at openai is valid on 2025-01-01; usage then stays unpriced');
    expect(r.err).toContain('2025-04-16..2025-06-10 standard global');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run('price')).code).toBe(2);
    expect((await run('price', 'gpt-4o', '--date', '2025-02-30')).err).toContain('--date must be a day as YYYY-MM-DD');
    expect((await run('price', 'gpt-4o', '--workspace', 'x')).code).toBe(2);
  });
});
