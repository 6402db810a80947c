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
