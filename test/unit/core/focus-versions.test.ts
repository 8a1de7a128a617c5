import { describe, expect, it } from 'vitest';
import { focusImporter } from '../../../src/core/imports/formats/focus';
import { fileInput, testEngine } from '../helpers/engine';

const V10 = 'BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodEnd,ChargePeriodStart,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName';
const V13_HEADER =
  'ProviderName,PublisherName,ServiceProviderName,HostProviderName,InvoiceIssuerName,InvoiceId,BillingAccountId,BillingAccountName,BillingAccountType,SubAccountId,SubAccountName,SubAccountType,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,BilledCost,EffectiveCost,ListCost,ContractedCost,ListUnitPrice,ContractedUnitPrice,PricingCategory,PricingQuantity,PricingUnit,PricingCurrency,PricingCurrencyContractedUnitPrice,PricingCurrencyEffectiveCost,PricingCurrencyListUnitPrice,BillingCurrency,ConsumedQuantity,ConsumedUnit,ServiceName,ServiceCategory,ServiceSubcategory,SkuId,SkuMeter,SkuPriceId,SkuPriceDetails,ResourceId,ResourceName,ResourceType,RegionId,RegionName,AvailabilityZone,CommitmentDiscountId,CommitmentDiscountName,CommitmentDiscountCategory,CommitmentDiscountType,CommitmentDiscountStatus,CommitmentDiscountQuantity,CommitmentDiscountUnit,ContractApplied,CapacityReservationId,CapacityReservationStatus,AllocatedMethodId,AllocatedMethodDetails,AllocatedResourceId,AllocatedResourceName,AllocatedTags,Tags';

const label = (header: string) => focusImporter.detect(header.split(','))?.label;

describe('FOCUS version from the set of columns', () => {
  it('tells 1.0, 1.1, 1.2 and 1.3 apart', () => {
    expect(label(V10)).toBe('FOCUS 1.0');
    expect(label(`${V10},ServiceSubcategory,SkuMeter,SkuPriceDetails,CommitmentDiscountQuantity`)).toBe('FOCUS 1.1');
    expect(label(`${V10},ServiceSubcategory,SkuMeter,PricingCurrency,InvoiceId`)).toBe('FOCUS 1.2');
    expect(label(V13_HEADER)).toBe('FOCUS 1.3');
  });

  it('does not take one 1.1/1.2-era column for a newer version (Microsoft 1.0 exports carry some)', () => {
    expect(label(`${V10},BillingAccountType,SubAccountType,SkuMeter`)).toBe('FOCUS 1.0');
  });

  it('labels subsets and matches headers whatever their case', () => {
    expect(label('chargeperiodstart,BILLEDCOST,ServiceName')).toBe('FOCUS 1.0 (subset)');
    expect(label('ChargePeriodStart,BilledCost')).toBeUndefined();
  });

  it('imports a FOCUS 1.3 row with ServiceProviderName as the provider', async () => {
    const { engine } = await testEngine();
    const cols = V13_HEADER.split(',');
    const row = cols.map((c) =>
      ({
        ServiceProviderName: 'Anthropic',
        ProviderName: 'AWS',
        ChargePeriodStart: '2026-10-01T00:00:00Z',
        BilledCost: '12.5',
        EffectiveCost: '11.25',
        ListCost: '13',
        BillingCurrency: 'USD',
        ServiceName: 'Claude',
        ContractApplied: '"{""Elements"":[]}"',
        Tags: '"{""team"":""search""}"',
      })[c] ?? '',
    );
    const [r] = await engine.call('import/files', { files: [fileInput('focus13.csv', `${V13_HEADER}\n${row.join(',')}\n`)] });
    expect(r).toMatchObject({ status: 'imported', formatLabel: 'FOCUS 1.3', rows: 1, billedCost: '12.5' });
    const s = await engine.call('summary/totals', { by: ['provider'] });
    expect(s.groups[0]).toMatchObject({ key: { provider: 'Anthropic' }, effectiveCost: '11.25', listCost: '13' });
  });
});
