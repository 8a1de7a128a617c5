/**
 * The seeded demo workspace: one FOCUS 1.2 CSV per provider (OpenAI, Anthropic, Azure OpenAI,
 * Amazon Bedrock) for a mid-size company's AI spend. Same seed and months, same bytes, so a demo
 * workspace, a test and a bug report can all name a seed instead of shipping files.
 */
import { addMonths, daysOfMonths, monthText, parseMonth, type DemoDay } from './calendar';
import { DEMO_PROVIDERS, DEMO_WORKLOADS } from './demo-company';
import { roundDivide } from './decimal-text';
import { invoiceRow, usageRow } from './demo-rows';
import { focusHeaderLine, focusRowLine, type FocusRow } from './focus-csv';
import type { ProviderId } from './model-prices';
import {
  createAccount,
  createKey,
  createProject,
  type ProjectIdentity,
  type ProviderAccount,
} from './provider-accounts';
import { createRng, type Rng } from './random';
import { pickTagStyle, tagsJson, type TagStyle } from './tag-styles';
import { chooseUntagged, isUntagged, TAGGED } from './untagged';
import { simulateUsage, type DemoKey, type SpendShape, type UsageCell } from './usage-plan';

export type DemoFile = { name: string; text: string };

export type DemoFileOptions = {
  seed: number;
  /** 'YYYY-MM', the last month included. */
  endMonth: string;
  months?: number;
};

/** Share of usage spend left untagged, per provider; allocation rules need real work to do. */
const UNTAGGED_SHARE = 0.14;
const PROMO_CREDIT = -2_500_000_000_000n; // -$250 at scale 10
const SALES_TAX_PER_100K = 8875n; // 8.875 %

export function generateDemoFiles(opts: DemoFileOptions): DemoFile[] {
  const months = opts.months ?? 3;
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    throw new RangeError(`months must be a whole number from 1 to 36: ${months}`);
  }
  const last = parseMonth(opts.endMonth);
  const first = addMonths(last, -(months - 1));
  const days = daysOfMonths(first, months);
  const shapeRng = createRng(opts.seed, 'shape');
  const shape: SpendShape = { scale: shapeRng.range(0.85, 1.15), monthlyGrowth: shapeRng.range(0.08, 0.14) };
  const span = `${monthText(first)}_${monthText(last)}`;
  return DEMO_PROVIDERS.map((p) => ({
    name: `demo-${p}-focus-${span}.csv`,
    text: providerCsv(opts.seed, p, days, months, shape),
  }));
}

function providerCsv(
  seed: number,
  provider: ProviderId,
  days: DemoDay[],
  months: number,
  shape: SpendShape,
): string {
  // Separate streams per purpose: changing how tags are drawn must not reshuffle the usage.
  const idRng = createRng(seed, `ids:${provider}`);
  const account = createAccount(idRng, provider, months);
  const keys = createKeys(idRng, account);
  const cells = simulateUsage(createRng(seed, `usage:${provider}`), account, keys, days, shape);
  const tagRng = createRng(seed, `tags:${provider}`);
  const windows = chooseUntagged(tagRng, cells, days.length, UNTAGGED_SHARE);
  const styles = new Map<string, TagStyle>();
  for (const k of keys) if (!styles.has(k.tagUnit)) styles.set(k.tagUnit, pickTagStyle(tagRng, provider));

  let text = focusHeaderLine();
  for (const cell of cells) {
    text += focusRowLine(usageRow(account, cell, cellTags(account, cell, styles, windows)));
  }
  for (const row of invoiceRows(account, days, cells)) text += focusRowLine(row);
  return text;
}

function createKeys(rng: Rng, account: ProviderAccount): DemoKey[] {
  const projects = new Map<string, ProjectIdentity>();
  const keys: DemoKey[] = [];
  for (const w of DEMO_WORKLOADS[account.provider]) {
    const project = createProject(rng, account, w, projects);
    for (const spec of w.keys) {
      const perResource = account.provider === 'azure' || account.provider === 'aws';
      const tier = w.tier ?? 'standard';
      keys.push({
        workload: w,
        spec,
        project,
        identity: createKey(rng, account.provider, w, project, spec),
        tagUnit: perResource ? `${w.project}/${w.feature}/${tier}` : `${w.project}/${spec.name}`,
      });
    }
  }
  return keys;
}

function cellTags(
  account: ProviderAccount,
  cell: UsageCell,
  styles: Map<string, TagStyle>,
  windows: Map<string, { before: number; from: number }>,
): string {
  const unit = cell.key.tagUnit;
  if (isUntagged(windows.get(unit) ?? TAGGED, cell.day.index)) return account.noTags;
  const style = styles.get(unit);
  if (style === undefined) return account.noTags;
  const { workload: w, spec } = cell.key;
  // Customer tags only make sense where a key serves one customer.
  return tagsJson(style, { team: w.team, feature: w.feature, customer: spec.customer, env: spec.env });
}

/** OpenAI: a promotional credit in the first month. Anthropic: monthly sales tax on usage. */
function invoiceRows(account: ProviderAccount, days: DemoDay[], cells: UsageCell[]): FocusRow[] {
  const monthStarts = days.filter((d) => d.start === d.billingStart);
  if (account.provider === 'openai') {
    const credit = invoiceRow(account, monthStarts[0], 'Credit', 'Promotional credit', PROMO_CREDIT, account.noTags);
    return [credit];
  }
  if (account.provider !== 'anthropic') return [];
  const usage = new Array<bigint>(monthStarts.length).fill(0n);
  for (const c of cells) usage[c.day.monthIndex] += c.billed;
  return monthStarts.map((d, i) => {
    // Tax is invoiced in cents: round the month's tax to 2 decimals, then back to scale 10.
    const cents = roundDivide(usage[i] * SALES_TAX_PER_100K, 100_000n * 100_000_000n);
    return invoiceRow(account, d, 'Tax', 'Sales tax (8.875%)', cents * 100_000_000n, account.noTags);
  });
}
