import type { ChargeDraft } from '../../charge-writer';
import { indexHeader, type HeaderIndex } from '../header';
import type { ChargeSink, Detection, Report, RowMapper, TableImporter } from '../types';
import { columnsOf, detection, missingOf, scoreOf, type Signature } from './detect';
import { dayAfter, emitTokenLines, tagsJson, tokenLines, ToolsReader, type TokenLine } from './tools-reader';

/**
 * GitHub's enhanced-billing usage reports: the detailed usage report (Actions, Packages,
 * Copilot ...), the Copilot premium request report (with a model column) and the AI-credits
 * report that adds token columns. These are what GitHub invoices: billed cost is net_amount,
 * list cost gross_amount, the difference being the included allowance (discount_amount).
 */

const SIGNATURE: Signature = {
  format: 'github-usage',
  required: ['date', 'product', 'sku', 'quantity', 'unit_type', 'gross_amount', 'net_amount'],
  hints: ['applied_cost_per_quantity', 'discount_amount', 'username', 'organization', 'repository', 'workflow_path', 'cost_center_name', 'model'],
  lookalike: 5,
};

const COLUMNS = [
  'date', 'product', 'sku', 'model', 'quantity', 'unit_type', 'applied_cost_per_quantity', 'gross_amount', 'discount_amount',
  'net_amount', 'username', 'organization', 'repository', 'cost_center_name', 'input', 'output', 'cache_read', 'cache_write',
] as const;

const SERVICES: Record<string, string> = {
  copilot: 'GitHub Copilot',
  actions: 'GitHub Actions',
  packages: 'GitHub Packages',
  git_lfs: 'Git LFS',
  codespaces: 'GitHub Codespaces',
  shared_storage: 'GitHub Shared Storage',
  advanced_security: 'GitHub Advanced Security',
};

const SEATS = /seat|user.?months?/i;
const REQUESTS = /request/i;

function serviceOf(product: string | null): string {
  if (product === null) return 'GitHub';
  const key = product.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return Object.hasOwn(SERVICES, key) ? SERVICES[key] : `GitHub ${product}`;
}

function kindOf(h: HeaderIndex): { version: string; label: string } {
  if (h.has('aic_quantity') || (h.has('input') && h.has('output'))) return { version: 'ai-credits', label: 'GitHub AI credits report' };
  if (h.has('model')) return { version: 'premium-requests', label: 'GitHub premium requests report' };
  return { version: h.has('workflow_path') ? 'detailed' : 'summary', label: 'GitHub usage report' };
}

class GitHubMapper extends ToolsReader implements RowMapper {
  private readonly i: Record<(typeof COLUMNS)[number], number>;

  constructor(file: string, header: string[]) {
    super(file, header);
    this.i = columnsOf(header, COLUMNS);
  }

  warnings(): string[] {
    const notes = ['GitHub bills in US dollars: billed and effective cost are net_amount, list cost is gross_amount (the difference is the included allowance).'];
    if (this.i.input >= 0) notes.push("Each row's whole cost and request count are on its input line; its other token lines carry tokens only.");
    return notes;
  }

  private lines(): TokenLine[] {
    const i = this.i;
    const input = this.whole(i.input);
    const rest: TokenLine[] = [
      { tokenClass: 'cached_read', tokens: this.whole(i.cache_read) },
      { tokenClass: 'cache_write', tokens: this.whole(i.cache_write) },
      { tokenClass: 'output', tokens: this.whole(i.output) },
    ];
    if (input === null && rest.every((l) => l.tokens === null)) return [{ tokenClass: null, tokens: null }];
    return tokenLines({ tokenClass: 'input', tokens: input ?? 0 }, ...rest);
  }

  map(f: string[], line: number, sink: ChargeSink, report: Report): boolean {
    const i = this.i;
    this.begin(f, line, report);
    const day = this.instant(i.date, true);
    const net = this.usd(i.net_amount, true);
    const gross = this.usd(i.gross_amount, true);
    this.usd(i.discount_amount, false);
    const quantity = this.quantity(i.quantity);
    const unitPrice = this.text(i.applied_cost_per_quantity);
    if (unitPrice !== null) this.usd(i.applied_cost_per_quantity, false);
    const lines = this.lines();
    if (!this.ok || day === null || net === null || gross === null) return false;

    const unit = this.text(i.unit_type);
    const seats = unit !== null && SEATS.test(unit);
    const requests = unit !== null && REQUESTS.test(unit) ? quantity : null;
    const costCenter = this.text(i.cost_center_name);
    const tags = new Map<string, string | null>();
    if (costCenter !== null) tags.set('cost_center', costCenter);
    const org = this.text(i.organization);
    const repo = this.text(i.repository);
    const tagSet = tagsJson(tags);
    const fill = (d: ChargeDraft, first: boolean): void => {
      d.rowNumber = line;
      d.chargePeriodStart = day;
      d.chargePeriodEnd = dayAfter(day);
      // The quantity is the row's, like its cost: once, on its first line.
      d.pricingQuantity = first ? quantity : null;
      d.consumedQuantity = first ? quantity : null;
      d.tagsJson = tagSet;
      d.setText('BillingCurrency', 'USD');
      d.setText('ProviderName', 'GitHub');
      d.setText('PublisherName', 'GitHub');
      d.setText('InvoiceIssuerName', 'GitHub');
      d.setText('ServiceName', serviceOf(this.text(i.product)));
      d.setText('ServiceCategory', 'Developer Tools');
      d.setText('ChargeCategory', seats ? 'Purchase' : 'Usage');
      d.setText('ChargeFrequency', seats ? 'Recurring' : 'Usage-Based');
      d.setText('ChargeDescription', this.text(i.sku));
      d.setText('SkuId', this.text(i.sku));
      d.setText('PricingUnit', unit);
      d.setText('ConsumedUnit', unit);
      d.setText('ListUnitPrice', unitPrice?.replace(/^\$/, '') ?? null);
      d.setText('SubAccountId', org);
      d.setText('SubAccountName', org);
      d.setText('ResourceId', repo);
      d.setText('ResourceName', repo);
      d.setText('x_Model', this.text(i.model));
      d.setText('x_User', this.text(i.username));
      d.setText('x_Project', costCenter ?? repo);
    };
    emitTokenLines(sink, lines, { billed: net, effective: net, list: gross, requests }, fill);
    return true;
  }
}

export const githubUsageImporter: TableImporter = {
  kind: 'table',
  id: SIGNATURE.format,
  label: 'GitHub usage report',
  detect(header: string[]): Detection | null {
    const h = indexHeader(header);
    const score = scoreOf(h, SIGNATURE);
    if (score === null) return null;
    const { version, label } = kindOf(h);
    return detection(SIGNATURE, score, version, label, 'invoice');
  },
  missingColumns: (header) => missingOf(header, SIGNATURE),
  createMapper: (file, header) => new GitHubMapper(file, header),
};
