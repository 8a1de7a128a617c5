import { indexHeader } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { ConsoleRowReader, looksLikeFocus } from './console-row';
import { serviceTier, type TokenClass, USAGE_NOTE } from './vocabulary';

/**
 * The Console's usage export (Usage > Export): one row per day, model, key, workspace and
 * usage type, with token counts per class. Newest header:
 * `usage_date_utc,model_version,api_key,workspace,usage_type,context_window,
 * usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,
 * usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed`;
 * older exports have one `usage_input_tokens_cache_write` column and no context_window,
 * inference_geo or speed. Tokens only: a usage source, several charges per row.
 */

const LABEL = 'Anthropic usage export (Console)';
const REQUIRED = ['usage_date_utc', 'model_version', 'usage_input_tokens_no_cache', 'usage_output_tokens'];

/** Token columns, in the order their charges are written. */
const TOKEN_COLUMNS: [string, TokenClass, string][] = [
  ['usage_input_tokens_no_cache', 'input', 'input'],
  ['usage_input_tokens_cache_read', 'cached_read', 'cache read'],
  ['usage_input_tokens_cache_write', 'cache_write', 'cache write'],
  ['usage_input_tokens_cache_write_5m', 'cache_write', 'cache write (5m)'],
  ['usage_input_tokens_cache_write_1h', 'cache_write', 'cache write (1h)'],
  ['usage_output_tokens', 'output', 'output'],
];
const OTHER = ['model_version', 'usage_type', 'context_window', 'web_search_count'];

class ConsoleUsageMapper extends ConsoleRowReader implements RowMapper {
  private readonly notes = new Set([USAGE_NOTE]);

  constructor(file: string, header: string[]) {
    super(file, header, [...TOKEN_COLUMNS.map(([c]) => c), ...OTHER]);
  }

  warnings(): string[] {
    return [...this.notes];
  }

  private tokens(col: number): number | null {
    const n = this.count(col);
    if (n !== null && n < 0) this.problem(col, 'a whole number of at least 0');
    return n;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const c = this.col;
    this.begin(f, line, report);
    const day = this.day();
    const model = this.text(c.model_version);
    if (model === null) this.problem(c.model_version, 'a model id such as claude-sonnet-4-5-20250929 (it is required)');
    const counts = TOKEN_COLUMNS.map(([col]) => this.tokens(c[col]));
    const searches = this.tokens(c.web_search_count);
    if (!this.ok || day === null) return false;
    const usageType = this.text(c.usage_type);
    const tier = serviceTier(usageType);
    if (usageType !== null && tier === null) this.notes.add(`The usage type "${usageType}" is not a service tier Costbook knows: it is left empty.`);
    const context = this.text(c.context_window);

    TOKEN_COLUMNS.forEach(([col, tokenClass, name], k) => {
      const n = counts[k];
      if (n === null || n <= 0) return;
      const d = sink.next();
      this.fillRow(d, line, day, model);
      d.setText('x_ServiceTier', tier);
      d.setText('x_TokenClass', tokenClass);
      d.setText('SkuMeter', col);
      d.setText('ConsumedUnit', 'Tokens');
      d.setText('ChargeDescription', `${name} tokens${context === null ? '' : ` (context ${context})`}`);
      d.tokens = n;
      d.consumedQuantity = n;
      sink.emit();
    });
    if (searches !== null && searches > 0) {
      const d = sink.next();
      this.fillRow(d, line, day, model);
      d.setText('x_ServiceTier', tier);
      d.setText('SkuMeter', 'web_search_count');
      d.setText('ConsumedUnit', 'Web searches');
      d.setText('ChargeDescription', 'web search requests');
      d.consumedQuantity = searches;
      sink.emit();
    }
    return true;
  }
}

export const anthropicConsoleUsageImporter: TableImporter = {
  kind: 'table',
  id: 'anthropic-console-usage',
  label: LABEL,
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    if (looksLikeFocus(header) || !REQUIRED.every((n) => h.has(n))) return null;
    const split = h.has('usage_input_tokens_cache_write_5m');
    return {
      format: 'anthropic-console-usage',
      version: split ? 'cache-write-5m-1h' : 'cache-write-single',
      label: LABEL,
      sourceKind: 'usage',
      score: 40 + ['usage_input_tokens_cache_read', 'workspace', 'api_key', 'usage_type'].filter((n) => h.has(n)).length,
    };
  },
  missingColumns(header: string[]): string[] {
    const h = indexHeader(header);
    // Only a header with the export's own token columns earns a "missing columns" answer.
    if (looksLikeFocus(header) || !header.some((n) => /^usage_(input|output)_tokens/i.test(n.trim()))) return [];
    return REQUIRED.filter((n) => !h.has(n));
  },
  createMapper(file: string, header: string[]): RowMapper {
    return new ConsoleUsageMapper(file, header);
  },
};
