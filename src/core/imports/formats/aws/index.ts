import type { JsonImporter, TableImporter } from '../types';
import { awsCur2Importer, awsCurAthenaImporter, awsCurLegacyImporter } from './cur-importers';

/** The aws importers, registered in ../index.ts. CUR files are tables; AWS has no JSON export here. */
export const AWS_TABLE_IMPORTERS: readonly TableImporter[] = [awsCurLegacyImporter, awsCurAthenaImporter, awsCur2Importer];
export const AWS_JSON_IMPORTERS: readonly JsonImporter[] = [];
