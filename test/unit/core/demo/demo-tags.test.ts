import { describe, expect, it } from 'vitest';
import { generateDemoFiles } from '../../../../src/core/demo/generate-demo';
import type { DemoFile } from '../../../../src/core/demo/generate-demo';
import { toScaled } from './csv-check';
import { fileNamed, rows, usd } from './demo-files';

type Tagged = { cost: bigint; tags: Record<string, string> | null };

/**
 * Usage cost and tags of the invoices that carry tags: Azure's resource tags (EA: JSON pairs
 * without braces) and AWS's activated cost-allocation tags (CUR 2.0: `user_<key>`). OpenAI and
 * Anthropic bills have no tags; their projects, workspaces and keys say who spent.
 */
function taggedUsage(files: readonly DemoFile[]): Tagged[] {
  const azure = rows(fileNamed(files, 'demo-azure-')).map((r) => ({
    cost: toScaled(r.Cost, 10),
    tags: r.Tags === '' ? null : (JSON.parse(`{${r.Tags}}`) as Record<string, string>),
  }));
  const aws = rows(fileNamed(files, 'demo-aws-'))
    .filter((r) => r.line_item_line_item_type === 'Usage')
    .map((r) => {
      const map = JSON.parse(r.resource_tags) as Record<string, string>;
      const keys = Object.keys(map);
      if (keys.some((k) => !k.startsWith('user_'))) throw new Error(`CUR tag keys carry user_: ${r.resource_tags}`);
      return { cost: toScaled(r.line_item_unblended_cost, 10), tags: keys.length ? Object.fromEntries(keys.map((k) => [k.slice(5), map[k]])) : null };
    });
  return [...azure, ...aws];
}

function untaggedShare(items: readonly Tagged[]): number {
  const total = items.reduce((a, x) => a + x.cost, 0n);
  const untagged = items.filter((x) => x.tags === null).reduce((a, x) => a + x.cost, 0n);
  return usd(untagged) / usd(total);
}

const files = generateDemoFiles({ seed: 42, endMonth: '2026-10' });

describe('demo tags', () => {
  it('leaves 10–20% of tagged-provider spend untagged, at Azure and at AWS', () => {
    const items = taggedUsage(files);
    expect(untaggedShare(items)).toBeGreaterThanOrEqual(0.1);
    expect(untaggedShare(items)).toBeLessThanOrEqual(0.2);
    expect(rows(fileNamed(files, 'demo-azure-')).some((r) => r.Tags === '')).toBe(true);
    expect(rows(fileNamed(files, 'demo-aws-')).some((r) => r.line_item_line_item_type === 'Usage' && r.resource_tags === '{}')).toBe(true);
  });

  it('writes EA tags without braces, as EA exports do', () => {
    const tagged = rows(fileNamed(files, 'demo-azure-')).filter((r) => r.Tags !== '');
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((r) => /^"[^"]+": "[^"]*"(,"[^"]+": "[^"]*")*$/.test(r.Tags))).toBe(true);
  });

  it('spells team tags more than one way, in keys and in values', () => {
    const teamKeys = new Set<string>();
    const mlPlatform = new Set<string>();
    const note = (tags: Record<string, string>) => {
      for (const [k, v] of Object.entries(tags)) {
        if (!/team/i.test(k)) continue;
        teamKeys.add(k);
        if (/^ml.?platform$/i.test(v)) mlPlatform.add(v);
      }
    };
    for (const x of taggedUsage(files)) if (x.tags !== null) note(x.tags);
    // The proxy's request tags are "key:value" texts, in the spelling of whoever set them.
    for (const r of rows(fileNamed(files, 'demo-litellm-'))) {
      const tags = (JSON.parse(r.request_tags) as string[]).map((t) => t.split(':'));
      note(Object.fromEntries(tags));
    }
    expect(teamKeys.has('team') && teamKeys.has('Team')).toBe(true);
    expect(mlPlatform.size).toBeGreaterThanOrEqual(2);
  });

  it('stays within the untagged band for other seeds', () => {
    for (const seed of [0, 2 ** 31 + 5]) {
      const share = untaggedShare(taggedUsage(generateDemoFiles({ seed, endMonth: '2026-10' })));
      expect(share).toBeGreaterThanOrEqual(0.1);
      expect(share).toBeLessThanOrEqual(0.2);
    }
  });
});
