import type { ChargeDraft } from '../../charge-writer';
import { indexHeader, type HeaderIndex } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { columnsOf, countPresent, detection, missingOf, scoreOf, type Signature } from './detect';
import { addTagText, LITELLM_ISSUER, LITELLM_WARNINGS, litellmTokenLines } from './litellm-common';
import { litellmProvider, stripRoutePrefix } from './provider-names';
import { dayAfter, emitTokenLines, tagsJson, ToolsReader } from './tools-reader';

/**
 * Dumps of LiteLLM's daily aggregate tables (`LiteLLM_DailyUserSpend`, `DailyTeamSpend`,
 * `DailyTagSpend`, `DailyOrganizationSpend`, `DailyEndUserSpend`): one row per day, entity, key,
 * model and provider. The entity column tells the table apart.
 */

const SIGNATURE: Signature = {
  format: 'litellm-daily',
  required: ['date', 'api_key', 'model', 'spend', 'prompt_tokens', 'completion_tokens', 'api_requests'],
  hints: ['model_group', 'custom_llm_provider', 'cache_read_input_tokens', 'cache_creation_input_tokens', 'successful_requests', 'failed_requests', 'endpoint', 'mcp_namespaced_tool_name'],
  lookalike: 5,
};

/** Entity columns in the order they name the table (a joined dump may carry several). */
const ENTITIES: [column: string, version: string][] = [
  ['user_id', 'user'],
  ['team_id', 'team'],
  ['tag', 'tag'],
  ['organization_id', 'organization'],
  ['end_user_id', 'end_user'],
];

const COLUMNS = [
  'date', 'api_key', 'model', 'model_group', 'custom_llm_provider', 'spend', 'prompt_tokens', 'completion_tokens',
  'cache_read_input_tokens', 'cache_creation_input_tokens', 'api_requests', 'endpoint',
  'user_id', 'team_id', 'tag', 'organization_id', 'end_user_id',
] as const;

function entityOf(h: HeaderIndex): string | null {
  return ENTITIES.find(([col]) => h.has(col))?.[1] ?? null;
}

class DailyMapper extends ToolsReader implements RowMapper {
  private readonly i: Record<(typeof COLUMNS)[number], number>;

  constructor(
    file: string,
    header: string[],
    private readonly entity: string | null,
  ) {
    super(file, header);
    this.i = columnsOf(header, COLUMNS);
  }

  warnings(): string[] {
    const notes = [...LITELLM_WARNINGS, 'Daily spend tables repeat what the spend logs hold: import one or the other for the same days, not both.'];
    if (this.entity === 'tag') {
      notes.push('LiteLLM counts a request with several tags once per tag in its daily tag table: sums across tags overstate spend and tokens.');
    }
    return notes;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const day = this.instant(i.date, true);
    const spend = this.money(i.spend, true);
    const prompt = this.whole(i.prompt_tokens) ?? 0;
    const completion = this.whole(i.completion_tokens) ?? 0;
    const cachedRead = this.whole(i.cache_read_input_tokens);
    const cacheWrite = this.whole(i.cache_creation_input_tokens);
    const requests = this.whole(i.api_requests, 'requests');
    if (!this.ok || day === null || spend === null) return false;
    const lines = litellmTokenLines(prompt, completion, cachedRead, cacheWrite);
    if (lines === null) {
      this.problem(i.cache_read_input_tokens >= 0 ? i.cache_read_input_tokens : i.prompt_tokens, 'cache read and cache creation tokens no larger than prompt_tokens');
      return false;
    }

    const tags = new Map<string, string | null>();
    const tag = this.text(i.tag);
    if (tag !== null) addTagText(tags, tag);
    const endUser = this.text(i.end_user_id);
    const team = this.text(i.team_id);
    const providerId = this.text(i.custom_llm_provider);
    const { provider, service } = litellmProvider(providerId);
    const rawModel = this.text(i.model) ?? this.text(i.model_group);
    const tagSet = tagsJson(tags);
    const fill = (d: ChargeDraft): void => {
      d.rowNumber = line;
      d.chargePeriodStart = day;
      d.chargePeriodEnd = dayAfter(day);
      d.tagsJson = tagSet;
      d.setText('BillingCurrency', 'USD');
      d.setText('ProviderName', provider);
      d.setText('PublisherName', LITELLM_ISSUER);
      d.setText('InvoiceIssuerName', LITELLM_ISSUER);
      d.setText('ServiceName', service);
      d.setText('ServiceCategory', 'AI and Machine Learning');
      d.setText('ChargeCategory', 'Usage');
      d.setText('ChargeFrequency', 'Usage-Based');
      d.setText('ChargeDescription', this.text(i.endpoint));
      d.setText('BillingAccountId', this.text(i.organization_id));
      d.setText('SubAccountId', team);
      d.setText('SubAccountName', team);
      d.setText('ResourceName', this.text(i.model_group));
      d.setText('x_Model', rawModel === null ? null : stripRoutePrefix(rawModel, providerId));
      d.setText('x_ApiKey', this.text(i.api_key));
      // The end-user table's entity is a user of the proxy's callers: the only user it has.
      d.setText('x_User', this.text(i.user_id) ?? endUser);
      d.setText('x_Project', tags.get('project') ?? team);
    };
    emitTokenLines(sink, lines, { billed: spend, effective: spend, list: spend, requests }, fill);
    return true;
  }
}

export const litellmDailyImporter: TableImporter = {
  kind: 'table',
  id: SIGNATURE.format,
  label: 'LiteLLM daily spend',
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    const score = scoreOf(h, SIGNATURE);
    if (score === null) return null;
    const entity = entityOf(h);
    if (entity === null) return null;
    return detection(SIGNATURE, score + countPresent(h, ENTITIES.map(([c]) => c)), entity, 'LiteLLM daily spend', 'usage');
  },
  missingColumns(header: string[]): string[] {
    const missing = missingOf(header, SIGNATURE);
    const h = indexHeader(header);
    const looksLike = countPresent(h, SIGNATURE.required) >= SIGNATURE.lookalike;
    if (looksLike && missing.length === 0 && entityOf(h) === null) return ['user_id, team_id, tag, organization_id or end_user_id'];
    return missing;
  },
  createMapper: (file, header, found) => new DailyMapper(file, header, found.version),
};
