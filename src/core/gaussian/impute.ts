import type { NumericTable } from '../mixture/types';
import { readRow } from '../mixture/numericTable';
import type { GaussianParams } from './types';
import { expandCovariances } from './expand';
import { patternFactors, patternKey, type PatternFactors } from './marginal';

/**
 * Each missing cell's conditional mean under the fitted mixture:
 * x̂_m = Σ_k r_ik (μ_km + B_k (x_o − μ_ko)), B_k = Σ_k,mo Σ_k,oo⁻¹, with r the row's responsibilities.
 * @param x the input table (rows × d, NaN = missing)
 * @param rowsUsed input row of each responsibility row
 * @param resp rowsUsed.length × nComponents
 * @returns rows × d: the input with missing cells filled; rows not in rowsUsed are all NaN
 */
export function imputeMissing(params: GaussianParams, x: NumericTable, rowsUsed: Int32Array, resp: Float64Array): Float64Array {
  const { nComponents: K, nFeatures: d } = params;
  const out = new Float64Array(x.rows * d).fill(NaN);
  const cov = expandCovariances(params);
  const cache = new Map<string, PatternFactors | number>();
  const diffO = new Float64Array(d);
  const row = new Float64Array(d);
  for (let j = 0; j < rowsUsed.length; j++) {
    const i = rowsUsed[j], off = i * d;
    out.set(readRow(x, i, row), off);
    const key = patternKey(row, 0, d);
    if (key === '') continue;
    if (!cache.has(key)) cache.set(key, patternFactors(cov, K, d, key, true));
    const f = cache.get(key);
    if (f === undefined || typeof f === 'number') continue; // not PD: leave NaN (the fit itself would have failed)
    const o = f.observed.length, m = f.missing.length;
    for (let q = 0; q < m; q++) out[off + f.missing[q]] = 0;
    for (let k = 0; k < K; k++) {
      const r = resp[j * K + k];
      for (let p = 0; p < o; p++) diffO[p] = row[f.observed[p]] - params.means[k * d + f.observed[p]];
      for (let q = 0; q < m; q++) {
        let v = params.means[k * d + f.missing[q]];
        for (let p = 0; p < o; p++) v += f.regression[k * m * o + q * o + p] * diffO[p];
        out[off + f.missing[q]] += r * v;
      }
    }
  }
  return out;
}
