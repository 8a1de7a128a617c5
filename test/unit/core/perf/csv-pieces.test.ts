import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../../../src/shared/errors';
import { readCsv } from '../../../../src/core/imports/csv-reader';
import { bytesSource } from '../../../../src/core/imports/sources';

async function readAll(bytes: Uint8Array, chunk: number) {
  const rows: string[][] = [];
  const lines: number[] = [];
  const problems: RowProblem[] = [];
  let batches = 0;
  for await (const b of readCsv(bytesSource('big.csv', bytes, chunk), {
    onBytes: () => undefined,
    throwIfCancelled: () => undefined,
    onProblem: (p) => problems.push(p),
    onNote: () => undefined,
  })) {
    batches++;
    for (const r of b.rows) rows.push(r);
    for (const l of b.lines) lines.push(l);
  }
  return { rows, lines, problems, batches };
}

/** A few MB of awkward but valid CSV: quotes, doubled quotes, line breaks and delimiters in fields. */
function bigCsv(records: number, newline: string): string {
  const out = ['id,name,tags,note'];
  for (let i = 0; i < records; i++) {
    const note = i % 97 === 0 ? `"two${newline}lines"` : i % 13 === 0 ? '"a, b and ""c"""' : `plain ${i}`;
    out.push(`${i},"Name ${i % 50}","{""team"":""t${i % 7}"",""env"":""prod""}",${note}`);
  }
  return out.join(newline) + newline;
}

describe('reading a large file in pieces', () => {
  for (const newline of ['\n', '\r\n']) {
    it(`gives the records and lines of one whole parse, whatever the read size (${JSON.stringify(newline)})`, async () => {
      const text = bigCsv(100_000, newline);
      const whole = Papa.parse<string[]>(text.slice(0, -newline.length), { delimiter: ',', newline: newline as '\n' | '\r\n', quoteChar: '"' }).data;
      const physical: number[] = [];
      let line = 1;
      for (const r of whole) {
        physical.push(line);
        line += 1 + r.reduce((n, f) => n + f.split(newline).length - 1, 0);
      }
      const bytes = new TextEncoder().encode(text);
      for (const chunk of [4 << 20, 1 << 20, 64 * 1024, 10_007]) {
        const got = await readAll(bytes, chunk);
        expect(got.problems).toEqual([]);
        expect(got.rows.length).toBe(whole.length);
        expect(got.rows).toEqual(whole);
        expect(got.lines).toEqual(physical);
        expect(got.batches).toBeGreaterThan(2);
      }
    });
  }

  it('reads a record longer than a piece, and still refuses one over the limit', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024);
    const text = `a,b\n${'1,2\n'.repeat(300_000)}3,"${long}"\n4,5\n`;
    const got = await readAll(new TextEncoder().encode(text), 1 << 20);
    expect(got.rows.length).toBe(300_003);
    expect(got.rows[300_001]).toEqual(['3', long]);
    expect(got.rows[300_002]).toEqual(['4', '5']);
    const huge = `a,b\n${'1,2\n'.repeat(300_000)}3,"${'x'.repeat(9 * 1024 * 1024)}`;
    await expect(readAll(new TextEncoder().encode(huge), 1 << 20)).rejects.toMatchObject({ code: 'import/line-too-long' });
  });

  it('reports a bad quote once, also when a piece ends inside its record', async () => {
    // Records of 10 bytes; with 333,333-byte reads the first batch ends at byte 1,333,332.
    const record = (i: number) => `${String(i).padStart(6, '0')},ok\n`;
    for (let bad = 133_330; bad <= 133_334; bad++) {
      let text = 'a,b\n';
      for (let i = 0; i < 200_000; i++) text += i === bad ? `${String(i).padStart(6, '0')},"bad"quote"\n` : record(i);
      const got = await readAll(new TextEncoder().encode(text), 333_333);
      expect(got.problems.map((p) => [p.row, p.expected]), `bad record ${bad}`).toEqual([[bad + 2, 'a well-formed quoted field']]);
      expect(got.rows.length).toBe(200_001);
    }
  });

  it('reports an unclosed quote where its record starts', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => (i === 150_000 ? `${i},"bad"quote` : `${i},ok`));
    const got = await readAll(new TextEncoder().encode(`a,b\n${rows.join('\n')}\n`), 333_333);
    expect(got.problems.map((p) => [p.row, p.expected])).toEqual([
      [150_002, 'a well-formed quoted field'],
      [150_002, 'a closing quote for the quoted field'],
    ]);
  });
});
