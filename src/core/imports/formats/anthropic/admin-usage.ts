import type { ChargeDraft } from '../../charge-writer';
import { JsonFieldReader, walkResults } from '../json-reader';
import type { ChargeSink, Detection, JsonImporter, Report } from '../types';
import { adminReportKind, type Bucket, bucketReader, workspaceSetter } from './admin-report';
import { fillAnthropicBase, serviceTier, TOKEN_TYPES, USAGE_NOTE } from './vocabulary';

/**
 * Anthropic Admin API messages usage report (GET /v1/organizations/usage_report/messages):
 * buckets with `starting_at`/`ending_at` and results counting uncached input, cache reads,
 * cache writes (5m and 1h), output and server tool use. Tokens only: a usage source.
 */

const LABEL = 'Anthropic usage (Admin API)';

/** Token fields of a result, in the order their charges are written, with a readable name. */
const TOKEN_FIELDS: [string, string][] = [
  ['uncached_input_tokens', 'input'],
  ['cache_read_input_tokens', 'cache read'],
  ['cache_creation.ephemeral_5m_input_tokens', 'cache write (5m)'],
  ['cache_creation.ephemeral_1h_input_tokens', 'cache write (1h)'],
  ['output_tokens', 'output'],
];
const REQUIRED = new Set(['uncached_input_tokens', 'output_tokens']);

type Dimensions = {
  workspace: string | null;
  apiKey: string | null;
  model: string | null;
  tier: string | null;
  context: string | null;
  geo: string | null;
};

function readUsage(file: string, doc: unknown, sink: ChargeSink, report: Report): string[] {
  const r = new JsonFieldReader(file, report);
  const setWorkspace = workspaceSetter(doc);
  const notes = new Set([USAGE_NOTE]);

  const start = (bucket: Bucket, row: number, dims: Dimensions): ChargeDraft => {
    const d = sink.next();
    d.rowNumber = row;
    d.chargePeriodStart = bucket.start;
    d.chargePeriodEnd = bucket.end;
    fillAnthropicBase(d);
    d.setText('BillingCurrency', 'USD');
    d.setText('ChargeCategory', 'Usage');
    setWorkspace(d, dims.workspace);
    d.setText('x_ApiKey', dims.apiKey);
    d.setText('ResourceId', dims.apiKey);
    d.setText('x_Model', dims.model);
    d.setText('x_ServiceTier', serviceTier(dims.tier));
    d.setText('RegionId', dims.geo);
    return d;
  };

  walkResults(doc, r, bucketReader(r), (bucket, res, row) => {
    const counts = TOKEN_FIELDS.map(([key]) => r.count(res, key, REQUIRED.has(key)));
    const searches = r.count(res, 'server_tool_use.web_search_requests');
    const dims: Dimensions = {
      workspace: r.text(res, 'workspace_id'),
      apiKey: r.text(res, 'api_key_id'),
      model: r.text(res, 'model'),
      tier: r.text(res, 'service_tier'),
      context: r.text(res, 'context_window'),
      geo: r.text(res, 'inference_geo'),
    };
    if (!r.ok) return;
    if (dims.tier !== null && serviceTier(dims.tier) === null) {
      notes.add(`The service tier "${dims.tier}" has no Costbook counterpart: it is left empty.`);
    }
    TOKEN_FIELDS.forEach(([key, name], k) => {
      const n = counts[k];
      if (n === null || n <= 0) return;
      const d = start(bucket, row, dims);
      d.setText('x_TokenClass', TOKEN_TYPES[key]);
      d.setText('SkuMeter', key);
      d.setText('ConsumedUnit', 'Tokens');
      d.setText('ChargeDescription', `${name} tokens${dims.context === null ? '' : ` (context ${dims.context})`}`);
      d.tokens = n;
      d.consumedQuantity = n;
      sink.emit();
    });
    if (searches !== null && searches > 0) {
      const d = start(bucket, row, dims);
      d.setText('SkuMeter', 'server_tool_use.web_search_requests');
      d.setText('ConsumedUnit', 'Web searches');
      d.setText('ChargeDescription', 'web search requests');
      d.consumedQuantity = searches;
      sink.emit();
    }
  });
  return [...notes];
}

export const anthropicUsageApiImporter: JsonImporter = {
  kind: 'json',
  id: 'anthropic-usage-api',
  label: LABEL,
  detect(doc: unknown): Detection | null {
    const kind = adminReportKind(doc);
    if (kind !== 'usage' && kind !== 'empty') return null;
    // An empty report cannot tell usage from cost; reading it as usage adds nothing to totals.
    return { format: 'anthropic-usage-api', version: null, label: LABEL, sourceKind: 'usage', score: kind === 'empty' ? 30 : 50 };
  },
  read(file, doc, _detection, sink, report): string[] {
    return readUsage(file, doc, sink, report);
  },
};
