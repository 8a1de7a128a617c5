-- Costbook workspace, schema 5: what token usage costs at the price catalog's (or the analyst's
-- negotiated) prices, beside what was billed. Filled by src/core/pricing/apply.ts after every
-- committed import and whenever an override changes; the billed, effective and list costs a file
-- brought are never touched, so a re-pricing can always start again from them.
ALTER TABLE charges ADD COLUMN x_CatalogCost_hi INTEGER;   -- exact picodollars, USD, like BilledCost
ALTER TABLE charges ADD COLUMN x_CatalogCost_lo INTEGER;
-- Id into `strings`. Priced rows: the record or override used, e.g.
-- "anthropic/claude-sonnet-4-5@2025-09-29 standard global"; unpriced rows: why not.
ALTER TABLE charges ADD COLUMN x_PriceRef INTEGER;
-- Id into `strings`: the catalog's canonical model the row resolved to (null when none did).
ALTER TABLE charges ADD COLUMN x_CatalogModel INTEGER;
-- 1 priced (catalog), 2 override, 3 unmatched (no model), 4 no-price-at-date, 5 no-rate (the
-- record valid that day does not sell this meter), 6 not-tokens; null: not evaluated yet.
ALTER TABLE charges ADD COLUMN x_PricingStatus INTEGER;

-- Negotiated prices. They win over the catalog within [valid_from, valid_to) (to exclusive, null open).
CREATE TABLE price_overrides (
  id               INTEGER PRIMARY KEY,
  provider         TEXT NOT NULL,            -- catalog provider id, e.g. 'anthropic'
  model            TEXT,                     -- canonical model id; null: every model of the provider
  meter            TEXT,                     -- input, output, cachedInput ...; null: every meter
  kind             TEXT NOT NULL CHECK (kind IN ('discount', 'rates')),
  discount_percent TEXT,                     -- exact decimal, for 'discount'
  rates            TEXT,                     -- JSON {meter: decimal USD per 1M tokens}, for 'rates'
  valid_from       TEXT NOT NULL,            -- YYYY-MM-DD, UTC
  valid_to         TEXT,
  note             TEXT,
  created_at       TEXT NOT NULL
);

-- Every save and delete of an override, as it was: who priced what is never silently lost.
CREATE TABLE price_override_log (
  id          INTEGER PRIMARY KEY,
  override_id INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  data        TEXT NOT NULL,                 -- JSON of the override after the change (before, for delete)
  at          TEXT NOT NULL
);
