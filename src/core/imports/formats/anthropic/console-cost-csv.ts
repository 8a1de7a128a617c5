import { indexHeader } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { ConsoleRowReader, looksLikeFocus } from './console-row';
import { serviceTier, TOKEN_TYPES } from './vocabulary';

/**
 * The Console's cost export (Cost > Export), in USD, in three observed layouts:
 * 2024 `usage_date_utc,model,workspace,api_key,usage_type,token_type,cost_usd`;
 * 2025 adds `context_window` and `cost_type`;
 * 2026 adds `list_price_usd`, `inference_geo`, `speed` (newest also `api_key_id`, `api_key_status`).
 * `model` is a display name here ("Claude Sonnet 4.5"), not the usage export's model id.
 */

const REQUIRED = ['usage_date_utc', 'model', 'token_type', 'cost_usd'];
const OTHER = ['model', 'usage_type', 'context_window', 'token_type', 'cost_usd', 'list_price_usd', 'cost_type'];

function layoutOf(header: string[]): '2024' | '2025' | '2026' {
  const h = indexHeader(header);
  if (h.has('list_price_usd')) return '2026';
  if (h.has('cost_type') || h.has('context_window')) return '2025';
  return '2024';
}

class ConsoleCostMapper extends ConsoleRowReader implements RowMapper {
  private readonly notes = new Set<string>();

  constructor(file: string, header: string[]) {
    super(file, header, OTHER);
    if (this.col.list_price_usd < 0) this.notes.add('The file has no list_price_usd column: cost_usd is used for ListCost.');
    this.notes.add('cost_usd is used for both BilledCost and EffectiveCost.');
  }

  warnings(): string[] {
    return [...this.notes];
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const c = this.col;
    this.begin(f, line, report);
    const day = this.day();
    const cost = this.money(c.cost_usd, true);
    const list = this.money(c.list_price_usd, false);
    const model = this.text(c.model);
    const tokenType = this.text(c.token_type);
    if (!this.ok || day === null || cost === null) return false;
    const tokenClass = tokenType === null ? null : (TOKEN_TYPES[tokenType.trim().toLowerCase()] ?? null);
    if (tokenType !== null && tokenClass === null) {
      this.notes.add(`The token type "${tokenType}" is not one Costbook knows: its rows have no token class.`);
    }
    const costType = this.text(c.cost_type);
    const context = this.text(c.context_window);

    const d = sink.next();
    this.fillRow(d, line, day, model);
    d.billed = cost;
    d.effective = cost;
    d.list = list ?? cost;
    d.setText('ChargeCategory', cost.hi < 0 ? 'Credit' : 'Usage');
    d.setText('x_TokenClass', tokenClass);
    d.setText('x_ServiceTier', serviceTier(this.text(c.usage_type)));
    d.setText('SkuMeter', tokenType ?? costType);
    const what = [costType, tokenType].filter((x) => x !== null).join(': ');
    d.setText('ChargeDescription', `${what}${context === null ? '' : ` (context ${context})`}`);
    sink.emit();
    return true;
  }
}

export const anthropicConsoleCostImporter: TableImporter = {
  kind: 'table',
  id: 'anthropic-console-cost',
  label: 'Anthropic cost export (Console)',
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    if (looksLikeFocus(header) || !REQUIRED.every((n) => h.has(n))) return null;
    const layout = layoutOf(header);
    return {
      format: 'anthropic-console-cost',
      version: layout,
      label: `Anthropic cost export (Console, ${layout} layout)`,
      sourceKind: 'invoice',
      score: 40 + ['workspace', 'api_key', 'usage_type', 'cost_type', 'list_price_usd'].filter((n) => h.has(n)).length,
    };
  },
  missingColumns(header: string[]): string[] {
    const h = indexHeader(header);
    // Only a header with the export's own cost column earns a "missing columns" answer.
    if (looksLikeFocus(header) || !h.has('cost_usd') || !h.has('usage_date_utc')) return [];
    return REQUIRED.filter((n) => !h.has(n));
  },
  createMapper(file: string, header: string[]): RowMapper {
    return new ConsoleCostMapper(file, header);
  },
};
