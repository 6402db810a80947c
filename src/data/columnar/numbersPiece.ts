/**
 * The numbers piece both columnar readers make of a column's decoded values: NaN for a missing value, else the
 * number, and the exact text of a value a double cannot hold (a 64-bit integer beyond 2^53, a decimal of more
 * digits than a double has) kept beside its nearest double for exports.
 */
import type { ColumnPiece } from './types';

const TWO_53 = 2 ** 53;

/** A value's number, or the exact text of one a double cannot hold (its nearest double is `Number` of the text). */
export type NumberOrDigits = number | string;

/** A plain decoded value: a number, or a bigint (its digits when beyond 2^53); anything else is not a number. */
export function plainValue(v: unknown): NumberOrDigits {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return v > TWO_53 || v < -TWO_53 ? String(v) : Number(v);
  return NaN;
}

/** The piece of `n` values: `at(i)` null or undefined is missing, else `convert` gives its number or exact text. */
export function numbersPiece(n: number, at: (i: number) => unknown, convert: (v: unknown) => NumberOrDigits): Extract<ColumnPiece, { kind: 'numbers' }> {
  const values = new Float64Array(n);
  let exact: Map<number, string> | undefined;
  for (let i = 0; i < n; i++) {
    const v = at(i);
    if (v === null || v === undefined) { values[i] = NaN; continue; }
    const x = convert(v);
    if (typeof x === 'number') values[i] = x;
    else {
      values[i] = Number(x);
      (exact ??= new Map()).set(i, x);
    }
  }
  return { kind: 'numbers', values, exact };
}
