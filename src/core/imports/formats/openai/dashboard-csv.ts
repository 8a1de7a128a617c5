import { indexHeader } from '../header';
import { RecordReader } from '../record-reader';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { applyLineItem, fillOpenAiBase, quantityUnit } from './line-item';

/**
 * The cost CSV of OpenAI's platform dashboard: the /v1/organization/costs response flattened,
 * `start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,quantity,
 * quantity_unit,line_item,user_id,api_key_id,project_id,organization_id,project_name,
 * organization_name,user_email,api_source`. Billed cost: an invoice source.
 */

const LABEL = 'OpenAI cost export (dashboard)';
const REQUIRED = ['start_time', 'end_time', 'amount_value', 'amount_currency', 'line_item'];
const HINTS = ['start_time_iso', 'end_time_iso', 'project_name', 'project_id', 'api_source', 'organization_id', 'quantity_unit'];
const UNIX = /^\d{1,11}$/;
const CURRENCY = /^[a-z]{3}$/i;

class DashboardCostMapper extends RecordReader implements RowMapper {
  private readonly i: Record<string, number>;
  private emptyDays = 0;

  constructor(file: string, header: string[]) {
    super(file, header);
    const h = indexHeader(header);
    const names = [...REQUIRED, ...HINTS, 'quantity', 'user_id', 'user_email', 'api_key_id', 'organization_name'];
    this.i = Object.fromEntries(names.map((n) => [n, h.index(n)]));
  }

  warnings(): string[] {
    const notes = ['The file has one cost column (amount_value): it is used for BilledCost, EffectiveCost and ListCost.'];
    if (this.emptyDays > 0) {
      notes.push(`${this.emptyDays} row${this.emptyDays === 1 ? '' : 's'} without an amount (days without spend) were skipped.`);
    }
    return notes;
  }

  /** A bucket bound: unix seconds, or the ISO copy when the seconds are empty. */
  private time(unixCol: number, isoCol: number, required: boolean): number | null {
    const v = this.text(unixCol);
    if (v !== null) {
      if (UNIX.test(v.trim())) return Number(v.trim());
      this.problem(unixCol, 'a time in unix seconds such as 1730419200');
      return null;
    }
    if (this.text(isoCol) !== null) return this.instant(isoCol, false);
    if (required) this.problem(unixCol, 'a time in unix seconds such as 1730419200 (it is required)');
    return null;
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    // A day without spend is exported as a row with its times and nothing else.
    if (this.text(i.amount_value) === null && this.text(i.amount_currency) === null && this.text(i.line_item) === null) {
      this.emptyDays++;
      return true;
    }
    const start = this.time(i.start_time, i.start_time_iso, true);
    const end = this.time(i.end_time, i.end_time_iso, false);
    const amount = this.money(i.amount_value, true);
    const currency = this.text(i.amount_currency);
    if (currency === null || !CURRENCY.test(currency.trim())) this.problem(i.amount_currency, 'a three-letter currency code such as usd');
    const quantity = this.quantity(i.quantity);
    if (!this.ok || start === null || amount === null || currency === null) return false;

    const d = sink.next();
    d.rowNumber = line;
    d.chargePeriodStart = start;
    d.chargePeriodEnd = end;
    d.billed = amount;
    d.effective = amount;
    d.list = amount;
    fillOpenAiBase(d);
    d.setText('BillingCurrency', currency.trim().toUpperCase());
    d.setText('ChargeCategory', amount.hi < 0 ? 'Credit' : 'Usage');
    const project = this.text(i.project_id);
    const projectName = this.text(i.project_name);
    d.setText('SubAccountId', project);
    d.setText('SubAccountName', projectName ?? project);
    d.setText('x_Project', project ?? projectName);
    d.setText('BillingAccountId', this.text(i.organization_id));
    d.setText('BillingAccountName', this.text(i.organization_name));
    d.setText('x_User', this.text(i.user_email) ?? this.text(i.user_id));
    d.setText('x_ApiKey', this.text(i.api_key_id));
    d.setText('ResourceId', this.text(i.api_key_id));
    const lineItem = this.text(i.line_item);
    applyLineItem(d, lineItem);
    if (quantity !== null) {
      const unit = quantityUnit(this.text(i.quantity_unit));
      d.consumedQuantity = quantity;
      d.pricingQuantity = quantity;
      d.setText('ConsumedUnit', unit?.unit ?? null);
      d.setText('PricingUnit', unit?.unit ?? null);
      if (unit !== null && unit.tokens !== null) d.tokens = Math.round(quantity * unit.tokens);
    }
    sink.emit();
    return true;
  }
}

function looksLikeFocus(header: string[]): boolean {
  const h = indexHeader(header);
  return h.has('BilledCost') && h.has('ChargePeriodStart');
}

export const openAiDashboardCostImporter: TableImporter = {
  kind: 'table',
  id: 'openai-dashboard-cost',
  label: LABEL,
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    if (looksLikeFocus(header) || !REQUIRED.every((c) => h.has(c))) return null;
    const hints = HINTS.filter((c) => h.has(c)).length;
    return { format: 'openai-dashboard-cost', version: null, label: LABEL, sourceKind: 'invoice', score: 40 + hints };
  },
  missingColumns(header: string[]): string[] {
    const h = indexHeader(header);
    // Only a header with OpenAI's own amount columns earns a "missing columns" answer.
    if (!h.has('amount_value') || !h.has('amount_currency') || looksLikeFocus(header)) return [];
    return REQUIRED.filter((c) => !h.has(c));
  },
  createMapper(file: string, header: string[]): RowMapper {
    return new DashboardCostMapper(file, header);
  },
};
