-- Costbook workspace, schema 8: totals of each import's charges per month, seller, service,
-- sub-account, charge category, model and currency, kept as the charges are written. Summaries
-- read these few thousand rows instead of grouping every charge: on a 10M-row month that grouping
-- sorted the whole table (about 15 s). Money as in `charges`: exact sums of the _hi and _lo parts
-- (the _lo sums are not carried into _hi; readers divide them by 1e9 as they do for charges).
CREATE TABLE charge_totals (
  import_id        INTEGER NOT NULL,
  x_Month          INTEGER NOT NULL,
  ProviderName     INTEGER,
  ServiceName      INTEGER,
  SubAccountName   INTEGER,
  ChargeCategory   INTEGER,
  x_Model          INTEGER,
  BillingCurrency  INTEGER,
  row_count        INTEGER NOT NULL,
  BilledCost_hi    INTEGER NOT NULL,
  BilledCost_lo    INTEGER NOT NULL,
  EffectiveCost_hi INTEGER NOT NULL,
  EffectiveCost_lo INTEGER NOT NULL,
  ListCost_hi      INTEGER NOT NULL,
  ListCost_lo      INTEGER NOT NULL
);
CREATE INDEX charge_totals_by_import ON charge_totals (import_id);

INSERT INTO charge_totals
SELECT x_ImportId, x_Month, ProviderName, ServiceName, SubAccountName, ChargeCategory, x_Model, BillingCurrency,
       count(*), sum(BilledCost_hi), sum(BilledCost_lo), sum(EffectiveCost_hi), sum(EffectiveCost_lo),
       sum(ListCost_hi), sum(ListCost_lo)
FROM charges
GROUP BY x_ImportId, x_Month, ProviderName, ServiceName, SubAccountName, ChargeCategory, x_Model, BillingCurrency;
