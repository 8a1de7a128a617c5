-- Costbook workspace, schema 6: allocation. The rule set (virtual tag keys with their ordered
-- rules, and split rules) is one JSON document, `AllocationRuleSet` in
-- src/shared/allocation-contract.ts; every save keeps the document and what changed.
-- Allocation results are not stored: they are computed from the charges and the rules, so a rule
-- change applies to everything imported and to every later import.
CREATE TABLE allocation_rules (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  doc        TEXT NOT NULL,            -- JSON AllocationRuleSet
  version    INTEGER NOT NULL,         -- 1 for the first save, +1 on every save
  updated_at TEXT NOT NULL
);

CREATE TABLE allocation_history (
  id      INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  at      TEXT NOT NULL,
  changes TEXT NOT NULL,               -- JSON array of sentences: "Rule “Search” added to team"
  doc     TEXT NOT NULL                -- the rule set as saved
);

-- Business metrics (requests served, outcomes, active customers ...) per UTC day and value of a
-- tag key, imported from CSV, to split shared cost in proportion to them.
CREATE TABLE business_metrics (
  id         INTEGER PRIMARY KEY,
  metric     TEXT NOT NULL,
  day        INTEGER NOT NULL,         -- unix seconds of the UTC day
  tag_key    TEXT NOT NULL,
  tag_value  TEXT NOT NULL,
  quantity   TEXT NOT NULL,            -- exact decimal
  file_name  TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX business_metrics_by_metric ON business_metrics (metric, day);
