import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AllocationPage } from './pages/allocation-page';
import { SplitMetricPanel } from './pages/split-metric-panel';

const FIXTURES = join('test', 'fixtures', 'business-metrics');
const SMALL = { width: 1280, height: 800 };
/** The demo's split that shares the company assistant's cost among the teams. */
const ASSISTANT_SPLIT = 'split-internal-assistant';
const SOURCE_TEAM = 'ML Platform';

type MetricRow = { day: string; team: string; quantity: number };

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * headcount.csv with its months moved so that its last month is the demo's last (the demo covers
 * the three whole months before today's): the same teams, quantities and row count, dated where the
 * demo's charges are.
 */
function headcountForDemo(now: Date): { csv: string; rows: MetricRow[]; demoMonths: string[] } {
  const text = readFileSync(join(FIXTURES, 'headcount.csv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  expect(header).toBe('day,metric,tag_key,tag_value,quantity');
  const demoEnd = now.getUTCFullYear() * 12 + now.getUTCMonth() - 1;
  const last = Math.max(...lines.map((l) => monthIndex(l)));
  const shift = demoEnd - last;
  const moved = lines.map((l) => `${monthOf(monthIndex(l) + shift)}${l.slice(7)}`);
  const rows = moved.map((l) => {
    const [day, , , team, quantity] = l.split(',');
    return { day, team, quantity: Number(quantity) };
  });
  return { csv: [header, ...moved].join('\n') + '\n', rows, demoMonths: [demoEnd - 2, demoEnd - 1, demoEnd].map(monthOf) };
}

/** The lowest and highest share of the headcount a team had in any of `months`. */
function shareBounds(rows: MetricRow[], months: string[], team: string): [number, number] {
  const shares = months.map((m) => {
    const inMonth = rows.filter((r) => r.day.startsWith(m));
    const total = inMonth.reduce((a, r) => a + r.quantity, 0);
    return (inMonth.find((r) => r.team === team)?.quantity ?? 0) / total;
  });
  return [Math.min(...shares), Math.max(...shares)];
}

test('an analyst imports headcount from a split’s usage measure; the split shares by it, and a broken file is refused in words', async ({ app }) => {
  const { start, shell, explore, page } = app;
  const allocation = new AllocationPage(page);
  const panel = new SplitMetricPanel(page, allocation);
  const headcount = headcountForDemo(new Date());
  const days = headcount.rows.map((r) => r.day).sort();
  const [firstDay, lastDay] = [days[0], days[days.length - 1]];
  const teams = [...new Set(headcount.rows.map((r) => r.team))];

  await start.openDemo();
  await explore.waitLoaded();
  await shell.goto('allocation');
  await allocation.waitLoaded();
  await allocation.tab('splits');

  // The company assistant is shared by typed-in percentages; the analyst switches it to usage.
  await panel.editSplit(ASSISTANT_SPLIT);
  await allocation.choose(page.getByTestId('split-method'), 'In proportion to usage');
  await expect(panel.usage).toHaveValue('tokens');
  await expect(panel.usageShown).toHaveText('Tokens');
  await expect(panel.coverage).toHaveCount(0);
  expect(await panel.usageOptions()).toEqual(['Tokens', 'Requests']);
  await panel.waitFigures();
  const byTokens = await panel.figures();
  expect([...byTokens.keys()]).toEqual(expect.arrayContaining(teams));

  // The headcount file, imported from the usage measure: what it held, in words, and the split
  // now measured by it (it was on tokens, no business metric chosen), with what the metric covers.
  await panel.importMetric({ name: 'headcount.csv', mimeType: 'text/csv', buffer: Buffer.from(headcount.csv) });
  await expect(panel.imported).toHaveText(`Imported ${headcount.rows.length} rows of headcount, ${firstDay} to ${lastDay}`);
  await expect(panel.error).toHaveCount(0);
  await expect(panel.usage).toHaveValue('metric:headcount');
  await expect(panel.usageShown).toHaveText('headcount');
  await expect(panel.coverage).toHaveText(`Covers ${firstDay} to ${lastDay}, ${headcount.rows.length} rows`);
  expect(await panel.usageOptions()).toEqual(['Tokens', 'Requests', 'Business metric: headcount']);
  await expect(allocation.unsaved).toBeVisible();

  // The preview follows: each team now receives the pool in proportion to its headcount in the
  // month, so its share of the pool lies between its lowest and highest monthly share.
  await expect.poll(async () => JSON.stringify([...(await panel.figures())]), { timeout: 60_000 }).not.toBe(JSON.stringify([...byTokens]));
  await panel.waitFigures();
  const byHeadcount = await panel.figures();
  const pooled = await panel.pooled();
  expect(pooled).toBeGreaterThan(0);
  const gains = new Map<string, number>();
  for (const team of teams) {
    const f = byHeadcount.get(team);
    expect(f, team).toBeDefined();
    if (!f) continue;
    expect(f.before).toBe(byTokens.get(team)?.before);
    // The pool comes out of the source team's cost and part of it comes back as its share.
    const gain = f.after - f.before + (team === SOURCE_TEAM ? pooled : 0);
    gains.set(team, gain);
    const [low, high] = shareBounds(headcount.rows, headcount.demoMonths, team);
    // Two cents of rounding: the table shows whole cents of each figure.
    expect(gain, team).toBeGreaterThanOrEqual(low * pooled - 0.02);
    expect(gain, team).toBeLessThanOrEqual(high * pooled + 0.02);
  }
  // Values that are not targets (the key's default) keep their cost.
  for (const [value, f] of byHeadcount) if (!teams.includes(value)) expect(f.after, value).toBe(f.before);
  // Customer Support is the largest team in every month, so it receives the most.
  const largest = [...gains].sort((a, b) => b[1] - a[1])[0][0];
  expect(largest).toBe('Customer Support');
  expect([...byHeadcount].some(([team, f]) => Math.abs(f.after - (byTokens.get(team)?.after ?? 0)) >= 0.01)).toBe(true);

  await page.setViewportSize(SMALL);
  await allocation.settle();
  expect(await allocation.horizontalOverflow()).toEqual([]);
  await app.screenshot('allocation-metric-imported');

  // A file with a quantity written as a word is refused whole: the file, row and column are named
  // in words, and the stored metric is as it was (its rows are of December 2025, outside it).
  await panel.importMetric(join(FIXTURES, 'headcount-broken.csv'));
  await expect(panel.error).toContainText('headcount-broken.csv was not imported');
  await expect(panel.error).toContainText('No metric was imported');
  const problem = panel.error.getByTestId('problem-row');
  await expect(problem).toHaveCount(1);
  await expect(problem.locator('td')).toHaveText(['headcount-broken.csv', '4', 'quantity', 'ten', /non-negative decimal number/]);
  await expect(panel.error).not.toContainText('{');
  await expect(panel.imported).toHaveCount(0);
  await expect(panel.usage).toHaveValue('metric:headcount');
  await expect(panel.coverage).toHaveText(`Covers ${firstDay} to ${lastDay}, ${headcount.rows.length} rows`);
  expect(await panel.usageOptions()).toEqual(['Tokens', 'Requests', 'Business metric: headcount']);
  await panel.waitFigures();
  expect(await panel.figures()).toEqual(byHeadcount);

  await allocation.settle();
  expect(await allocation.horizontalOverflow()).toEqual([]);
  await app.screenshot('allocation-metric-error');

  // Closing the report clears it; the import is ready for the corrected file.
  await panel.error.getByRole('button', { name: 'Close' }).click();
  await expect(panel.error).toHaveCount(0);
  await expect(panel.importButton).toBeEnabled();
});
