import type { ChargeDraft } from '../../charge-writer';
import { indexHeader } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { columnsOf, detection, missingOf, scoreOf, type Signature } from './detect';
import { addTagText, LITELLM_ISSUER, LITELLM_WARNINGS, litellmTokenLines } from './litellm-common';
import { litellmProvider, stripRoutePrefix } from './provider-names';
import { countOf, emitTokenLines, isRecord, tagsJson, textOf, ToolsReader, type TokenLine } from './tools-reader';

/**
 * A dump of the LiteLLM proxy's `LiteLLM_SpendLogs` table (one row per request), as psql, pgAdmin
 * or a BI tool writes it. Column names follow BerriAI/litellm `schema.prisma`; older proxies lack
 * the later columns (status, session_id, organization_id ...), which are all optional here.
 */

const SIGNATURE: Signature = {
  format: 'litellm-spendlogs',
  required: ['request_id', 'spend', 'prompt_tokens', 'completion_tokens', 'startTime'],
  hints: ['call_type', 'api_key', 'model', 'model_group', 'custom_llm_provider', 'request_tags', 'metadata', 'team_id', 'endTime', 'total_tokens', 'cache_hit', 'user'],
  // Spend and token columns alone are also the daily tables': ask for the per-request ones too.
  lookalike: 4,
};

const COLUMNS = [
  'request_id', 'call_type', 'api_key', 'spend', 'prompt_tokens', 'completion_tokens', 'startTime', 'endTime', 'model',
  'model_id', 'model_group', 'custom_llm_provider', 'user', 'metadata', 'cache_hit', 'request_tags', 'team_id', 'organization_id',
] as const;

const TRUE = new Set(['true', 't', '1', 'yes']);

class SpendLogsMapper extends ToolsReader implements RowMapper {
  private readonly i: Record<(typeof COLUMNS)[number], number>;
  private cacheHits = 0;

  constructor(file: string, header: string[]) {
    super(file, header);
    this.i = columnsOf(header, COLUMNS);
  }

  warnings(): string[] {
    const notes = [...LITELLM_WARNINGS];
    if (this.cacheHits > 0) {
      notes.push(`${this.cacheHits} request(s) were answered from LiteLLM's own cache: no provider was called, so their tokens are not counted.`);
    }
    return notes;
  }

  /** request_tags is a JSON array of "key:value" texts; older dumps may hold an object or nothing. */
  private requestTags(col: number): Map<string, string | null> {
    const tags = new Map<string, string | null>();
    const value = this.json(col, 'a JSON array of tags such as ["project:chatbot"]');
    if (value === undefined || value === null) return tags;
    if (Array.isArray(value)) {
      for (const t of value) if (t !== null && typeof t !== 'object') addTagText(tags, String(t));
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) if (!tags.has(k)) tags.set(k, v === null ? null : String(v));
    } else {
      this.problem(col, 'a JSON array of tags such as ["project:chatbot"]');
    }
    return tags;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const start = this.instant(i.startTime, true);
    const end = this.instant(i.endTime, false);
    const spend = this.money(i.spend, true);
    const prompt = this.whole(i.prompt_tokens) ?? 0;
    const completion = this.whole(i.completion_tokens) ?? 0;
    const meta = this.jsonObject(i.metadata, 'a JSON object (the request metadata LiteLLM stores)');
    const tags = this.requestTags(i.request_tags);
    if (!this.ok || start === null || spend === null) return false;

    const usage = isRecord(meta?.usage_object) ? meta.usage_object : null;
    const details = isRecord(usage?.prompt_tokens_details) ? usage.prompt_tokens_details : null;
    const cachedRead = countOf(details, 'cached_tokens') ?? countOf(usage, 'cache_read_input_tokens');
    const cacheWrite = countOf(usage, 'cache_creation_input_tokens') ?? countOf(details, 'cache_creation_tokens');
    const cacheHit = TRUE.has((this.text(i.cache_hit) ?? '').toLowerCase());
    // A cache hit never reached a provider: its token counts are not provider usage.
    const lines: TokenLine[] | null = cacheHit ? [{ tokenClass: null, tokens: null }] : litellmTokenLines(prompt, completion, cachedRead, cacheWrite);
    if (lines === null) {
      this.problem(i.metadata, 'cached and cache-write token counts (metadata.usage_object) no larger than prompt_tokens');
      return false;
    }
    if (cacheHit) this.cacheHits++;

    const providerId = this.text(i.custom_llm_provider);
    const { provider, service } = litellmProvider(providerId ?? routeOf(this.text(i.model)));
    const rawModel = this.text(i.model) ?? this.text(i.model_group);
    const model = rawModel === null ? null : stripRoutePrefix(rawModel, providerId);
    const team = this.text(i.team_id);
    const callType = this.text(i.call_type);
    const tagSet = tagsJson(tags);
    const fill = (d: ChargeDraft): void => {
      d.rowNumber = line;
      d.chargePeriodStart = start;
      d.chargePeriodEnd = end;
      d.tagsJson = tagSet;
      d.setText('BillingCurrency', 'USD');
      d.setText('ProviderName', provider);
      d.setText('PublisherName', LITELLM_ISSUER);
      d.setText('InvoiceIssuerName', LITELLM_ISSUER);
      d.setText('ServiceName', service);
      d.setText('ServiceCategory', 'AI and Machine Learning');
      d.setText('ChargeCategory', 'Usage');
      d.setText('ChargeFrequency', 'Usage-Based');
      d.setText('ChargeDescription', cacheHit ? `${callType ?? 'request'} (LiteLLM cache hit)` : callType);
      d.setText('BillingAccountId', this.text(i.organization_id));
      d.setText('SubAccountId', team);
      d.setText('SubAccountName', textOf(meta, 'user_api_key_team_alias') ?? team);
      d.setText('ResourceId', this.text(i.model_id));
      d.setText('ResourceName', this.text(i.model_group));
      d.setText('x_Model', model);
      d.setText('x_ApiKey', this.text(i.api_key));
      d.setText('x_User', this.text(i.user) ?? textOf(meta, 'user_api_key_user_id'));
      d.setText('x_Project', tags.get('project') ?? team);
    };
    emitTokenLines(sink, lines, { billed: spend, effective: spend, list: spend, requests: 1 }, fill);
    return true;
  }
}

/** The provider id a routed model name starts with ("azure/gpt-4o" → "azure"), for rows without one. */
function routeOf(model: string | null): string | null {
  const slash = model?.indexOf('/') ?? -1;
  return model !== null && slash > 0 ? model.slice(0, slash) : null;
}

export const litellmSpendLogsImporter: TableImporter = {
  kind: 'table',
  id: SIGNATURE.format,
  label: 'LiteLLM spend logs',
  detect(header: string[]): Detection | null {
    const score = scoreOf(indexHeader(header), SIGNATURE);
    return score === null ? null : detection(SIGNATURE, score, null, 'LiteLLM spend logs', 'usage');
  },
  missingColumns: (header) => missingOf(header, SIGNATURE),
  createMapper: (file, header) => new SpendLogsMapper(file, header),
};
