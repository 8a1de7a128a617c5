import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileInput, fixtureBytes, testEngine } from '../helpers/engine';

/**
 * A host may read every chunk of a file into the same buffer (the CLI does). These files are
 * imported twice, once from fresh chunks and once from lent ones that are scribbled over after
 * each read, in chunks small enough that headers, BOMs and multi-byte characters span several.
 */
const FOCUS = fixtureBytes('focus-1.0-sample/focus_sample_subset200.csv');
const utf16le = (s: string) => {
  const out = new Uint8Array(2 + 2 * s.length);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
};

const FILES: [string, Uint8Array][] = [
  ['focus.csv', FOCUS],
  ['azure.csv.gz', new Uint8Array(gzipSync(fixtureBytes('azure-cost-export-mca/azure_version_2.csv')))],
  [
    'month.zip',
    zipSync({
      'a/anthropic.csv': fixtureBytes('anthropic-console-csv/cost_export_2026.csv'),
      'b/costs.json': fixtureBytes('openai-admin-api/costs_example.json'),
    }),
  ],
  ['usage.json', fixtureBytes('openai-admin-api/usage_completions_example.json')],
  ['utf16.csv', utf16le('ChargePeriodStart,BilledCost,ProviderName,SubAccountName\n2025-04-01,1.25,OpenAI,Zürich – Ünïcode\n2025-04-02,2.5,OpenAI,Zürich – Ünïcode\n')],
];

async function importAll(lent: boolean, chunk: number) {
  const { engine } = await testEngine();
  const results = await engine.call('import/files', { files: FILES.map(([name, bytes]) => fileInput(name, bytes, chunk, lent)) });
  const totals = await engine.call('summary/totals', { by: ['provider', 'subAccount'] });
  const history = await engine.call('import/history', {});
  return { results: results.map((r) => [r.file, r.status, r.rows, r.billedCost, r.error?.message]), totals, hashes: history.map((h) => h.fileHash) };
}

describe('chunks lent by the host', () => {
  for (const chunk of [7, 4096]) {
    it(`imports CSV, gzip, ZIP, JSON and UTF-16 files the same from lent ${chunk}-byte chunks`, async () => {
      const fresh = await importAll(false, chunk);
      const lent = await importAll(true, chunk);
      expect(fresh.results.filter(([, status]) => status !== 'imported')).toEqual([]);
      expect(fresh.results).toHaveLength(6);
      expect(lent).toEqual(fresh);
    });
  }
});
