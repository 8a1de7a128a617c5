import type { ChargeDraft } from '../../charge-writer';
import { bucketsOf, isObject, type JsonFieldReader, type JsonObject, resultsOf } from '../json-reader';

/**
 * What an Anthropic Admin API report page holds, told from its structure: `data[]` buckets with
 * `starting_at` and `results[]`; usage results count `uncached_input_tokens`, cost results carry
 * `amount` and `currency`. 'empty' is a page of buckets without results, which could be either.
 */
export function adminReportKind(doc: unknown): 'usage' | 'cost' | 'empty' | null {
  // OpenAI's pages say `object: "page"`; Anthropic's have no object field.
  if (!isObject(doc) || doc.object !== undefined) return null;
  const buckets = bucketsOf(doc);
  if (buckets === null || buckets.length === 0) return null;
  if (!buckets.every((b) => typeof b.starting_at === 'string' && Array.isArray(b.results))) return null;
  const results = resultsOf(buckets);
  if (results.length === 0) return 'empty';
  if (results.some((r) => 'uncached_input_tokens' in r)) return 'usage';
  if (results.some((r) => 'amount' in r && 'currency' in r)) return 'cost';
  return null;
}

export type Bucket = { start: number; end: number | null };

export function bucketReader(r: JsonFieldReader): (bucket: JsonObject) => Bucket | null {
  return (bucket) => {
    const start = r.instant(bucket, 'starting_at', true);
    const end = r.instant(bucket, 'ending_at', false);
    return start === null ? null : { start, end };
  };
}

/**
 * Sets the workspace of a charge. The reports leave `workspace_id` null both for the default
 * workspace and when the page was not grouped by workspace: only when some result of the page
 * names a workspace does null mean the default one.
 */
export function workspaceSetter(doc: unknown): (d: ChargeDraft, workspaceId: string | null) => void {
  const grouped = resultsOf(bucketsOf(doc) ?? []).some((r) => typeof r.workspace_id === 'string');
  return (d, workspaceId) => {
    if (workspaceId !== null) {
      // The API knows workspaces by id only: the id stands in for the name, so summaries can group by it.
      d.setText('SubAccountId', workspaceId);
      d.setText('SubAccountName', workspaceId);
      d.setText('x_Project', workspaceId);
    } else if (grouped) {
      d.setText('SubAccountName', 'Default');
      d.setText('x_Project', 'Default');
    }
  };
}
