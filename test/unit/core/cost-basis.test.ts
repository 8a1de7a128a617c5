import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';

const AMORTIZED = new TextDecoder().decode(fixtureBytes('azure-cost-export-ea-amortized/EA_AmortizedCost_synthetic.csv')).replace(/^\uFEFF/, '');

/** The actual-cost twin of the amortized sample: reservation-covered usage costs 0, no unused line. */
function actualTwin(): string {
  const parsed = Papa.parse<Record<string, string>>(AMORTIZED, { header: true, skipEmptyLines: true });
  const rows = parsed.data
    .filter((r) => r.ChargeType !== 'UnusedReservation')
    .map((r) => (r.PricingModel === 'Reservation' ? { ...r, Cost: '0' } : r));
  return Papa.unparse({ fields: parsed.meta.fields ?? [], data: rows.map((r) => (parsed.meta.fields ?? []).map((f) => r[f])) });
}

describe('actual and amortized exports of the same period', () => {
  it('are flagged, and only the actual one counts as invoiced, in either order', async () => {
    for (const order of [['amortized', 'actual'], ['actual', 'amortized']]) {
      const { engine } = await testEngine();
      const files = { amortized: fileInput('amortized.csv', AMORTIZED), actual: fileInput('actual.csv', actualTwin()) };
      const [first] = await engine.call('import/files', { files: [files[order[0] as 'actual']] });
      const [second] = await engine.call('import/files', { files: [files[order[1] as 'actual']] });
      expect(first.formatLabel).toMatch(order[0] === 'actual' ? /\(actual\)/ : /\(amortized\)/);
      expect(second.status).toBe('imported');
      expect(second.warnings.join(' ')).toMatch(order[1] === 'actual' ? /no longer added to invoiced totals/ : /not added to invoiced totals/);
      const actualTotal = order[0] === 'actual' ? first.billedCost : second.billedCost;
      expect((await engine.call('summary/totals', { by: [] })).billedCost).toBe(actualTotal);
      const kinds = Object.fromEntries((await engine.call('import/history', {})).map((h) => [h.file, h.sourceKind]));
      expect(kinds).toEqual({ 'actual.csv': 'invoice', 'amortized.csv': 'usage' });
    }
  });
});
