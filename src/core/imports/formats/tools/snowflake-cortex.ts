import type { ChargeDraft } from '../../charge-writer';
import { canonicalTags } from '../focus';
import { indexHeader, type HeaderIndex } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { columnsOf, countPresent, detection, looksLikeFocus, missingOf, scoreOf, type Signature } from './detect';
import { modelVendor } from './provider-names';
import { countOf, emitTokenLines, isRecord, tokenLines, ToolsReader, ZERO, type TokenClass, type TokenLine } from './tools-reader';

/**
 * Exports of Snowflake's Cortex usage views: `CORTEX_FUNCTIONS_USAGE_HISTORY` (hourly, START_TIME)
 * and its successor `CORTEX_AISQL_USAGE_HISTORY` (USAGE_TIME, per query, with TOKENS_GRANULAR).
 * They count tokens and credits, not money (a credit's price is in the contract), so they are
 * usage: costs 0, credits as the pricing quantity, never added to invoiced totals.
 * `CORTEX_FUNCTIONS_QUERY_USAGE_HISTORY` has no time column and needs one joined in.
 */

const SIGNATURE: Signature = {
  format: 'snowflake-cortex',
  required: ['FUNCTION_NAME', 'MODEL_NAME', 'TOKENS', 'TOKEN_CREDITS'],
  hints: ['START_TIME', 'END_TIME', 'USAGE_TIME', 'WAREHOUSE_ID', 'QUERY_ID', 'TOKENS_GRANULAR', 'TOKEN_CREDITS_GRANULAR', 'USER_ID', 'QUERY_TAG'],
  lookalike: 3,
};

const TIME_COLUMNS = ['START_TIME', 'USAGE_TIME'];

const COLUMNS = [
  'START_TIME', 'END_TIME', 'USAGE_TIME', 'FUNCTION_NAME', 'MODEL_NAME', 'WAREHOUSE_ID', 'TOKENS', 'TOKEN_CREDITS',
  'TOKENS_GRANULAR', 'QUERY_ID', 'QUERY_TAG', 'USER_ID',
] as const;

const GRANULAR_CLASSES: Record<string, TokenClass> = {
  input: 'input',
  output: 'output',
  cache_read: 'cached_read',
  cache_read_input: 'cached_read',
  cache_write: 'cache_write',
  cache_write_input: 'cache_write',
};

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;

class CortexMapper extends ToolsReader implements RowMapper {
  private readonly i: Record<(typeof COLUMNS)[number], number>;
  private readonly timeCol: number;
  private naiveTimes = 0;
  private ungranular = 0;

  constructor(file: string, header: string[]) {
    super(file, header);
    this.i = columnsOf(header, COLUMNS);
    this.timeCol = this.i.START_TIME >= 0 ? this.i.START_TIME : this.i.USAGE_TIME;
  }

  warnings(): string[] {
    const notes = ['Snowflake Cortex usage is in tokens and credits, not money: costs are 0 and credits are the pricing quantity. It is kept as usage, not invoiced cost.'];
    if (this.naiveTimes > 0) {
      notes.push(`${this.naiveTimes} row(s) have times without a UTC offset (TIMESTAMP_LTZ written in the session's time zone): they were read as UTC.`);
    }
    if (this.i.TOKENS_GRANULAR >= 0 && this.ungranular > 0) {
      notes.push(`${this.ungranular} row(s) have no input/output breakdown that adds up to TOKENS: their tokens are kept as a total without a token class.`);
    }
    return notes;
  }

  /** Token lines from TOKENS_GRANULAR ({"input": n, "output": m}) when it accounts for every token. */
  private granular(total: number): TokenLine[] | null {
    const value = this.json(this.i.TOKENS_GRANULAR, 'a JSON object of token counts such as {"input": 120, "output": 30}');
    if (!isRecord(value)) return null;
    const byClass = new Map<TokenClass, number>();
    let sum = 0;
    for (const key of Object.keys(value)) {
      const cls = Object.hasOwn(GRANULAR_CLASSES, key.toLowerCase()) ? GRANULAR_CLASSES[key.toLowerCase()] : null;
      const n = countOf(value, key);
      if (cls === null || n === null) return null;
      byClass.set(cls, (byClass.get(cls) ?? 0) + n);
      sum += n;
    }
    if (sum !== total || byClass.size === 0) return null;
    const line = (c: TokenClass): TokenLine => ({ tokenClass: c, tokens: byClass.get(c) ?? null });
    return tokenLines(line('input'), line('cached_read'), line('cache_write'), line('output'));
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const start = this.instant(this.timeCol, true);
    const end = this.instant(i.END_TIME, false);
    const tokens = this.whole(i.TOKENS) ?? 0;
    const credits = this.quantity(i.TOKEN_CREDITS);
    const granular = this.text(i.TOKENS_GRANULAR) === null ? null : this.granular(tokens);
    if (!this.ok || start === null) return false;
    if (!ZONED.test((this.text(this.timeCol) ?? '').trim())) this.naiveTimes++;
    if (granular === null && this.text(i.TOKENS_GRANULAR) !== null) this.ungranular++;
    const lines = granular ?? [{ tokenClass: null, tokens }];

    const rawTag = this.text(i.QUERY_TAG);
    const objectTag = rawTag?.trim().startsWith('{') ? canonicalTags(rawTag) : undefined;
    const tags = rawTag === null ? null : objectTag !== undefined ? objectTag : JSON.stringify({ query_tag: rawTag });
    const fn = this.text(i.FUNCTION_NAME);
    const model = this.text(i.MODEL_NAME);
    const fill = (d: ChargeDraft, first: boolean): void => {
      d.rowNumber = line;
      d.chargePeriodStart = start;
      d.chargePeriodEnd = end ?? (i.USAGE_TIME === this.timeCol ? start + 3600 : null);
      d.pricingQuantity = first ? credits : null;
      d.tagsJson = tags;
      d.setText('BillingCurrency', 'USD');
      d.setText('ProviderName', 'Snowflake');
      d.setText('PublisherName', modelVendor(model, 'Snowflake'));
      d.setText('InvoiceIssuerName', 'Snowflake');
      d.setText('ServiceName', 'Snowflake Cortex');
      d.setText('ServiceCategory', 'AI and Machine Learning');
      d.setText('ChargeCategory', 'Usage');
      d.setText('ChargeFrequency', 'Usage-Based');
      d.setText('ChargeDescription', fn);
      d.setText('SkuId', fn);
      d.setText('PricingUnit', 'Credits');
      d.setText('ResourceId', this.text(i.WAREHOUSE_ID));
      d.setText('x_Model', model);
      d.setText('x_User', this.text(i.USER_ID));
    };
    emitTokenLines(sink, lines, { billed: ZERO, effective: ZERO, list: ZERO, requests: null }, fill);
    return true;
  }
}

function hasTime(h: HeaderIndex): boolean {
  return countPresent(h, TIME_COLUMNS) > 0;
}

export const snowflakeCortexImporter: TableImporter = {
  kind: 'table',
  id: SIGNATURE.format,
  label: 'Snowflake Cortex usage',
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    const score = scoreOf(h, SIGNATURE);
    if (score === null || !hasTime(h)) return null;
    const version = h.has('USAGE_TIME') && !h.has('START_TIME') ? 'aisql-usage-history' : 'functions-usage-history';
    return detection(SIGNATURE, score, version, 'Snowflake Cortex usage', 'usage');
  },
  missingColumns(header: string[]): string[] {
    const h = indexHeader(header);
    const missing = missingOf(header, SIGNATURE);
    if (looksLikeFocus(h) || countPresent(h, SIGNATURE.required) < SIGNATURE.lookalike) return missing;
    // The per-query view has no time: name the column a join with QUERY_HISTORY would add.
    return hasTime(h) ? missing : [...missing, 'START_TIME or USAGE_TIME'];
  },
  createMapper: (file, header) => new CortexMapper(file, header),
};
