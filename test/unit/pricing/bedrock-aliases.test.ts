import { describe, expect, it } from 'vitest';
import { priceBook } from '../../../src/core/pricing';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';

/**
 * The demo's Bedrock CUR rows name Claude Sonnet 4 and Claude Haiku 3.5 as AWS squashes them into
 * usage types (USE1-Claude4Sonnet-input-tokens) and as the CUR reader turns that into a model
 * (claude-4-sonnet, claude-3.5-haiku). Each spelling names one model, so the catalog resolves it.
 */
describe('the Bedrock spellings of Claude Sonnet 4 and Claude Haiku 3.5', () => {
  it('resolve at Bedrock, with the meter the usage type names', () => {
    const book = priceBook();
    const cases: [string, string, string | undefined][] = [
      ['claude-4-sonnet', 'claude-sonnet-4', undefined],
      ['claude-3.5-haiku', 'claude-3-5-haiku', undefined],
      ['USE1-Claude4Sonnet-input-tokens', 'claude-sonnet-4', 'input'],
      ['USE1-Claude4Sonnet-cache-read-input-token-count', 'claude-sonnet-4', 'cachedInput'],
      ['USE1-Claude4Sonnet-cache-write-input-token-count', 'claude-sonnet-4', 'cacheWrite'],
      ['USE1-Claude3.5Haiku-output-tokens', 'claude-3-5-haiku', 'output'],
      ['USE1-Claude3.5Haiku-cache-write-input-token-count', 'claude-3-5-haiku', 'cacheWrite'],
      ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4', undefined],
    ];
    for (const [name, model, meter] of cases) {
      const r = book.resolveModel(name, 'aws-bedrock');
      expect(r, name).toMatchObject({ status: 'matched', model });
      if (r.status === 'matched') expect(r.coordinate.meter, name).toBe(meter);
    }
    // Claude 3 Haiku and Claude Sonnet 4.5 keep their own usage types: version digits are never folded.
    expect(book.resolveModel('USE1-Claude3Haiku-input-tokens', 'aws-bedrock')).toMatchObject({ model: 'claude-3-haiku' });
    expect(book.resolveModel('USE1-Claude4.5Sonnet-input-tokens', 'aws-bedrock')).toMatchObject({ model: 'claude-sonnet-4-5' });
  });

  it('price a CUR 2.0 file at Bedrock list prices on the usage day', async () => {
    const base = new TextDecoder().decode(fixtureBytes('aws-cur2-bedrock/cur2_bedrock_subset.csv'));
    // The fixture bills Claude Sonnet 4.6; the same lines for Sonnet 4 and Haiku 3.5.
    const sonnet4 = base.replace(/Claude4\.6Sonnet/g, 'Claude4Sonnet').replace(/Claude Sonnet 4\.6/g, 'Claude Sonnet 4');
    const haiku35 = base.replace(/Claude4\.6Sonnet/g, 'Claude3.5Haiku').replace(/Claude Sonnet 4\.6/g, 'Claude 3.5 Haiku').replace(/synthetic00/g, 'haiku00');
    const { engine } = await testEngine();
    const results = await engine.call('import/files', { files: [fileInput('sonnet4.csv', sonnet4), fileInput('haiku35.csv', haiku35)] });
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    expect(await engine.call('pricing/unmatched', {})).toEqual([]);
    const rows = Object.fromEntries((await engine.call('pricing/summary', {})).rows.map((r) => [r.model, r]));
    // 1,250,000 input, 210,000 output, 9,800,000 cache read, 400,000 cache write tokens on 2026-08-04, in us-east-1:
    // Sonnet 4 at $3 / $15 / $0.30 / $3.75 per 1M; Haiku 3.5 at $0.80 / $4 / $0.08 / $1.
    expect(rows['claude-sonnet-4']).toMatchObject({ provider: 'AWS', catalogCost: '11.34', pricedTokens: 11_660_000 });
    expect(rows['claude-3-5-haiku']).toMatchObject({ provider: 'AWS', catalogCost: '3.024', pricedTokens: 11_660_000 });
  });

  it('leave no Bedrock Claude usage of the demo workspace unpriced', async () => {
    const { engine } = await testEngine();
    await engine.call('workspace/demo', {});
    const unmatched = await engine.call('pricing/unmatched', {});
    const aws = unmatched.filter((u) => u.provider === 'AWS').map((u) => u.name);
    expect(aws).not.toContain('claude-4-sonnet');
    expect(aws).not.toContain('claude-3.5-haiku');
    const summary = await engine.call('pricing/summary', {});
    for (const model of ['claude-sonnet-4', 'claude-3-5-haiku']) {
      const row = summary.rows.find((r) => r.provider === 'AWS' && r.model === model);
      expect(row, model).toBeDefined();
      expect(row?.pricedTokens).toBe(row?.tokens);
      // The demo bills Bedrock at list price, so the catalog reproduces the invoice exactly.
      expect(row?.invoicedCatalogCost).toBe(row?.billedCost);
      expect(row?.effectiveDiscountPercent).toBe('0.00');
    }
  });
});
