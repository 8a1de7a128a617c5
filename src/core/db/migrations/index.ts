import m0001 from './0001_workspace.sql?raw';
import m0002 from './0002_import_source_key.sql?raw';
import m0003 from './0003_staged_imports.sql?raw';
import m0004 from './0004_mapping_profiles.sql?raw';
import m0005 from './0005_catalog_cost.sql?raw';
import m0006 from './0006_allocation.sql?raw';
import m0007 from './0007_metric_key_index.sql?raw';
import m0008 from './0008_charge_totals.sql?raw';

/** Numbered migrations, applied in order inside one transaction each and recorded in the file. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '0001_workspace', sql: m0001 },
  { version: 2, name: '0002_import_source_key', sql: m0002 },
  { version: 3, name: '0003_staged_imports', sql: m0003 },
  { version: 4, name: '0004_mapping_profiles', sql: m0004 },
  { version: 5, name: '0005_catalog_cost', sql: m0005 },
  { version: 6, name: '0006_allocation', sql: m0006 },
  { version: 7, name: '0007_metric_key_index', sql: m0007 },
  { version: 8, name: '0008_charge_totals', sql: m0008 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
