/**
 * Reading a `NumericTable` whichever way it is laid out (row-major `Matrix` or `ColumnMatrix`), so the engine can
 * take a reader's column arrays as they are instead of a row-major copy of them.
 */
import type { ColumnMatrix, NumericTable } from './types';

/** Whether the table is laid out by columns. */
export function isColumnMatrix(m: NumericTable): m is ColumnMatrix {
  return (m as ColumnMatrix).columns !== undefined;
}

/** Cell (i, a); NaN = missing. */
export function valueAt(m: NumericTable, i: number, a: number): number {
  return isColumnMatrix(m) ? m.columns[a][i] : m.data[i * m.cols + a];
}

/** Copies row i into `out` (length ≥ cols) and returns it. */
export function readRow(m: NumericTable, i: number, out: Float64Array): Float64Array {
  const d = m.cols;
  if (isColumnMatrix(m)) for (let a = 0; a < d; a++) out[a] = m.columns[a][i];
  else for (let a = 0, o = i * d; a < d; a++) out[a] = m.data[o + a];
  return out;
}

/** Whether the table holds rows × cols cells (every column `rows` long, or the row-major data rows × cols). */
export function hasShape(m: NumericTable): boolean {
  if (isColumnMatrix(m)) return m.columns.length === m.cols && m.columns.every((c) => c.length === m.rows);
  return m.data.length === m.rows * m.cols;
}

/** Cells the table holds (for messages about a bad shape). */
export function cellCount(m: NumericTable): number {
  return isColumnMatrix(m) ? m.columns.reduce((n, c) => n + c.length, 0) : m.data.length;
}
