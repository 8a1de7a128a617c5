import type { ColumnMapping, MappingProfile } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import type { Clock, Workspace } from '../db/workspace';
import { headerKey } from './formats/header';
import { mappedImporter, REQUIRED_FIELDS, unknownColumns } from './formats/mapped';
import type { TableImporter } from './formats/types';

function toProfile(row: unknown[]): MappingProfile {
  const [id, name, header, mapping, createdAt] = row;
  return {
    id: Number(id),
    name: String(name),
    header: JSON.parse(String(header)) as string[],
    mapping: JSON.parse(String(mapping)) as ColumnMapping,
    createdAt: String(createdAt),
  };
}

export function listProfiles(ws: Workspace): MappingProfile[] {
  const r = ws.db.exec('SELECT id, name, header, mapping, created_at FROM mapping_profiles ORDER BY name');
  return r.length ? r[0].values.map(toProfile) : [];
}

/** The saved mappings as importers, for detection. */
export function profileImporters(ws: Workspace): TableImporter[] {
  return listProfiles(ws).map(mappedImporter);
}

/** Refuses a mapping that cannot read the file it was made for. */
export function checkMapping(header: string[], mapping: ColumnMapping): void {
  const missing = REQUIRED_FIELDS.filter((f) => mapping.columns[f] === undefined);
  if (missing.length) {
    throw new EngineError('import/missing-columns', `A mapping must say which column holds ${missing.join(' and ')}.`, { missing });
  }
  const unknown = unknownColumns(header, mapping);
  if (unknown.length) {
    throw new EngineError('import/missing-columns', `The file has no column named ${unknown.join(', ')}.`, { missing: unknown });
  }
  if (!/^[A-Z]{3}$/.test(mapping.currency)) {
    throw new EngineError('import/missing-columns', `"${mapping.currency}" is not a currency code such as USD or EUR.`, { missing: ['currency'] });
  }
}

/** Saves a profile; a profile of the same name is replaced (the analyst corrected it). */
export function saveProfile(ws: Workspace, clock: Clock, name: string, header: string[], mapping: ColumnMapping): MappingProfile {
  const trimmed = name.trim();
  if (trimmed === '') throw new EngineError('import/missing-columns', 'A mapping needs a name.', { missing: ['name'] });
  checkMapping(header, mapping);
  ws.db.run(
    `INSERT INTO mapping_profiles (name, header_key, header, mapping, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET header_key = excluded.header_key, header = excluded.header, mapping = excluded.mapping`,
    [trimmed, headerKey(header), JSON.stringify(header), JSON.stringify(mapping), clock.now().toISOString()],
  );
  const r = ws.db.exec('SELECT id, name, header, mapping, created_at FROM mapping_profiles WHERE name = ?', [trimmed]);
  return toProfile(r[0].values[0]);
}

export function deleteProfile(ws: Workspace, id: number): void {
  ws.db.run('DELETE FROM mapping_profiles WHERE id = ?', [id]);
}
