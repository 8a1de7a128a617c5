-- Costbook workspace, schema 3: an import is first staged (its rows stored, invisible to every
-- total) so the analyst can review it, then committed or discarded. A staged import left behind
-- by a crash is discarded when the workspace opens.
ALTER TABLE imports ADD COLUMN state TEXT NOT NULL DEFAULT 'committed' CHECK (state IN ('staged', 'committed'));
