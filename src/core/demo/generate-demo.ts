/**
 * The seeded demo workspace: a mid-size company's AI spend written as the files its analysts
 * would download, each in the provider's own format, so the demo goes through the same importers
 * as real exports. Invoiced: OpenAI Admin API costs, the Claude Console cost export, an Azure EA
 * cost export, an AWS CUR 2.0 with Bedrock lines. Usage sources (tokens, never invoiced totals):
 * OpenAI Admin API completions usage, the Claude Console usage export, LiteLLM proxy spend logs.
 * Same seed and months, same bytes, so a workspace, a test and a bug report can name a seed.
 */
import { addMonths, daysOfMonths, monthText, parseMonth } from './calendar';
import { anthropicConsoleCostCsv, anthropicConsoleUsageCsv } from './anthropic-console';
import { awsCur2Csv } from './aws-cur2';
import { azureEaCsv } from './azure-ea-export';
import { simulateProvider } from './company-sim';
import { litellmSpendLogsCsv, SPEND_LOG_DAYS } from './litellm-spendlogs';
import { openAiCostPages, openAiUsagePages } from './openai-pages';
import type { ProviderId } from './model-prices';
import { createRng } from './random';
import type { SpendShape } from './usage-plan';

export type DemoFile = { name: string; text: string };

export type DemoFileOptions = {
  seed: number;
  /** 'YYYY-MM', the last month included. */
  endMonth: string;
  months?: number;
};

/** `base.ext`, or `base-page-N.ext` when the API answered in several pages. */
function pageFiles(base: string, ext: string, pages: readonly string[]): DemoFile[] {
  if (pages.length === 1) return [{ name: `${base}.${ext}`, text: pages[0] }];
  return pages.map((text, i) => ({ name: `${base}-page-${i + 1}.${ext}`, text }));
}

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
  const sim = (p: ProviderId) => simulateProvider(opts.seed, p, days, months, shape);
  const [openai, anthropic, azure, aws] = [sim('openai'), sim('anthropic'), sim('azure'), sim('aws')];
  // Writers draw ids and times from streams of their own, apart from the simulation's.
  const rng = (label: string) => createRng(opts.seed, `files:${label}`);
  const logDays = days.slice(-SPEND_LOG_DAYS);
  const logSpan = `${logDays[0].start.slice(0, 10)}_${logDays[logDays.length - 1].start.slice(0, 10)}`;
  return [
    ...pageFiles(`demo-openai-costs-${span}`, 'json', openAiCostPages(openai, days, rng('openai-costs'))),
    ...pageFiles(`demo-openai-usage-completions-${span}`, 'json', openAiUsagePages(openai, days, rng('openai-usage'))),
    { name: `demo-anthropic-cost-${span}.csv`, text: anthropicConsoleCostCsv(anthropic) },
    { name: `demo-anthropic-usage-${span}.csv`, text: anthropicConsoleUsageCsv(anthropic) },
    { name: `demo-azure-ea-actualcost-${span}.csv`, text: azureEaCsv(azure) },
    { name: `demo-aws-cur2-bedrock-${span}.csv`, text: awsCur2Csv(aws, rng('aws')) },
    { name: `demo-litellm-spendlogs-${logSpan}.csv`, text: litellmSpendLogsCsv([openai, azure], days, rng('litellm')) },
  ];
}
