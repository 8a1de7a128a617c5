import { parseDecimalSplit, shiftDecimal } from '../../../money/decimal';
import { JsonFieldReader, walkResults } from '../json-reader';
import type { Detection, JsonImporter } from '../types';
import { adminReportKind, bucketReader, workspaceSetter } from './admin-report';
import { fillAnthropicBase, serviceTier, TOKEN_TYPES } from './vocabulary';

/**
 * Anthropic Admin API cost report (GET /v1/organizations/cost_report): daily buckets whose
 * results carry `amount` as a decimal STRING IN CENTS ("123.45" is $1.2345), `currency`,
 * `cost_type`, `token_type`, `model`, `workspace_id`, `description`. Billed cost: invoice.
 */

const LABEL = 'Anthropic costs (Admin API)';
const CURRENCY = /^[a-z]{3}$/i;

export const anthropicCostApiImporter: JsonImporter = {
  kind: 'json',
  id: 'anthropic-cost-api',
  label: LABEL,
  detect(doc: unknown): Detection | null {
    if (adminReportKind(doc) !== 'cost') return null;
    return { format: 'anthropic-cost-api', version: null, label: LABEL, sourceKind: 'invoice', score: 50 };
  },
  read(file, doc, _detection, sink, report): string[] {
    const r = new JsonFieldReader(file, report);
    const setWorkspace = workspaceSetter(doc);
    const notes = new Set(['The cost report gives one amount: it is used for BilledCost, EffectiveCost and ListCost.']);
    walkResults(doc, r, bucketReader(r), (bucket, res, row) => {
      // Cents to currency units by moving the decimal point: exact, no division.
      const cents = r.decimalText(res, 'amount', true, 'an amount in cents as a decimal string such as "123.45"');
      const currency = r.text(res, 'currency');
      if (currency !== null && !CURRENCY.test(currency)) r.problem('currency', currency, 'a three-letter currency code such as "USD"');
      const costType = r.text(res, 'cost_type');
      const tokenType = r.text(res, 'token_type');
      const dims = {
        model: r.text(res, 'model'),
        workspace: r.text(res, 'workspace_id'),
        description: r.text(res, 'description'),
        tier: r.text(res, 'service_tier'),
        geo: r.text(res, 'inference_geo'),
      };
      if (!r.ok || cents === null) return;
      const units = shiftDecimal(cents, -2);
      const amount = units === null ? null : parseDecimalSplit(units);
      if (amount === null) {
        r.problem('amount', res.amount, 'an amount in cents as a decimal string such as "123.45"');
        return;
      }
      const tokenClass = tokenType === null ? null : (TOKEN_TYPES[tokenType] ?? null);
      if (tokenType !== null && tokenClass === null) notes.add(`The token type "${tokenType}" is not one Costbook knows: its rows have no token class.`);

      const d = sink.next();
      d.rowNumber = row;
      d.chargePeriodStart = bucket.start;
      d.chargePeriodEnd = bucket.end;
      d.billed = amount;
      d.effective = amount;
      d.list = amount;
      fillAnthropicBase(d);
      // The report documents USD as its only currency.
      d.setText('BillingCurrency', (currency ?? 'USD').toUpperCase());
      d.setText('ChargeCategory', amount.hi < 0 ? 'Credit' : 'Usage');
      setWorkspace(d, dims.workspace);
      d.setText('x_Model', dims.model);
      d.setText('x_TokenClass', tokenClass);
      d.setText('x_ServiceTier', serviceTier(dims.tier));
      d.setText('SkuMeter', tokenType ?? costType);
      d.setText('ChargeDescription', dims.description ?? ([costType, tokenType].filter((x) => x !== null).join(': ') || null));
      d.setText('RegionId', dims.geo);
      sink.emit();
    });
    return [...notes];
  },
};
