import { EngineError } from '../../../shared/errors';
import { focusImporter } from './focus';
import type { Detection, FormatImporter } from './types';

/** Every importer Costbook knows, asked in turn; the best score wins. Detection reads headers only. */
export const IMPORTERS: readonly FormatImporter[] = [focusImporter];

export function detectFormat(file: string, header: string[]): { importer: FormatImporter; detection: Detection } {
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.trim().toLowerCase();
    if (key === '') continue;
    if (seen.has(key)) {
      throw new EngineError('import/duplicate-header', `${file}: the column "${name.trim()}" appears twice in the header.`, {
        file,
        problems: [{ file, row: 1, column: name.trim(), value: name, expected: 'each column name once' }],
      });
    }
    seen.add(key);
  }
  let best: { importer: FormatImporter; detection: Detection } | null = null;
  for (const importer of IMPORTERS) {
    const detection = importer.detect(header);
    if (detection && (best === null || detection.score > best.detection.score)) best = { importer, detection };
  }
  if (best) return best;
  for (const importer of IMPORTERS) {
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
  });
}
