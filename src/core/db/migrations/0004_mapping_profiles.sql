-- Costbook workspace, schema 4: column mappings the analyst made for files no importer knows.
-- A profile is applied again automatically when a file with the same header is imported.
CREATE TABLE mapping_profiles (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  header_key TEXT NOT NULL,   -- the file's header, normalized (see formats/header.ts headerKey)
  header     TEXT NOT NULL,   -- JSON array of the header as written
  mapping    TEXT NOT NULL,   -- JSON ColumnMapping
  created_at TEXT NOT NULL
);
CREATE INDEX mapping_profiles_by_header ON mapping_profiles (header_key);
