-- Costbook workspace, schema 2: which source an import came from, so that a new export of the
-- same source and period can replace the old one instead of being added on top of it.
ALTER TABLE imports ADD COLUMN source_key TEXT;
CREATE INDEX imports_by_source ON imports (source_key);
