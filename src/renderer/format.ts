/**
 * Formatting of engine values for people. Money arrives as decimal strings at full precision;
 * it is rounded on the string itself so that large values never pass through a float.
 */

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Adds one to a string of digits ("0999" -> "1000"), carrying as far as needed. */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return '1' + out.join('');
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Rounds a decimal string half away from zero to `digits` places and adds thousands separators.
 * "1234567.125" -> "1,234,567.13"; "-0.004" -> "0.00". Returns the input unchanged if it is not a
 * plain decimal, so a surprise value is shown rather than hidden.
 */
export function formatDecimal(value: string, digits = 2): string {
  const m = DECIMAL.exec(value.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return value;
  const negative = m[1] === '-';
  let intPart = (m[2] || '0').replace(/^0+(?=\d)/, '');
  let frac = m[3] ?? '';
  const roundUp = frac.length > digits && frac.charCodeAt(digits) >= 53; // '5'
  frac = frac.slice(0, digits).padEnd(digits, '0');
  if (roundUp) {
    const bumped = incrementDigits(intPart + frac);
    intPart = bumped.slice(0, bumped.length - digits) || '0';
    frac = bumped.slice(bumped.length - digits);
  }
  const isZero = /^0*$/.test(intPart + frac);
  const body = groupThousands(intPart) + (digits > 0 ? '.' + frac : '');
  return negative && !isZero ? '-' + body : body;
}

/** "USD 1,234.57"; a missing amount is shown as an en dash. */
export function formatMoney(value: string | null | undefined, currency: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const amount = formatDecimal(value, 2);
  return currency ? `${currency} ${amount}` : amount;
}

/** For chart geometry only: bar heights may be approximate, labels come from the strings. */
export function decimalToNumber(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

export function formatCount(n: number): string {
  return groupThousands(String(Math.trunc(n)));
}

export function formatMegabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-01" -> "Jan 2025"; anything else is shown as it came. */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return '(no month)';
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const name = MONTHS[Number(m[2]) - 1];
  return name ? `${name} ${m[1]}` : month;
}

/** An ISO date or timestamp as "2025-01-31" (the UTC date; billing periods are UTC). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  return iso.slice(0, 10);
}

export function formatPeriod(start: string | null, end: string | null): string {
  if (!start && !end) return '–';
  const a = formatDate(start);
  const b = formatDate(end);
  return a === b ? a : `${a} – ${b}`;
}

/** A local date and time for "imported at" and "saved at" labels. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Short axis labels: 1200 -> "1.2k", 3400000 -> "3.4M". */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return (n / 1e9).toFixed(abs >= 1e10 ? 0 : 1) + 'B';
  if (abs >= 1e6) return (n / 1e6).toFixed(abs >= 1e7 ? 0 : 1) + 'M';
  if (abs >= 1e3) return (n / 1e3).toFixed(abs >= 1e4 ? 0 : 1) + 'k';
  return String(Math.round(n * 100) / 100);
}
