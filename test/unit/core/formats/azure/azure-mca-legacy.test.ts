import { describe, expect, it } from 'vitest';
import { exactSum, fileInput, fixtureBytes, testEngine } from '../../../helpers/engine';
import { kept, records, storedCharges, times } from './test-helpers';

const MCA = 'azure-cost-export-mca/azure_version_2.csv';
const CAMEL = 'azure-cost-export-mca-camel/mca_camel_synthetic.csv';
const LEGACY = 'azure-usage-details-legacy/usage_details_legacy_synthetic.csv';

describe('Azure MCA cost export', () => {
  it('imports the PascalCase sample in its billing currency, billed to the billing profile', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('azure_version_2.csv', fixtureBytes(MCA))] });
    const file = records(MCA);
    expect(r).toMatchObject({ status: 'imported', format: 'azure-mca', formatLabel: 'Azure MCA cost export', rows: file.length });
    expect(r.billedCost).toBe(exactSum(file.map((x) => kept(x.CostInBillingCurrency))));
    expect(r.currency).toBe(file[0].BillingCurrencyCode);
    expect(r.periodStart).toBe('2020-09-01');
    expect(r.warnings.some((w) => /could not be told/.test(w))).toBe(true);

    const byService = await engine.call('summary/totals', { by: ['service', 'subAccount'] });
    // The Marketplace purchase has "Unassigned" meters: its publisher names the service.
    const service = (x: Record<string, string>): string => (x.MeterCategory === 'Unassigned' ? x.PublisherName : x.MeterCategory);
    for (const name of new Set(file.map(service))) {
      const mine = file.filter((x) => service(x) === name);
      expect(byService.groups.find((g) => g.key.service === name)).toMatchObject({
        rows: mine.length,
        billedCost: exactSum(mine.map((x) => x.CostInBillingCurrency)),
        key: { subAccount: 'Openshift' },
      });
    }
    const stored = await storedCharges(engine, ['BillingAccountId', 'BillingAccountName', 'ChargeCategory', 'PublisherName', 'ChargePeriodStart']);
    expect(new Set(stored.map((s) => s.BillingAccountId))).toEqual(new Set([file[0].BillingProfileId]));
    expect(stored.map((s) => s.ChargeCategory)).toEqual(file.map((x) => x.ChargeType));
    expect(stored.map((s) => s.ChargePeriodStart)).toEqual(file.map((x) => Date.parse(`${x.Date}T00:00:00Z`) / 1000));
  });

  it('imports the camelCase layout, telling MM/DD from a service period that starts on the 1st', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('mca-camel.csv', fixtureBytes(CAMEL))] });
    const file = records(CAMEL);
    expect(r).toMatchObject({ status: 'imported', format: 'azure-mca', formatLabel: 'Azure MCA cost export', currency: 'EUR' });
    expect(r.billedCost).toBe(exactSum(file.map((x) => x.costInBillingCurrency)));
    // 08/03/2026 and 09/01/2026 read both ways; the service period start 08/01/2026 is a 1st only as MM/DD.
    expect(r.periodStart).toBe('2026-08-03');
    expect(r.periodEnd).toBe('2026-08-05');
    const summary = await engine.call('summary/totals', { by: [] });
    expect(summary.listCost).toBe(exactSum(file.map((x) => x.paygCostInBillingCurrency)));

    const stored = await storedCharges(engine, ['ServiceName', 'x_Model', 'x_TokenClass', 'x_ServiceTier', 'x_Tokens', 'x_Project', 'Tags', 'RegionId', 'BillingAccountId']);
    const blocks: Record<string, string> = { '1K': '1000', '1M': '1000000' };
    expect(stored[0]).toMatchObject({ ServiceName: 'Azure OpenAI', x_Model: 'gpt-4.1-mini', x_TokenClass: 'cached_read', x_ServiceTier: 'standard' });
    expect(stored[1]).toMatchObject({ ServiceName: 'Azure OpenAI', x_Model: 'gpt-4o-mini', x_TokenClass: 'output', x_ServiceTier: 'batch' });
    expect(stored[2]).toMatchObject({ ServiceName: 'Storage', x_Model: null, x_TokenClass: null, x_Tokens: null, x_Project: 'rg-data', Tags: null });
    for (const k of [0, 1]) {
      expect(stored[k].x_Tokens).toBe(Number(times(file[k].quantity, blocks[file[k].unitOfMeasure])));
      expect(stored[k].x_Project).toBe('fabrikam-assistant');
      expect(stored[k].Tags).toBe(JSON.stringify({ env: 'prod', team: 'assistant' }));
    }
    expect(stored.map((s) => s.RegionId)).toEqual(['swedencentral', 'swedencentral', 'swedencentral']);
    expect(stored[0].BillingAccountId).toBe(file[0].billingProfileId);
  });
});

describe('Azure usage details (legacy)', () => {
  it('imports PreTaxCost by service with ResourceRate as the contracted price and says list cost is missing', async () => {
    const { engine } = await testEngine();
    const [r] = await engine.call('import/files', { files: [fileInput('usage.csv', fixtureBytes(LEGACY))] });
    const file = records(LEGACY);
    expect(r).toMatchObject({ status: 'imported', format: 'azure-usage-legacy', formatLabel: 'Azure usage details (legacy)', currency: 'USD' });
    expect(r.rows).toBe(file.length);
    expect(r.billedCost).toBe(exactSum(file.map((x) => x.PreTaxCost)));
    expect(r.periodStart).toBe('2019-07-28');
    expect(r.warnings.some((w) => /ListCost is their BilledCost/.test(w))).toBe(true);
    const byService = await engine.call('summary/totals', { by: ['service'] });
    for (const name of new Set(file.map((x) => x.MeterCategory))) {
      const mine = file.filter((x) => x.MeterCategory === name);
      expect(byService.groups.find((g) => g.key.service === name)).toMatchObject({ rows: mine.length, billedCost: exactSum(mine.map((x) => x.PreTaxCost)) });
    }
    const stored = await storedCharges(engine, ['SubAccountId', 'ContractedCost', 'ResourceId', 'ResourceType', 'RegionId', 'RegionName', 'Tags', 'x_Project']);
    stored.forEach((s, k) => {
      expect(s).toMatchObject({
        SubAccountId: file[k].SubscriptionGuid,
        ContractedCost: exactSum([times(file[k].ResourceRate, file[k].UsageQuantity)]),
        ResourceId: file[k].InstanceId,
        ResourceType: file[k].ResourceType,
        RegionName: 'US East 2',
        RegionId: null,
        x_Project: file[k].ResourceGroup,
      });
    });
    expect(stored[0].Tags).toBe('{"owner":"ana","project":"p1"}');
  });
});
