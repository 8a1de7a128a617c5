/** CSV text for the generators: RFC 4180, quoting only where a value needs it, as exporters do. */

export function csvField(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 /* , */ || c === 34 /* " */ || c === 10 || c === 13) {
      return '"' + value.replaceAll('"', '""') + '"';
    }
  }
  return value;
}

/** One record, LF-terminated. */
export function csvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line + '\n';
}

/** A header and its records: `row` gets each column's value by name, so writers cannot misalign. */
export function csvTable<C extends string>(
  columns: readonly C[],
  rows: Iterable<Partial<Record<C, string>>>,
): string {
  let text = columns.join(',') + '\n';
  for (const row of rows) text += csvLine(columns.map((c) => row[c] ?? ''));
  return text;
}
