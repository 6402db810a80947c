/**
 * A Gaussian fit of a large table held in memory, made through the passes of a streamed fit (`tableRows.ts`) instead
 * of a working copy of its rows: the same engine and numbers (the in-memory fit's up to the order of the sums, as for
 * a streamed file), at the memory of the table plus a chunk. The result's per-row arrays (rows used,
 * responsibilities, labels, log densities, imputed cells) are not kept by the fit: the first reader of one (the rows
 * view, an export, comparing with a column, the PCA) computes them from the fitted parameters in one pass.
 */
import { imputeMissing, predictResp, rowIsUsed, type ColumnMatrix, type GaussianFit } from '../../core';
import { numericColumns, type Table } from '../../data';
import type { FitSettingsDto } from '../../protocol/model';
import type { ColumnPlan } from '../columnPlan';
import type { FitOutcome, RunFitHooks } from '../fitHooks';
import { fitRowSource } from './streamFit';
import { tableRows, TABLE_CHUNK_ROWS } from './tableRows';

/**
 * Tables whose fit would hold at least this many bytes of working rows and responsibilities (8 · rows · (d + K + 1))
 * are fitted in passes: below it, the in-memory fit's copy is small and its threads make it faster.
 */
export const PASSES_MIN_BYTES = 32 * 2 ** 20;

/** Whether a fit of `rows` rows, `d` numeric columns and at most `maxK` components goes through passes. */
export function fitsInPasses(rows: number, d: number, maxK: number, minBytes = PASSES_MIN_BYTES): boolean {
  return 8 * rows * (d + maxK + 1) >= minBytes;
}

/** Fits the numeric columns of `plan` (no categorical or count column) to the rows of `table` in passes. */
export function runTableFit(table: Table, settings: FitSettingsDto, plan: ColumnPlan, hooks: RunFitHooks, started: number): FitOutcome {
  const x = numericColumns(table, plan.numeric) as ColumnMatrix;
  const names = plan.numeric.map((c) => table.columns[c].name);
  const { result, dto, shown } = fitRowSource(tableRows(x, table.lineNumbers, hooks.isCancelled), names, settings, hooks, started);
  const fit = lazyRowResults(shown, x, settings.missing);
  return {
    dto, fit,
    numeric: {
      columns: plan.numeric, x, missingColumns: result.missingColumns,
      get imputed() { return fit.imputed; },
    },
    categorical: { columns: [], levels: [], codes: new Int32Array(0) },
  };
}

/**
 * The fit with its per-row arrays over every row of `x`, each computed when first read: rows used (any cell
 * observed under 'em', every cell under 'drop'), then responsibilities, labels and log densities together (one
 * E-step under the fitted parameters, missing cells integrated out), and the imputed table when a row used has a
 * missing cell.
 */
function lazyRowResults(fit: GaussianFit, x: ColumnMatrix, missing: 'em' | 'drop'): GaussianFit {
  const d = x.cols, K = fit.params.nComponents;
  let rowsUsed: Int32Array | undefined;
  let scored: { resp: Float64Array; labels: Int32Array; logDensity: Float64Array } | undefined;
  let imputed: Float64Array | undefined;
  const used = (): Int32Array => {
    if (rowsUsed) return rowsUsed;
    let n = 0;
    const keep = new Uint8Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let seen = 0;
      for (let a = 0; a < d; a++) if (x.columns[a][i] === x.columns[a][i]) seen++;
      if (rowIsUsed(seen, d, missing)) { keep[i] = 1; n++; }
    }
    rowsUsed = new Int32Array(n);
    for (let i = 0, j = 0; i < x.rows; i++) if (keep[i]) rowsUsed[j++] = i;
    return rowsUsed;
  };
  const score = (): NonNullable<typeof scored> => {
    if (scored) return scored;
    const rows = used(), n = rows.length;
    const out = { resp: new Float64Array(n * K), labels: new Int32Array(n), logDensity: new Float64Array(n) };
    const chunk = new Float64Array(TABLE_CHUNK_ROWS * d);
    for (let first = 0; first < n; first += TABLE_CHUNK_ROWS) {
      const m = Math.min(TABLE_CHUNK_ROWS, n - first);
      for (let j = 0; j < m; j++) for (let a = 0; a < d; a++) chunk[j * d + a] = x.columns[a][rows[first + j]];
      const p = predictResp(fit.params, { data: chunk.subarray(0, m * d), rows: m, cols: d });
      out.resp.set(p.resp, first * K);
      out.labels.set(p.labels, first);
      out.logDensity.set(p.logDensity, first);
    }
    scored = out;
    return out;
  };
  // The scatter rows' arrays that `fit` carries are replaced by the accessors.
  const lazy: GaussianFit = { ...fit };
  Object.defineProperties(lazy, {
    rowsUsed: { get: used, enumerable: true },
    resp: { get: () => score().resp, enumerable: true },
    labels: { get: () => score().labels, enumerable: true },
    logDensity: { get: () => score().logDensity, enumerable: true },
    imputed: {
      get: () => {
        if (fit.nImputedRows === 0) return undefined;
        imputed ??= imputeMissing(fit.params, x, used(), score().resp);
        return imputed;
      },
      enumerable: true,
    },
  });
  return lazy;
}
