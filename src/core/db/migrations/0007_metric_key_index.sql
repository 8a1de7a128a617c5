-- Costbook workspace, schema 7: a business metric row is replaced by the next import of the same
-- metric, day, tag key and tag value, names compared ignoring ASCII case. This index answers that
-- look-up, so importing a metric file costs a look-up per row instead of a scan of every row.
CREATE INDEX business_metrics_by_key ON business_metrics (metric COLLATE NOCASE, day, tag_key COLLATE NOCASE, tag_value);
