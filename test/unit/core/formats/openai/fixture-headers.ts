import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { fixturePath } from '../../../helpers/engine';

export type FixtureFile = { rel: string; header: string[] | null; doc: unknown };

/** Every CSV and JSON fixture of the suite, with its header row or parsed document. */
export function allFixtures(): FixtureFile[] {
  const root = fixturePath('');
  const out: FixtureFile[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(csv|json)$/i.test(e.name)) {
        const text = readFileSync(full, 'utf8').replace(/^\uFEFF/, '');
        const rel = relative(root, full);
        if (/\.json$/i.test(e.name)) {
          let doc: unknown = null;
          try {
            doc = JSON.parse(text);
          } catch {
            doc = null;
          }
          out.push({ rel, header: null, doc });
        } else {
          const first = Papa.parse<string[]>(text, { preview: 1 }).data[0] ?? [];
          out.push({ rel, header: first, doc: null });
        }
      }
    }
  };
  walk(root);
  return out;
}
