/**
 * A fast path for the common shape of delimited text: fields either bare or wholly quoted with
 * doubled quotes inside, a quoted field closed right before a delimiter, a line break or the end.
 * For such text it returns exactly what papaparse's Parser (quote `"`, no comments) returns: the
 * same rows and the same cursor. papaparse allocates a substring and runs a regular expression
 * for every quoted field; this does neither unless the field holds a doubled quote. Anything
 * else (an unclosed quote at the very end, spaces or text after a closing quote, a delimiter of
 * more than one character) makes it give up and return null: the caller then asks papaparse,
 * which also reports the problem in its own words.
 */
export type FastParse = { rows: string[][]; cursor: number };

const QUOTE = 34; // "

export function fastParse(input: string, delimiter: string, newline: string, ignoreLastRow: boolean): FastParse | null {
  const len = input.length;
  const rows: string[][] = [];
  if (delimiter.length !== 1) return null;
  if (len === 0) return { rows, cursor: 0 };
  const delim = delimiter.charCodeAt(0);
  const nl0 = newline.charCodeAt(0);
  const nlLen = newline.length;
  const crlf = nlLen === 2;
  let pos = 0; // start of the current field
  let rowStart = 0;
  // Records are made with `new Array()`, not `[]`: V8 watches where array literals are allocated
  // and, once it has seen a large batch of them all alive (a file's first batch), allocates that
  // literal's arrays in the old generation for good. Every field string of every later record
  // then outlived a scavenge: half a gigabyte promoted per 200,000 rows.
  let row: string[] = new Array<string>();
  let nextNewline = input.indexOf(newline);
  let nextDelim = input.indexOf(delimiter);
  for (;;) {
    if (input.charCodeAt(pos) === QUOTE) {
      // A quoted field: find its closing quote, stepping over doubled quotes.
      let q = pos;
      let escaped = false;
      let closed = -1;
      for (;;) {
        q = input.indexOf('"', q + 1);
        if (q < 0) break;
        if (q === len - 1) {
          closed = q;
          break;
        }
        if (input.charCodeAt(q + 1) === QUOTE) {
          escaped = true;
          q++;
          continue;
        }
        closed = q;
        break;
      }
      if (closed < 0) {
        // Unterminated: the rest of the input may complete it later; at the end it is an error.
        if (!ignoreLastRow) return null;
        return { rows, cursor: rowStart };
      }
      let value = input.substring(pos + 1, closed);
      if (escaped) value = value.replaceAll('""', '"');
      const after = closed + 1;
      if (after === len) {
        // The closing quote ends the input: papaparse keeps this row only at the very end.
        if (ignoreLastRow) return { rows, cursor: rowStart };
        row.push(value);
        rows.push(row);
        return { rows, cursor: len };
      }
      const c = input.charCodeAt(after);
      if (c === delim) {
        row.push(value);
        pos = after + 1;
      } else if (c === nl0 && (!crlf || input.charCodeAt(after + 1) === newline.charCodeAt(1))) {
        row.push(value);
        rows.push(row);
        row = new Array<string>();
        pos = after + nlLen;
        rowStart = pos;
      } else {
        return null; // text or spaces after a closing quote: papaparse's rules apply
      }
      if (nextDelim >= 0 && nextDelim < pos) nextDelim = input.indexOf(delimiter, pos);
      if (nextNewline >= 0 && nextNewline < pos) nextNewline = input.indexOf(newline, pos);
      continue;
    }
    if (nextDelim >= 0 && (nextDelim < nextNewline || nextNewline < 0)) {
      row.push(input.substring(pos, nextDelim));
      pos = nextDelim + 1;
      nextDelim = input.indexOf(delimiter, pos);
      continue;
    }
    if (nextNewline >= 0) {
      row.push(input.substring(pos, nextNewline));
      rows.push(row);
      row = new Array<string>();
      pos = nextNewline + nlLen;
      rowStart = pos;
      nextNewline = input.indexOf(newline, pos);
      continue;
    }
    // The last field of the input, with no line break after it.
    if (ignoreLastRow) return { rows, cursor: rowStart };
    row.push(input.substring(pos));
    rows.push(row);
    return { rows, cursor: len };
  }
}
