import type { ChargeDraft } from '../../charge-writer';
import type { ChargeSink, Detection, JsonImporter } from '../types';
import { adminPageKind } from './admin-page';
import { JsonFieldReader, type JsonObject, walkResults } from '../json-reader';
import { fillOpenAiBase, serviceTier, type TokenClass } from './line-item';

/**
 * OpenAI Admin API usage pages (/v1/organization/usage/{completions, embeddings, moderations,
 * images, audio_speeches, audio_transcriptions, vector_stores, code_interpreter_sessions}).
 * They count tokens and requests and carry no cost: a usage source, never invoiced cost.
 */

const LABEL = 'OpenAI usage (Admin API)';
const RESULT_KIND = /^organization\.usage\.([a-z_]+)\.result$/;

/** Endpoints whose results count tokens. */
const TOKEN_KINDS = new Set(['completions', 'embeddings', 'moderations']);

/** Endpoints whose results count something else: the field that holds it and its unit. */
const UNIT_KINDS: Record<string, { keys: string[]; unit: string }> = {
  images: { keys: ['images'], unit: 'Images' },
  audio_speeches: { keys: ['characters'], unit: 'Characters' },
  audio_transcriptions: { keys: ['seconds'], unit: 'Seconds' },
  vector_stores: { keys: ['usage_bytes'], unit: 'Bytes' },
  // The field was `sessions` in the first schema and is `num_sessions` now.
  code_interpreter_sessions: { keys: ['num_sessions', 'sessions'], unit: 'Sessions' },
};

/** Modality splits that are already inside input_tokens / output_tokens. */
const MODALITY_FIELDS = ['input_audio_tokens', 'output_audio_tokens', 'input_image_tokens', 'output_image_tokens'];

type Bucket = { start: number; end: number | null };

type Dimensions = {
  project: string | null;
  user: string | null;
  apiKey: string | null;
  model: string | null;
  tier: string | null;
};

class UsageReader {
  readonly notes = new Set<string>([
    'This is a usage report: its rows carry tokens and requests but no cost, and are not added to invoiced totals.',
  ]);

  constructor(
    private readonly r: JsonFieldReader,
    private readonly sink: ChargeSink,
  ) {}

  readBucket = (bucket: JsonObject): Bucket | null => {
    const start = this.r.unixSeconds(bucket, 'start_time', true);
    const end = this.r.unixSeconds(bucket, 'end_time', false);
    return start === null ? null : { start, end };
  };

  visit = (bucket: Bucket, res: JsonObject, row: number): void => {
    const r = this.r;
    const object = r.text(res, 'object');
    const kind = object === null ? null : (RESULT_KIND.exec(object)?.[1] ?? null);
    if (kind === null) {
      r.problem('object', res.object, 'an organization.usage.<endpoint>.result object, like a usage page holds');
      return;
    }
    const dims = this.dimensions(res);
    if (TOKEN_KINDS.has(kind)) this.tokens(kind, bucket, res, row, dims);
    else this.units(kind, bucket, res, row, dims);
  };

  private dimensions(res: JsonObject): Dimensions {
    const r = this.r;
    const batch = r.bool(res, 'batch');
    const tierText = r.text(res, 'service_tier');
    const tier = serviceTier(tierText);
    if (tierText !== null && tier === null) {
      this.notes.add(`The service tier "${tierText}" has no Costbook counterpart (standard, batch, priority, flex): it is left empty.`);
    }
    return {
      project: r.text(res, 'project_id'),
      user: r.text(res, 'user_id'),
      apiKey: r.text(res, 'api_key_id'),
      model: r.text(res, 'model'),
      // batch is only set when the page was grouped by it.
      tier: batch === true ? 'batch' : (tier ?? (batch === false ? 'standard' : null)),
    };
  }

  private tokens(kind: string, bucket: Bucket, res: JsonObject, row: number, dims: Dimensions): void {
    const r = this.r;
    const completions = kind === 'completions';
    const input = r.count(res, 'input_tokens', true);
    const cached = r.count(res, 'input_cached_tokens');
    const write = r.count(res, 'input_cache_write_tokens');
    const uncachedField = r.count(res, 'input_uncached_tokens');
    const output = completions ? r.count(res, 'output_tokens', true) : null;
    const requests = r.count(res, 'num_model_requests');
    let modality = 0;
    for (const key of MODALITY_FIELDS) modality += r.count(res, key) ?? 0;
    if (!r.ok || input === null) return;
    // input_tokens includes cached and cache-write tokens; older pages lack input_uncached_tokens.
    const uncached = uncachedField ?? input - (cached ?? 0) - (write ?? 0);
    if (uncached < 0) {
      r.problem('input_tokens', input, 'at least input_cached_tokens + input_cache_write_tokens, which it includes');
      return;
    }
    if (modality > 0) {
      this.notes.add('Audio and image tokens are counted within their token classes (input, cached, output); their modality split is not kept.');
    }
    const lines: [TokenClass, number][] = [
      ['input', uncached],
      ['cached_read', cached ?? 0],
      ['cache_write', write ?? 0],
      ['output', output ?? 0],
    ];
    let first = true;
    for (const [tokenClass, n] of lines) {
      if (n <= 0) continue;
      const d = this.start(bucket, row, dims);
      d.setText('x_TokenClass', tokenClass);
      d.setText('ConsumedUnit', 'Tokens');
      d.setText('ChargeDescription', `${kind}: ${tokenClass.replace('_', ' ')} tokens`);
      d.tokens = n;
      d.consumedQuantity = n;
      // Requests belong to the record, not to a token class: count them once.
      d.requests = first ? requests : null;
      first = false;
      this.sink.emit();
    }
  }

  private units(kind: string, bucket: Bucket, res: JsonObject, row: number, dims: Dimensions): void {
    const r = this.r;
    const spec = UNIT_KINDS[kind];
    let quantity: number | null = null;
    for (const key of spec?.keys ?? []) quantity ??= r.count(res, key);
    const requests = r.count(res, 'num_model_requests');
    const source = r.text(res, 'source');
    const size = r.text(res, 'size');
    if (!r.ok) return;
    if (spec === undefined) {
      this.notes.add(`Usage of kind "${kind}" is kept with its request counts only: Costbook does not know its other fields.`);
    }
    if (!quantity && !requests) return;
    const d = this.start(bucket, row, dims);
    if (spec !== undefined && quantity !== null) {
      d.consumedQuantity = quantity;
      d.setText('ConsumedUnit', spec.unit);
    }
    d.requests = requests;
    d.setText('ChargeDescription', [kind, source, size].filter((x) => x !== null).join(': '));
    this.sink.emit();
  }

  private start(bucket: Bucket, row: number, dims: Dimensions): ChargeDraft {
    const d = this.sink.next();
    d.rowNumber = row;
    d.chargePeriodStart = bucket.start;
    d.chargePeriodEnd = bucket.end;
    fillOpenAiBase(d);
    d.setText('BillingCurrency', 'USD');
    d.setText('ChargeCategory', 'Usage');
    // The API knows projects by id only: the id stands in for the name, so summaries can group by it.
    d.setText('SubAccountId', dims.project);
    d.setText('SubAccountName', dims.project);
    d.setText('x_Project', dims.project);
    d.setText('x_User', dims.user);
    d.setText('x_ApiKey', dims.apiKey);
    d.setText('ResourceId', dims.apiKey);
    d.setText('x_Model', dims.model);
    d.setText('x_ServiceTier', dims.tier);
    return d;
  }
}

export const openAiUsageApiImporter: JsonImporter = {
  kind: 'json',
  id: 'openai-usage-api',
  label: LABEL,
  detect(doc: unknown): Detection | null {
    const kind = adminPageKind(doc);
    if (kind !== 'usage' && kind !== 'empty') return null;
    // An empty page cannot tell usage from costs; reading it as usage adds nothing to totals.
    return { format: 'openai-usage-api', version: null, label: LABEL, sourceKind: 'usage', score: kind === 'empty' ? 30 : 50 };
  },
  read(file, doc, _detection, sink, report): string[] {
    const r = new JsonFieldReader(file, report);
    const usage = new UsageReader(r, sink);
    walkResults(doc, r, usage.readBucket, usage.visit);
    return [...usage.notes];
  },
};
