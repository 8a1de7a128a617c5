import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../../src/shared/errors';
import { readCsv } from '../../../src/core/imports/csv-reader';
import { bytesSource } from '../../../src/core/imports/sources';
import { fileInput, fixturePath, testEngine } from '../helpers/engine';

async function parseAll(bytes: Uint8Array, chunk = 7) {
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems: RowProblem[] = [];
  const notes: string[] = [];
  for await (const b of readCsv(bytesSource('f.csv', bytes, chunk), {
    onBytes: () => undefined,
    throwIfCancelled: () => undefined,
    onProblem: (p) => problems.push(p),
    onNote: (n) => notes.push(n),
  })) {
    rows.push(...b.rows);
    lines.push(...b.lines);
  }
  return { rows, lines, problems, notes };
}

const SPECTRUM = fixturePath('csv-corpus/csv-spectrum');

describe('the CSV edge corpus (csv-spectrum)', () => {
  // location_coordinates: the fixture's own CSV and JSON disagree on the phone number.
  const names = readdirSync(`${SPECTRUM}/csvs`).map((f) => f.replace(/\.csv$/, '')).filter((n) => n !== 'location_coordinates');
  it.each(names)('%s parses as its JSON says, read in 7-byte chunks', async (name) => {
    const { rows, problems } = await parseAll(new Uint8Array(readFileSync(`${SPECTRUM}/csvs/${name}.csv`)));
    const expected = JSON.parse(readFileSync(`${SPECTRUM}/json/${name}.json`, 'utf8')) as Record<string, string>[];
    const [header, ...data] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
    expect(problems).toEqual([]);
    expect(data.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])))).toEqual(expected);
  });
});

describe('encodings and line endings', () => {
  const text = 'ChargePeriodStart,BilledCost,ServiceName\n2025-01-01,1.25,Café Crème €\n2025-01-02,2.5,"Multi\nline"\n2025-01-03,3,Ω\n';

  it('keeps multi-byte characters split across chunks and counts physical lines', async () => {
    for (const chunk of [1, 2, 3, 5, 64]) {
      const { rows, lines } = await parseAll(new TextEncoder().encode(text), chunk);
      expect(rows[1][2]).toBe('Café Crème €');
      expect(rows[2][2]).toBe('Multi\nline');
      expect(rows[3][2]).toBe('Ω');
      expect(lines).toEqual([1, 2, 3, 5]);
    }
  });

  it('reads UTF-8 with BOM, UTF-16 LE/BE with BOM, UTF-16 LE without BOM, CRLF and CR-only', async () => {
    const utf16le = (s: string) => {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) {
        out[2 * i] = s.charCodeAt(i) & 0xff;
        out[2 * i + 1] = s.charCodeAt(i) >> 8;
      }
      return out;
    };
    const be = (le: Uint8Array) => le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]);
    const variants: [string, Uint8Array][] = [
      ['utf-8 bom', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
      ['utf-16le bom', new Uint8Array([0xff, 0xfe, ...utf16le(text)])],
      ['utf-16be bom', new Uint8Array([0xfe, 0xff, ...be(utf16le(text))])],
      ['utf-16le', utf16le(text)],
      ['crlf', new TextEncoder().encode(text.replace(/\n/g, '\r\n'))],
      ['cr', new TextEncoder().encode(text.replace(/\n/g, '\r'))],
    ];
    for (const [label, bytes] of variants) {
      const { rows } = await parseAll(bytes, 3);
      expect(rows[0], label).toEqual(['ChargePeriodStart', 'BilledCost', 'ServiceName']);
      expect(rows[1][2], label).toBe('Café Crème €');
      expect(rows[3][2], label).toBe('Ω');
    }
  });

  it('reads Windows-1252 and says so', async () => {
    const latin = Uint8Array.from('ChargePeriodStart,BilledCost,ServiceName\n2025-01-01,1.25,Caf\xe9 \x80\n', (c) => c.charCodeAt(0));
    const { rows, notes } = await parseAll(latin);
    expect(rows[1][2]).toBe('Café €');
    expect(notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('imports the same file identically whatever its encoding', async () => {
    const { engine } = await testEngine();
    const utf8 = await engine.call('import/files', { files: [fileInput('a.csv', text, 3)] });
    // The same source and period twice: keep both, on purpose.
    const crlf = await engine.call('import/files', { files: [fileInput('b.csv', text.replace(/\n/g, '\r\n'), 5)], options: { replace: false } });
    expect(utf8[0].billedCost).toBe('6.75');
    expect(crlf[0].billedCost).toBe('6.75');
    const s = await engine.call('summary/totals', { by: ['service'] });
    const byService = Object.fromEntries(s.groups.map((g) => [g.key.service, g.rows]));
    expect(byService).toEqual({ 'Café Crème €': 2, 'Multi\nline': 1, 'Multi\r\nline': 1, Ω: 2 });
  });

  it('refuses an unclosed quote with the line it starts on, in bounded memory', async () => {
    const { problems } = await parseAll(new TextEncoder().encode('a,b\n1,"open\n2,3\n'));
    expect(problems[0]).toMatchObject({ row: 2, expected: expect.stringMatching(/closing quote/) });
    const huge = new TextEncoder().encode('a,b\n1,"' + 'x'.repeat(9 * 1024 * 1024));
    await expect(parseAll(huge, 1 << 20)).rejects.toMatchObject({ code: 'import/line-too-long' });
  });
});
