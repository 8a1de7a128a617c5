import type { RowProblem } from '../../shared/errors';

/**
 * The records "import the valid rows" leaves out, kept as CSV: the line number and the reasons
 * first (a ragged record keeps them in place), then the file's own columns. The text is the analyst's to open in a spreadsheet, so a cell that
 * a spreadsheet would run as a formula is written with a leading apostrophe.
 */
export class RejectedRows {
  private header: string[] = [];
  private readonly lines: string[] = [];
  private current: RowProblem[] = [];
  count = 0;

  setHeader(header: string[]): void {
    this.header = header;
  }

  begin(): void {
    this.current = [];
  }

  note(p: RowProblem): void {
    this.current.push(p);
  }

  end(fields: string[], line: number): void {
    if (this.current.length === 0) return;
    this.count++;
    const reasons = this.current
      .map((p) => `${p.column ? `${p.column}: ` : ''}expected ${p.expected}${p.value !== null ? ` (found "${p.value}")` : ''}`)
      .join('; ');
    this.lines.push([String(line), reasons, ...fields].map(cell).join(','));
    this.current = [];
  }

  csv(): string {
    return [['x_SourceLine', 'x_RejectReason', ...this.header].map(cell).join(','), ...this.lines].join('\r\n') + '\r\n';
  }
}

const FORMULA_START = /^[=+@\t\r]|^-(?![\d.])/;

function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
