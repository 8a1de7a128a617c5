import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { kept, records, storedCharges, times } from './test-helpers';

const ACTUAL = 'azure-cost-export-ea/EA_ActualCost_Small.csv';
const NO_ROWS = 'azure-cost-export-ea/EA_NoRows.csv';
const AMORTIZED = 'azure-cost-export-ea-amortized/EA_AmortizedCost_synthetic.csv';

/** Groups the file's records by one column and sums a money column exactly. */
function sums(rows: Record<string, string>[], by: string, money: string): Map<string, { rows: number; sum: string }> {
  const out = new Map<string, { rows: number; sum: string }>();
  for (const key of new Set(rows.map((r) => r[by]))) {
    const mine = rows.filter((r) => r[by] === key);
    out.set(key, { rows: mine.length, sum: exactSum(mine.map((r) => kept(r[money]))) });
  }
  return out;
}

/** The list cost the mapping documents: PayGPrice × Quantity, or Cost where a charged row has no PayGPrice. */
function listCost(r: Record<string, string>): string {
  const zero = (t: string): boolean => /^-?0*\.?0*$/.test(t);
  return zero(r.PayGPrice) && !zero(r.Cost) ? r.Cost : times(r.PayGPrice, r.Quantity);
}

describe('Azure EA cost export', () => {
  it('imports the actual-cost sample with totals by subscription and service equal to the file', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('EA_ActualCost_Small.csv', fixtureBytes(ACTUAL))] });
    const file = records(ACTUAL);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('azure-ea');
    expect(r.formatLabel).toBe('Azure EA cost export (actual)');
    expect(r.sourceKind).toBe('invoice');
    expect(r.rows).toBe(file.length);
    expect(r.rows).toBe(11);
    expect(r.billedCost).toBe(exactSum(file.map((x) => kept(x.Cost))));
    expect(r.currency).toBe('USD');
    expect(r.periodStart).toBe('2023-09-04');
    expect(r.periodEnd).toBe('2023-09-21');

    const bySub = await engine.call('summary/totals', { by: ['provider', 'subAccount'] });
    const expectedSubs = sums(file, 'SubscriptionName', 'Cost');
    expect(bySub.groups).toHaveLength(expectedSubs.size);
    for (const [name, { rows, sum }] of expectedSubs) {
      const g = bySub.groups.find((x) => x.key.subAccount === name);
      expect(g).toMatchObject({ rows, billedCost: sum, effectiveCost: sum, currency: 'USD', key: { provider: 'Microsoft' } });
    }
    const byService = await engine.call('summary/totals', { by: ['service'] });
    const expectedServices = sums(file, 'MeterCategory', 'Cost');
    expect(byService.groups.map((g) => g.key.service).sort()).toEqual([...expectedServices.keys()].sort());
    for (const [service, { rows, sum }] of expectedServices) {
      expect(byService.groups.find((x) => x.key.service === service)).toMatchObject({ rows, billedCost: sum });
    }
    expect(byService.listCost).toBe(exactSum(file.map(listCost)));
    expect(r.warnings.some((w) => /EffectiveCost is taken as BilledCost/.test(w))).toBe(true);
  });

  it('reads MM/DD/YYYY dates, inclusive period ends, brace-less tags and the reservation purchase', async () => {
    const { engine } = await testEngine();
    await engine.call('import/files', { files: [fileInput('EA_ActualCost_Small.csv', fixtureBytes(ACTUAL))] });
    const file = records(ACTUAL);
    const stored = await storedCharges(engine, [
      'x_RowNumber', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingPeriodStart', 'BillingPeriodEnd', 'Tags', 'SubAccountId',
      'ChargeCategory', 'CommitmentDiscountType', 'PricingCategory', 'SkuId', 'SkuMeter', 'x_Project', 'BillingAccountId',
    ]);
    expect(stored).toHaveLength(file.length);
    const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 1000;
    stored.forEach((s, k) => {
      const [mm, dd, yyyy] = file[k].Date.split('/').map(Number);
      expect(s.x_RowNumber).toBe(k + 2);
      expect(s.ChargePeriodStart).toBe(day(yyyy, mm, dd));
      expect(s.ChargePeriodEnd).toBe(day(yyyy, mm, dd + 1));
      expect(s.BillingPeriodStart).toBe(day(2023, 9, 1));
      expect(s.BillingPeriodEnd).toBe(day(2023, 10, 1));
      expect(s.SubAccountId).toBe(file[k].SubscriptionId);
      expect(s.SkuId).toBe(file[k].MeterId);
      expect(s.SkuMeter).toBe(file[k].MeterName);
      expect(s.BillingAccountId).toBe('8611537');
      expect(s.x_Project).toBe(file[k].ResourceGroup || null);
      const tags = file[k].Tags ? (JSON.parse(`{${file[k].Tags}}`) as Record<string, string>) : null;
      const sorted = tags && Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));
      expect(s.Tags).toBe(sorted ? JSON.stringify(sorted) : null);
    });
    expect(stored[0]).toMatchObject({ ChargeCategory: 'Purchase', CommitmentDiscountType: 'Reservation', PricingCategory: 'Committed' });
    expect(stored[1]).toMatchObject({ ChargeCategory: 'Usage', CommitmentDiscountType: null, PricingCategory: 'Standard' });
  });

  it('imports the header-only export as an empty file and says the cost view could not be told', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('EA_NoRows.csv', fixtureBytes(NO_ROWS))] });
    expect(r).toMatchObject({ status: 'imported', format: 'azure-ea', formatLabel: 'Azure EA cost export', rows: 0, billedCost: '0' });
    expect(r.warnings.some((w) => /could not be told/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /no charge rows/.test(w))).toBe(true);
  });

  it('labels an amortized export from its unused-reservation and covered-usage rows', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('amortized.csv', fixtureBytes(AMORTIZED))] });
    const file = records(AMORTIZED);
    expect(r.status).toBe('imported');
    expect(r.formatLabel).toBe('Azure EA cost export (amortized)');
    expect(r.billedCost).toBe(exactSum(file.map((x) => kept(x.Cost))));
    expect(r.warnings.some((w) => /Amortized-cost export/.test(w))).toBe(true);
    const summary = await engine.call('summary/totals', { by: [] });
    expect(summary.effectiveCost).toBe(exactSum(file.map((x) => kept(x.Cost))));
    expect(summary.listCost).toBe(exactSum(file.map(listCost)));
    const stored = await storedCharges(engine, ['ChargeCategory', 'CommitmentDiscountId', 'CommitmentDiscountStatus', 'CommitmentDiscountCategory']);
    expect(stored.map((s) => s.CommitmentDiscountStatus)).toEqual(['Used', 'Unused', null]);
    expect(stored.map((s) => s.CommitmentDiscountId)).toEqual([file[0].benefitId, file[1].benefitId, null]);
    expect(stored.map((s) => s.ChargeCategory)).toEqual(['Usage', 'Usage', 'Usage']);
    expect(stored[0].CommitmentDiscountCategory).toBe('Usage');
  });
});
