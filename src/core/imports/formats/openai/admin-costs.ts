import type { Detection, JsonImporter } from '../types';
import { adminPageKind } from './admin-page';
import { JsonFieldReader, type JsonObject, valueAt, walkResults } from '../json-reader';
import { applyLineItem, fillOpenAiBase, quantityUnit } from './line-item';

/**
 * OpenAI Admin API cost pages (/v1/organization/costs): daily buckets of
 * `organization.costs.result` with `amount {value, currency}`, `line_item`, `project_id`,
 * `api_key_id`, `quantity`, `quantity_unit`. Billed cost: an invoice source.
 */

const LABEL = 'OpenAI costs (Admin API)';
const CURRENCY = /^[a-z]{3}$/i;

type Bucket = { start: number; end: number | null };

export const openAiCostsApiImporter: JsonImporter = {
  kind: 'json',
  id: 'openai-costs-api',
  label: LABEL,
  detect(doc: unknown): Detection | null {
    if (adminPageKind(doc) !== 'costs') return null;
    return { format: 'openai-costs-api', version: null, label: LABEL, sourceKind: 'invoice', score: 50 };
  },
  read(file, doc, _detection, sink, report): string[] {
    const r = new JsonFieldReader(file, report);
    const readBucket = (bucket: JsonObject): Bucket | null => {
      const start = r.unixSeconds(bucket, 'start_time', true);
      const end = r.unixSeconds(bucket, 'end_time', false);
      return start === null ? null : { start, end };
    };
    walkResults(doc, r, readBucket, (bucket, res, row) => {
      if (res.object !== 'organization.costs.result') {
        r.problem('object', res.object, 'organization.costs.result, like the other results of a costs page');
        return;
      }
      const amount = r.money(res, 'amount.value', true);
      const currency = r.text(res, 'amount.currency');
      if (currency === null || !CURRENCY.test(currency)) r.problem('amount.currency', valueAt(res, 'amount.currency'), 'a three-letter currency code such as "usd"');
      const lineItem = r.text(res, 'line_item');
      const project = r.text(res, 'project_id');
      const apiKey = r.text(res, 'api_key_id');
      const quantity = r.quantity(res, 'quantity');
      const unit = quantityUnit(r.text(res, 'quantity_unit'));
      if (!r.ok || amount === null || currency === null) return;

      const d = sink.next();
      d.rowNumber = row;
      d.chargePeriodStart = bucket.start;
      d.chargePeriodEnd = bucket.end;
      d.billed = amount;
      d.effective = amount;
      d.list = amount;
      fillOpenAiBase(d);
      d.setText('BillingCurrency', currency.toUpperCase());
      d.setText('ChargeCategory', amount.hi < 0 ? 'Credit' : 'Usage');
      // The API knows projects by id only: the id stands in for the name, so summaries can group by it.
      d.setText('SubAccountId', project);
      d.setText('SubAccountName', project);
      d.setText('x_Project', project);
      d.setText('x_ApiKey', apiKey);
      d.setText('ResourceId', apiKey);
      applyLineItem(d, lineItem);
      if (quantity !== null) {
        d.consumedQuantity = quantity;
        d.pricingQuantity = quantity;
        d.setText('ConsumedUnit', unit?.unit ?? null);
        d.setText('PricingUnit', unit?.unit ?? null);
        if (unit !== null && unit.tokens !== null) d.tokens = Math.round(quantity * unit.tokens);
      }
      sink.emit();
    });
    return ['The costs endpoint gives one amount: it is used for BilledCost, EffectiveCost and ListCost.'];
  },
};
