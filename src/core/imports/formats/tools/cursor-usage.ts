import type { SplitAmount } from '../../../money/decimal';
import type { ChargeDraft } from '../../charge-writer';
import { indexHeader, type HeaderIndex } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { columnsOf, countPresent, detection, looksLikeFocus, missingOf, scoreOf, type Signature } from './detect';
import { modelVendor } from './provider-names';
import { emitTokenLines, tokenLines, ToolsReader, ZERO, type TokenLine } from './tools-reader';

/**
 * Cursor's usage-events CSV (dashboard "Export CSV"), every header seen: individual v1 (with
 * "Cost to you"), v2 (Kind, Max Mode), v3 (Cloud Agent ID, Automation ID), the team/admin export
 * (User) and the older team layout with one Tokens column. One row is one event.
 *
 * Cursor bills usage inside the subscription: events marked Included are paid by the plan and
 * cost 0 on the invoice; usage-based events are billed at the Cost shown. So the file is billed
 * cost (an invoice source) with Included events at 0, their dollar value (when Cursor shows one)
 * kept as list cost. Seat fees are billed outside this file.
 */

const MODERN: Signature = {
  format: 'cursor-usage',
  required: ['Date', 'Model', 'Input (w/ Cache Write)', 'Input (w/o Cache Write)', 'Cache Read', 'Output Tokens'],
  hints: ['Total Tokens', 'Cost', 'Kind', 'Max Mode', 'User', 'Cost to you', 'Cloud Agent ID', 'Automation ID'],
  lookalike: 4,
};

const LEGACY: Signature = {
  format: 'cursor-usage',
  required: ['Date', 'User', 'Kind', 'Max Mode', 'Model', 'Tokens'],
  hints: ['Cost', 'Requests'],
  lookalike: 5,
};

const COLUMNS = [
  'Date', 'User', 'Kind', 'Model', 'Max Mode', 'Input (w/ Cache Write)', 'Input (w/o Cache Write)', 'Cache Read',
  'Output Tokens', 'Tokens', 'Cost', 'Cost to you', 'Requests', 'Cloud Agent ID', 'Automation ID',
] as const;

const INCLUDED = /included|no charge/i;
const YES = new Set(['yes', 'true', '1']);

function versionOf(h: HeaderIndex): string {
  if (!h.has('Output Tokens')) return 'team-legacy';
  if (h.has('Cost to you')) return 'v1';
  if (h.has('Cloud Agent ID') || h.has('Automation ID')) return 'v3';
  if (h.has('User')) return 'team';
  return h.has('Kind') ? 'v2' : 'v1';
}

class CursorMapper extends ToolsReader implements RowMapper {
  private readonly i: Record<(typeof COLUMNS)[number], number>;
  private readonly legacy: boolean;
  private included = 0;

  constructor(file: string, header: string[]) {
    super(file, header);
    this.i = columnsOf(header, COLUMNS);
    this.legacy = this.i['Output Tokens'] < 0;
  }

  warnings(): string[] {
    const notes = ["Cursor's amounts are in US dollars. Each event's whole cost is on its input line; its cache and output lines carry tokens only."];
    if (this.i.Cost < 0 && this.i['Cost to you'] < 0) notes.push('This export has no Cost column: it is kept as usage (tokens and requests), not invoiced cost.');
    else if (this.i['Cost to you'] >= 0) notes.push('Billed cost is "Cost to you"; list cost is Cost, the value of the usage at API prices.');
    if (this.included > 0) {
      notes.push(`${this.included} event(s) are included in the Cursor plan or not charged: billed cost 0 (their dollar value, when shown, is list cost). Seat fees are billed outside this file.`);
    }
    return notes;
  }

  /** A cost cell: "Included" (paid by the plan) or a dollar amount. */
  private cost(col: number): { amount: SplitAmount | null; included: boolean } {
    const v = this.text(col);
    if (v !== null && INCLUDED.test(v)) return { amount: null, included: true };
    return { amount: this.usd(col, false), included: false };
  }

  private lines(): TokenLine[] {
    const i = this.i;
    if (this.legacy) return [{ tokenClass: null, tokens: this.whole(i.Tokens) ?? 0 }];
    return tokenLines(
      { tokenClass: 'input', tokens: this.whole(i['Input (w/o Cache Write)']) ?? 0 },
      { tokenClass: 'cached_read', tokens: this.whole(i['Cache Read']) },
      { tokenClass: 'cache_write', tokens: this.whole(i['Input (w/ Cache Write)']) },
      { tokenClass: 'output', tokens: this.whole(i['Output Tokens']) },
    );
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const at = this.instant(i.Date, true);
    const lines = this.lines();
    const cost = this.cost(i.Cost);
    const toYou = this.cost(i['Cost to you']);
    const requests = this.quantity(i.Requests) ?? 1;
    if (!this.ok || at === null) return false;

    const kind = this.text(i.Kind);
    const planPaid = cost.included || (kind !== null && INCLUDED.test(kind));
    let billed: SplitAmount;
    if (i['Cost to you'] >= 0) billed = toYou.amount ?? ZERO;
    else billed = planPaid ? ZERO : (cost.amount ?? ZERO);
    if (planPaid || toYou.included) this.included++;
    const list = cost.amount ?? billed;

    const model = this.text(i.Model);
    const maxMode = YES.has((this.text(i['Max Mode']) ?? '').toLowerCase());
    const description = [kind, maxMode ? 'Max Mode' : null].filter((x) => x !== null).join(', ');
    const fill = (d: ChargeDraft): void => {
      d.rowNumber = line;
      d.chargePeriodStart = at;
      d.setText('BillingCurrency', 'USD');
      d.setText('ProviderName', 'Cursor');
      d.setText('PublisherName', modelVendor(model, 'Cursor'));
      d.setText('InvoiceIssuerName', 'Cursor');
      d.setText('ServiceName', 'Cursor');
      d.setText('ServiceCategory', 'Developer Tools');
      d.setText('ChargeCategory', 'Usage');
      d.setText('ChargeFrequency', 'Usage-Based');
      d.setText('ChargeDescription', description);
      d.setText('ResourceId', this.text(i['Cloud Agent ID']) ?? this.text(i['Automation ID']));
      d.setText('x_Model', model);
      d.setText('x_User', this.text(i.User));
    };
    emitTokenLines(sink, lines, { billed, effective: billed, list, requests }, fill);
    return true;
  }
}

function hasCost(h: HeaderIndex): boolean {
  return h.has('Cost') || h.has('Cost to you');
}

export const cursorUsageImporter: TableImporter = {
  kind: 'table',
  id: MODERN.format,
  label: 'Cursor usage events',
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    const score = scoreOf(h, MODERN) ?? scoreOf(h, LEGACY);
    if (score === null) return null;
    return detection(MODERN, score, versionOf(h), 'Cursor usage events', hasCost(h) ? 'invoice' : 'usage');
  },
  missingColumns(header: string[]): string[] {
    const h = indexHeader(header);
    if (looksLikeFocus(h)) return [];
    // The single-Tokens layout is the older one: name the modern columns only for modern headers.
    return countPresent(h, ['Tokens']) > 0 ? missingOf(header, LEGACY) : missingOf(header, MODERN);
  },
  createMapper: (file, header) => new CursorMapper(file, header),
};
