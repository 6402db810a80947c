/**
 * The degeneracy rule for Gaussian components (a component that makes its fit a degenerate maximum, whose
 * likelihood grows without bound as regCovar → 0). A component is degenerate when its covariance without the
 * regularisation, measured in the data's own scale (each column divided by its standard deviation over all rows),
 * is singular: its smallest eigenvalue is below SINGULAR (1e-8). That is a true zero — rows tied on a value, or
 * too few distinct rows to span the columns — not merely correlated or rounded data: columns correlated at
 * 0.9999 inside a component, or values rounded to 1/100 of a standard deviation, stay far above it.
 * - 'spurious' when the component holds a handful of rows (at most SPURIOUS_ROWS_PER_DIM × (d + 1)): the classic
 *   spurious maximum, a component on a few points;
 * - 'flat' when it holds more: its rows share a value in some column or lie on a line or plane (ties, zeros,
 *   discretised values).
 * Either way the run is set aside for a sound run of the same model; only when every run is degenerate is the
 * model itself flagged (and then chosen by model selection only when every candidate is).
 */
import type { ComponentIssue } from '../mixture/types';
import { choleskyInPlace } from '../linalg/cholesky';
import { issueTexts } from '../mixture/errors';
import type { PrecisionLayout } from './pass';

/** Smallest eigenvalue, in standardised units, below which a covariance counts as singular. */
export const SINGULAR = 1e-8;
/** A degenerate component with at most this many rows per dimension (+1) is 'spurious'. */
export const SPURIOUS_ROWS_PER_DIM = 2;

/**
 * @param cov working covariances ('full' K × d × d, 'diag' K × d), regCovar included
 * @param nk rows per component (Σ responsibilities)
 * @param columnVariance each column's variance over all rows (working units)
 */
export function degenerateComponents(
  layout: PrecisionLayout, K: number, d: number, cov: Float64Array, nk: Float64Array, regCovar: number,
  columnVariance: Float64Array, columnNames: readonly string[],
): ComponentIssue[] {
  const out: ComponentIssue[] = [];
  const work = new Float64Array(d * d);
  const inv = Float64Array.from(columnVariance, (v) => (v > 0 ? 1 / Math.sqrt(v) : 1));
  for (let k = 0; k < K; k++) {
    const tied: string[] = [];
    let singular: boolean;
    if (layout === 'full') {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) work[a * d + b] = (cov[k * d * d + a * d + b] - (a === b ? regCovar : 0)) * inv[a] * inv[b];
      }
      for (let a = 0; a < d; a++) {
        // A column constant over all rows is the data's matter (reported once when preparing), not the component's.
        if (columnVariance[a] === 0) { for (let b = 0; b < d; b++) work[a * d + b] = work[b * d + a] = 0; work[a * d + a] = 1; }
        else if (work[a * d + a] < SINGULAR) tied.push(columnNames[a]);
        work[a * d + a] -= SINGULAR;
      }
      singular = !choleskyInPlace(work, d);
    } else {
      for (let a = 0; a < d; a++) if (columnVariance[a] > 0 && (cov[k * d + a] - regCovar) * inv[a] * inv[a] < SINGULAR) tied.push(columnNames[a]);
      singular = tied.length > 0;
    }
    if (!singular) continue;
    const rows = nk[k];
    const kind = rows <= SPURIOUS_ROWS_PER_DIM * (d + 1) ? 'spurious' : 'flat';
    // A full covariance of d columns needs more than d rows: with fewer, the rows always lie in a plane.
    const fewRows = layout === 'full' && tied.length === 0 && rows <= d ? d : undefined;
    out.push({ component: k, kind, rows, message: issueTexts.degenerate(k, kind, rows, tied, fewRows) });
  }
  return out;
}
