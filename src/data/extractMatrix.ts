import type { Table } from './types';

/** A row-major matrix: `data[r * cols + c]`. */
export interface NumericMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * The chosen columns as a row-major matrix for the engine: one row per table row, NaN for missing cells (and for
 * every cell of a column that is not numeric).
 * @param columns column indices into `table.columns`, in the order wanted
 */
export function extractMatrix(table: Table, columns: number[]): NumericMatrix {
  const rows = table.nRows;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  columns.forEach((column, c) => {
    if (!Number.isInteger(column) || column < 0 || column >= table.columns.length) {
      throw new RangeError(`extractMatrix: no column ${column} (the table has ${table.columns.length})`);
    }
    const values = table.numericValues?.(column) ?? null;
    if (values !== null) {
      for (let r = 0; r < rows; r++) data[r * cols + c] = values[r];
    } else {
      for (let r = 0; r < rows; r++) data[r * cols + c] = table.number(r, column);
    }
  });
  return { data, rows, cols };
}

/** The chosen columns by column: `columns[c][r]`, NaN for missing cells. */
export interface NumericColumns {
  columns: Float64Array[];
  rows: number;
  cols: number;
}

/**
 * The chosen columns as the table holds them, without copying a numeric column (the engine reads them in place;
 * a column of another type is read into a new array of its numbers, NaN where a cell is not one).
 * @param columns column indices into `table.columns`, in the order wanted
 */
export function numericColumns(table: Table, columns: number[]): NumericColumns {
  const rows = table.nRows;
  const out = columns.map((column) => {
    if (!Number.isInteger(column) || column < 0 || column >= table.columns.length) {
      throw new RangeError(`numericColumns: no column ${column} (the table has ${table.columns.length})`);
    }
    const values = table.numericValues?.(column) ?? null;
    if (values !== null && values.length === rows) return values;
    return Float64Array.from({ length: rows }, (_, r) => table.number(r, column));
  });
  return { columns: out, rows, cols: columns.length };
}
