-- Costbook workspace, schema 1.
-- Repeated text (provider, service, SKU, account, resource, units, tag keys and values ...) is stored
-- once in `strings` and referenced by integer id from every row: a bill's width is in these columns,
-- and sql.js keeps the whole database in a 2 GiB WebAssembly heap.

CREATE TABLE workspace_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE strings (
  id    INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);

-- A distinct set of tags (canonical JSON, keys sorted) shared by every row that carries it.
CREATE TABLE tag_sets (
  id   INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE
);

CREATE TABLE tag_set_items (
  tag_set_id INTEGER NOT NULL REFERENCES tag_sets (id),
  key_id     INTEGER NOT NULL REFERENCES strings (id),
  value_id   INTEGER REFERENCES strings (id),
  PRIMARY KEY (tag_set_id, key_id)
) WITHOUT ROWID;

CREATE TABLE imports (
  id              INTEGER PRIMARY KEY,
  file_name       TEXT NOT NULL,
  file_hash       TEXT NOT NULL,          -- sha-256 of the file's bytes, hex
  file_size       INTEGER NOT NULL,
  format          TEXT NOT NULL,          -- importer id, e.g. 'focus'
  format_version  TEXT,
  format_label    TEXT NOT NULL,          -- e.g. 'FOCUS 1.2'
  source_kind     TEXT NOT NULL DEFAULT 'invoice' CHECK (source_kind IN ('invoice', 'usage')),
  row_count       INTEGER NOT NULL,
  first_charge_id INTEGER,
  last_charge_id  INTEGER,
  period_start    INTEGER,                -- unix seconds, earliest ChargePeriodStart
  period_end      INTEGER,                -- unix seconds, latest ChargePeriodStart
  billed_total    TEXT NOT NULL,          -- exact decimal
  currency        TEXT,
  warnings        TEXT NOT NULL DEFAULT '[]',
  error_count     INTEGER NOT NULL DEFAULT 0,
  imported_at     TEXT NOT NULL
);
CREATE INDEX imports_by_hash ON imports (file_hash);

-- The normalized charge: FOCUS column names, x_ columns for what AI billing needs and FOCUS lacks.
-- Text columns hold ids into `strings`; money is exact picodollars as <name>_hi × 1e9 + <name>_lo
-- (see src/core/money/decimal.ts); instants are unix seconds, UTC.
CREATE TABLE charges (
  id                         INTEGER PRIMARY KEY,
  x_ImportId                 INTEGER NOT NULL,
  x_RowNumber                INTEGER NOT NULL,   -- physical line in the source file (header = 1)
  x_Month                    INTEGER NOT NULL,   -- yyyymm of ChargePeriodStart, for grouping
  ChargePeriodStart          INTEGER NOT NULL,
  ChargePeriodEnd            INTEGER,
  BillingPeriodStart         INTEGER,
  BillingPeriodEnd           INTEGER,
  BilledCost_hi              INTEGER NOT NULL,
  BilledCost_lo              INTEGER NOT NULL,
  EffectiveCost_hi           INTEGER NOT NULL,
  EffectiveCost_lo           INTEGER NOT NULL,
  ListCost_hi                INTEGER NOT NULL,
  ListCost_lo                INTEGER NOT NULL,
  ContractedCost_hi          INTEGER,
  ContractedCost_lo          INTEGER,
  BillingCurrency            INTEGER,
  ProviderName               INTEGER,
  PublisherName              INTEGER,
  InvoiceIssuerName          INTEGER,
  InvoiceId                  INTEGER,
  BillingAccountId           INTEGER,
  BillingAccountName         INTEGER,
  SubAccountId               INTEGER,
  SubAccountName             INTEGER,
  ServiceName                INTEGER,
  ServiceCategory            INTEGER,
  ServiceSubcategory         INTEGER,
  ChargeCategory             INTEGER,
  ChargeClass                INTEGER,
  ChargeFrequency            INTEGER,
  ChargeDescription          INTEGER,
  PricingCategory            INTEGER,
  PricingUnit                INTEGER,
  PricingQuantity            REAL,
  ListUnitPrice              INTEGER,            -- exact decimal text, via strings
  ContractedUnitPrice        INTEGER,            -- exact decimal text, via strings
  ConsumedQuantity           REAL,
  ConsumedUnit               INTEGER,
  RegionId                   INTEGER,
  RegionName                 INTEGER,
  AvailabilityZone           INTEGER,
  ResourceId                 INTEGER,
  ResourceName               INTEGER,
  ResourceType               INTEGER,
  SkuId                      INTEGER,
  SkuPriceId                 INTEGER,
  SkuMeter                   INTEGER,
  CommitmentDiscountId       INTEGER,
  CommitmentDiscountName     INTEGER,
  CommitmentDiscountCategory INTEGER,
  CommitmentDiscountType     INTEGER,
  CommitmentDiscountStatus   INTEGER,
  Tags                       INTEGER REFERENCES tag_sets (id),
  x_Model                    INTEGER,
  x_TokenClass               INTEGER,            -- input, output, cached_read, cache_write, reasoning
  x_Tokens                   INTEGER,
  x_Requests                 INTEGER,
  x_Project                  INTEGER,
  x_ApiKey                   INTEGER,
  x_User                     INTEGER,
  x_ServiceTier              INTEGER             -- standard, batch, priority, flex
);

-- Readable rows for anyone who opens the file with sqlite3. Costs here are REAL and approximate;
-- the app sums the exact integer columns.
CREATE VIEW focus_charges AS
SELECT
  c.id, c.x_ImportId, c.x_RowNumber,
  datetime(c.ChargePeriodStart, 'unixepoch') AS ChargePeriodStart,
  datetime(c.ChargePeriodEnd, 'unixepoch') AS ChargePeriodEnd,
  (c.BilledCost_hi * 1e9 + c.BilledCost_lo) / 1e12 AS BilledCost,
  (c.EffectiveCost_hi * 1e9 + c.EffectiveCost_lo) / 1e12 AS EffectiveCost,
  (c.ListCost_hi * 1e9 + c.ListCost_lo) / 1e12 AS ListCost,
  cur.value AS BillingCurrency, prov.value AS ProviderName, svc.value AS ServiceName,
  sub.value AS SubAccountId, sku.value AS SkuId, res.value AS ResourceId,
  cat.value AS ChargeCategory, ts.json AS Tags,
  mdl.value AS x_Model, tc.value AS x_TokenClass, c.x_Tokens, c.x_Requests
FROM charges c
LEFT JOIN strings cur ON cur.id = c.BillingCurrency
LEFT JOIN strings prov ON prov.id = c.ProviderName
LEFT JOIN strings svc ON svc.id = c.ServiceName
LEFT JOIN strings sub ON sub.id = c.SubAccountId
LEFT JOIN strings sku ON sku.id = c.SkuId
LEFT JOIN strings res ON res.id = c.ResourceId
LEFT JOIN strings cat ON cat.id = c.ChargeCategory
LEFT JOIN tag_sets ts ON ts.id = c.Tags
LEFT JOIN strings mdl ON mdl.id = c.x_Model
LEFT JOIN strings tc ON tc.id = c.x_TokenClass;
