import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../../../src/core/imports/perf/fast-csv';

/** What csv-reader gets from papaparse for the same text and flags. */
function papa(text: string, delimiter: string, newline: '\n' | '\r\n' | '\r', ignoreLastRow: boolean) {
  const r = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(text, 0, ignoreLastRow) as Papa.ParseResult<string[]>;
  return { rows: r.data, cursor: r.meta.cursor, errors: r.errors.length };
}

function expectSameAsPapa(text: string, delimiter = ',', newline: '\n' | '\r\n' | '\r' = '\n') {
  for (const ignoreLastRow of [false, true]) {
    const fast = fastParse(text, delimiter, newline, ignoreLastRow);
    const ref = papa(text, delimiter, newline, ignoreLastRow);
    if (fast === null) continue; // papaparse decides
    expect(ref.errors, JSON.stringify({ text, ignoreLastRow })).toBe(0);
    expect({ rows: fast.rows, cursor: fast.cursor }, JSON.stringify({ text, ignoreLastRow })).toEqual({ rows: ref.rows, cursor: ref.cursor });
  }
}

describe('the fast CSV path', () => {
  it.each([
    '',
    'a',
    'a,b,c',
    'a,b,c\n',
    'a,b\n1,2\n3,4',
    'a,b\n1,2\n3,4\n',
    'a,b\n\n1,2\n\n',
    ',,\n,,',
    '"a","b"\n"1","2"',
    '"a,b",c\n"x""y",z',
    '"multi\nline",x\ny,z',
    '"","",""',
    '""""',
    '"a""',
    '"open\n1,2',
    'a,"b"\n1,"2',
    '"a" ,b',
    '"a"x,b',
    'x"y,z\n1,2',
    'a,b"\n"c,d',
    '"ends with quote"',
    '"ends with quote"\n',
    'tab\tsep\n1\t2',
    '{"team":"search"},"{""team"":""search""}"',
  ])('reads %j as papaparse does, or leaves it to papaparse', (text) => {
    expectSameAsPapa(text);
    expectSameAsPapa(text.replace(/\n/g, '\r\n'), ',', '\r\n');
    expectSameAsPapa(text.replace(/\n/g, '\r'), ',', '\r');
    expectSameAsPapa(text.replace(/,/g, ';'), ';');
  });

  it('agrees with papaparse on random text built from delimiters, quotes and line breaks', () => {
    const alphabet = ['a', 'b', ',', ',', '"', '""', '\n', '\r\n', ' ', 'xyz', '{"k":"v"}'];
    let x = 99;
    const next = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    let fastCount = 0;
    for (let k = 0; k < 5000; k++) {
      let s = '';
      const len = next(30);
      for (let i = 0; i < len; i++) s += alphabet[next(alphabet.length)];
      expectSameAsPapa(s);
      expectSameAsPapa(s, ',', '\r\n');
      if (fastParse(s, ',', '\n', false) !== null) fastCount++;
    }
    expect(fastCount).toBeGreaterThan(1000); // the fast path did most of the work
  });

  it('agrees on well-formed quoted records cut at every position, as streaming cuts them', () => {
    const text = 'id,name,tags\n1,"Smith, J","{""team"":""a""}"\n2,"multi\nline",\n3,plain,"x"\n';
    for (let cut = 0; cut <= text.length; cut++) expectSameAsPapa(text.slice(0, cut));
  });

  it('gives up on a delimiter of more than one character', () => {
    expect(fastParse('a::b', '::', '\n', false)).toBeNull();
  });
});
