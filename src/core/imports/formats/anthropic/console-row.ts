import type { ChargeDraft } from '../../charge-writer';
import { indexHeader } from '../header';
import { RecordReader } from '../record-reader';
import { fillAnthropicBase } from './vocabulary';

const DAY = 86_400;
const COMMON = ['usage_date_utc', 'workspace', 'api_key', 'api_key_id', 'inference_geo'];
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** FOCUS files may carry x_ columns; a header with FOCUS's own cost columns is never ours. */
export function looksLikeFocus(header: string[]): boolean {
  const h = indexHeader(header);
  return h.has('BilledCost') && h.has('ChargePeriodStart');
}

/**
 * Shared reading of the Console's CSV exports: one row per UTC day, model, workspace (a name;
 * empty is the default workspace) and API key (a name).
 */
export abstract class ConsoleRowReader extends RecordReader {
  protected readonly col: Record<string, number>;

  constructor(file: string, header: string[], names: string[]) {
    super(file, header);
    const h = indexHeader(header);
    this.col = Object.fromEntries([...COMMON, ...names].map((n) => [n, h.index(n)]));
  }

  /** The row's UTC day: [start, end). A date with a time is taken as an instant with no end. */
  protected day(): [number, number | null] | null {
    const col = this.col.usage_date_utc;
    const start = this.instant(col, true);
    if (start === null) return null;
    return [start, PLAIN_DATE.test((this.f[col] ?? '').trim()) ? start + DAY : null];
  }

  /** Fills what every Console row says: time, provider, workspace, key, region. */
  protected fillRow(d: ChargeDraft, line: number, day: [number, number | null], model: string | null): void {
    d.rowNumber = line;
    d.chargePeriodStart = day[0];
    d.chargePeriodEnd = day[1];
    fillAnthropicBase(d);
    d.setText('BillingCurrency', 'USD');
    d.setText('ChargeCategory', 'Usage');
    const workspace = this.text(this.col.workspace) ?? 'Default';
    d.setText('SubAccountName', workspace);
    d.setText('x_Project', workspace);
    const key = this.text(this.col.api_key);
    d.setText('x_ApiKey', key);
    d.setText('ResourceName', key);
    d.setText('ResourceId', this.text(this.col.api_key_id));
    d.setText('x_Model', model);
    const geo = this.text(this.col.inference_geo);
    d.setText('RegionId', geo === 'not_available' ? null : geo);
  }
}
