import type { FormatInfo } from '../../../shared/contract';
import { EngineError } from '../../../shared/errors';
import { ANTHROPIC_JSON_IMPORTERS, ANTHROPIC_TABLE_IMPORTERS } from './anthropic';
import { AWS_JSON_IMPORTERS, AWS_TABLE_IMPORTERS } from './aws';
import { AZURE_JSON_IMPORTERS, AZURE_TABLE_IMPORTERS } from './azure';
import { focusImporter } from './focus';
import { GCP_JSON_IMPORTERS, GCP_TABLE_IMPORTERS } from './gcp';
import { OPENAI_JSON_IMPORTERS, OPENAI_TABLE_IMPORTERS } from './openai';
import { TOOLS_JSON_IMPORTERS, TOOLS_TABLE_IMPORTERS } from './tools';
import type { Detection, JsonImporter, TableImporter } from './types';

/** Every delimited-text importer Costbook knows, asked in turn; the best score wins. Headers only. */
export const TABLE_IMPORTERS: readonly TableImporter[] = [
  focusImporter,
  ...AWS_TABLE_IMPORTERS,
  ...AZURE_TABLE_IMPORTERS,
  ...GCP_TABLE_IMPORTERS,
  ...OPENAI_TABLE_IMPORTERS,
  ...ANTHROPIC_TABLE_IMPORTERS,
  ...TOOLS_TABLE_IMPORTERS,
];

/** Every JSON document importer (provider admin API pages), told from the document's structure. */
export const JSON_IMPORTERS: readonly JsonImporter[] = [
  ...AWS_JSON_IMPORTERS,
  ...AZURE_JSON_IMPORTERS,
  ...GCP_JSON_IMPORTERS,
  ...OPENAI_JSON_IMPORTERS,
  ...ANTHROPIC_JSON_IMPORTERS,
  ...TOOLS_JSON_IMPORTERS,
];

/** The importer the analyst chose, which must still find the columns it needs in the header. */
function forcedTable(
  file: string,
  header: string[],
  id: string,
  importers: readonly TableImporter[],
): { importer: TableImporter; detection: Detection } {
  const importer = importers.find((i) => i.id === id);
  const detection = importer?.detect(header) ?? null;
  if (importer && detection) return { importer, detection };
  const missing = importer?.missingColumns(header) ?? [];
  throw new EngineError(
    'import/missing-columns',
    `${file} cannot be read as ${importer?.label ?? id}${missing.length ? `: it lacks ${missing.join(', ')}` : ': its columns are not that format'}.`,
    { file, missing, format: id },
  );
}

/**
 * The importer for a header: the best-scoring built-in one, else a saved column mapping made for
 * exactly this header (`extra`), else the one the analyst forced.
 */
export function detectTable(
  file: string,
  header: string[],
  forced?: string,
  extra: readonly TableImporter[] = [],
): { importer: TableImporter; detection: Detection } {
  const importers = [...TABLE_IMPORTERS, ...extra];
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.trim().toLowerCase();
    if (key === '') continue;
    if (seen.has(key)) {
      throw new EngineError('import/duplicate-header', `${file}: the column "${name.trim()}" appears twice in the header.`, {
        file,
        column: name.trim(),
        problems: [{ file, row: 1, column: name.trim(), value: name, expected: 'each column name once' }],
      });
    }
    seen.add(key);
  }
  if (forced !== undefined) return forcedTable(file, header, forced, importers);
  let best: { importer: TableImporter; detection: Detection } | null = null;
  for (const importer of importers) {
    const detection = importer.detect(header);
    if (detection && (best === null || detection.score > best.detection.score)) best = { importer, detection };
  }
  if (best) return best;
  for (const importer of TABLE_IMPORTERS) {
    const missing = importer.missingColumns(header);
    if (missing.length) {
      throw new EngineError(
        'import/missing-columns',
        `${file} looks like a ${importer.id.toUpperCase()} file but lacks ${missing.join(', ')}.`,
        { file, missing, format: importer.id },
      );
    }
  }
  const shown = header.slice(0, 8).map((h) => h.trim()).join(', ');
  throw new EngineError('import/unrecognized-format', `${file}: no known export format has the columns ${shown}${header.length > 8 ? ', …' : ''}.`, {
    file,
    columns: header.slice(0, 30),
    // The whole header, so the analyst can map its columns.
    header,
    mappable: true,
  });
}

export function detectJson(file: string, doc: unknown, forced?: string): { importer: JsonImporter; detection: Detection } {
  let best: { importer: JsonImporter; detection: Detection } | null = null;
  for (const importer of JSON_IMPORTERS) {
    if (forced !== undefined && importer.id !== forced) continue;
    const detection = importer.detect(doc);
    if (detection && (best === null || detection.score > best.detection.score)) best = { importer, detection };
  }
  if (best) return best;
  throw new EngineError('import/unrecognized-format', `${file}: this JSON document is not an export format Costbook knows.`, {
    file,
    columns: [],
  });
}

/** Every format, for the analyst to pick one when detection chose another. */
export function listFormats(): FormatInfo[] {
  return [...TABLE_IMPORTERS, ...JSON_IMPORTERS]
    .map((i) => ({ id: i.id, label: i.label ?? i.id, kind: i.kind }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
