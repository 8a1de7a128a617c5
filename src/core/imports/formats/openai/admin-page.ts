import { bucketsOf, isObject, resultsOf } from '../json-reader';

/**
 * What an OpenAI Admin API page holds, told from its structure: `object: "page"`, buckets with
 * `object: "bucket"`, and the results' `object` (organization.usage.*.result or
 * organization.costs.result). 'empty' is a page without results, which could be either.
 */
export function adminPageKind(doc: unknown): 'usage' | 'costs' | 'empty' | null {
  if (!isObject(doc) || doc.object !== 'page') return null;
  const buckets = bucketsOf(doc);
  if (buckets === null || !buckets.every((b) => b.object === 'bucket')) return null;
  let usage = 0;
  let costs = 0;
  for (const result of resultsOf(buckets)) {
    const object = result.object;
    if (typeof object !== 'string') continue;
    if (object === 'organization.costs.result') costs++;
    else if (object.startsWith('organization.usage.')) usage++;
  }
  // A page mixing both does not come from one endpoint: read it as usage, where the cost
  // results are then reported one by one, rather than let its costs pass as invoiced.
  if (usage > 0) return 'usage';
  if (costs > 0) return 'costs';
  return resultsOf(buckets).length === 0 ? 'empty' : null;
}
