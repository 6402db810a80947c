/**
 * Texts of columnar cells: dates and times as ISO 8601 (what a CSV export of the file would hold), and numbers as
 * the file's type writes them (a 32-bit float's shortest text, a decimal's scale).
 */

/** Units of times and timestamps. */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

const PER_SECOND: Record<TimeUnit, bigint> = { s: 1n, ms: 1000n, us: 1_000_000n, ns: 1_000_000_000n };
const DIGITS: Record<TimeUnit, number> = { s: 0, ms: 3, us: 6, ns: 9 };
const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` of a count of days since 1970-01-01. */
export function dateText(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return Number.isNaN(d.getTime()) ? String(days) : d.toISOString().slice(0, 10);
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z` of a count of `unit`s since 1970-01-01 UTC; the fraction has the unit's digits,
 * and only when it is not zero. Out of the range of dates: the count itself.
 *
 * `utc` false: a local date-time (a timestamp not adjusted to UTC: a count of `unit`s since 1970-01-01 00:00:00 on
 * a clock of no particular time zone, every day 86,400 s), written the same way without the "Z", which would claim
 * an instant in UTC.
 */
export function instantText(value: bigint | number, unit: TimeUnit, utc = true): string {
  const { seconds, fraction } = split(value, unit);
  const d = new Date(Number(seconds) * 1000);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.toISOString().slice(0, 19)}${fraction}${utc ? 'Z' : ''}`;
}

/** `HH:MM:SS[.fraction]` of a count of `unit`s since midnight. */
export function timeOfDayText(value: bigint | number, unit: TimeUnit): string {
  const { seconds, fraction } = split(value, unit);
  const s = Number(seconds);
  if (s < 0 || s >= 86_400 * 2) return String(value);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}${fraction}`;
}

function split(value: bigint | number, unit: TimeUnit): { seconds: bigint; fraction: string } {
  const v = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  const per = PER_SECOND[unit];
  let seconds = v / per;
  let rest = v % per;
  if (rest < 0n) { seconds -= 1n; rest += per; } // floor, for times before 1970
  return { seconds, fraction: rest === 0n ? '' : `.${String(rest).padStart(DIGITS[unit], '0')}` };
}

/** The shortest text that reads back as the same 32-bit float (0.1f is "0.1", not "0.10000000149011612"). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let p = 1; p < 9; p++) {
    const s = String(Number(v.toPrecision(p)));
    if (Math.fround(Number(s)) === v) return s;
  }
  return String(v);
}

/** A decimal with its scale's digits after the point ("12.30" for scale 2), as long as that reads back as the same number. */
export function decimalText(v: number, scale: number): string {
  if (scale <= 0 || scale > 20 || Math.abs(v) >= 1e21) return String(v);
  const s = v.toFixed(scale);
  return Number(s) === v ? s : String(v);
}

/**
 * A decimal's value from its unscaled integer: `unscaled / 10^scale`, correctly rounded (as the CSV reader reads
 * "12.30"), when the integer and the power of ten are exact doubles; else (a decimal(38, 2) of 20 digits, a 64-bit
 * integer beyond 2^53) the decimal's exact text ("12345678901234567890.12"), for the caller to keep next to the
 * nearest double (`Number` of it), so exports do not write out a double's digits the file does not hold.
 */
export function decimalValue(unscaled: bigint | number, scale: number): number | string {
  const pow = 10 ** Math.abs(scale);
  const n = Number(unscaled);
  if (Math.abs(n) <= 2 ** 53 && pow <= 1e22) return scale >= 0 ? n / pow : n * pow;
  return decimalDigits(BigInt(unscaled), scale);
}

/** The text of unscaled / 10^scale with `scale` digits after the point ("-12.30"). */
export function decimalDigits(unscaled: bigint, scale: number): string {
  const sign = unscaled < 0n ? '-' : '';
  const digits = String(unscaled < 0n ? -unscaled : unscaled);
  if (scale <= 0) return sign + digits + '0'.repeat(-scale);
  const padded = digits.padStart(scale + 1, '0');
  return `${sign}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}
