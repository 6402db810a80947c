/**
 * The working units of the numeric columns, from their moments over observed cells: each column is centred on its
 * mean (the caller's `shift`) and, with `standardize`, divided by its standard deviation. Shared by the in-memory
 * preparation (Gaussian and mixed) and the streamed one, which gather the moments each in their own way.
 */

export interface ColumnUnits {
  /** Divisor of each column (1 unless standardized; a constant column keeps 1). */
  readonly scale: Float64Array;
  /** Σ over observed cells of log scale_a: log-likelihood in original units = working one − this. */
  readonly logJacobian: number;
  /** Columns with a single value (their variance can only come from the regularisation). */
  readonly constantColumns: number[];
}

/**
 * Turns `columnVariance` (in: Σ (x − mean)² over each column's observed cells; out: the variance in working units)
 * and `count` (observed cells per column) into the columns' units.
 */
export function finishColumnUnits(columnVariance: Float64Array, count: ArrayLike<number>, standardize: boolean): ColumnUnits {
  const d = columnVariance.length;
  const scale = new Float64Array(d).fill(1);
  const constantColumns: number[] = [];
  let logJacobian = 0;
  for (let a = 0; a < d; a++) {
    columnVariance[a] /= count[a];
    if (columnVariance[a] === 0) constantColumns.push(a);
    else if (standardize) {
      scale[a] = Math.sqrt(columnVariance[a]);
      columnVariance[a] = 1;
      logJacobian += count[a] * Math.log(scale[a]);
    }
  }
  return { scale, logJacobian, constantColumns };
}
