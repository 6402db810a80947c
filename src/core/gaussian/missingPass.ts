/**
 * The pass over rows with missing cells (missing at random), one missing-value pattern at a time:
 * E-step with each row's observed coordinates (the marginal Gaussian), and M-step statistics with the
 * conditional expectation of the missing coordinates plus their conditional covariance
 * (E[x xᵀ | x_o] = x̂ x̂ᵀ + C on the missing block). Single-threaded: the factors change per pattern, and such
 * rows are usually a small share of a table. Adds into the same sums as `runPass`.
 */
import { logNormalise } from '../numeric/logsumexp';
import { marginalLogProb, patternFactors, type PatternFactors } from './marginal';
import { BOUND_E, CROSS_NEW, CROSS_OLD, LOG_LIK, fullMoments, sumsLayout, type PassBuffers, type PassLayout } from './pass';

/** Rows [start, end) of the working buffers share the missing-value pattern `key` ('1' = missing). */
export interface PatternGroup {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

export interface MissingPassInput {
  readonly layout: PassLayout;
  readonly buffers: PassBuffers;
  readonly groups: readonly PatternGroup[];
  /** 0 = E-step + statistics; 1 = statistics of the current resp with missing cells at the column mean (0). */
  readonly mode: 0 | 1;
  /** nComponents × d: the means of this E-step, also the centres of the statistics. */
  readonly means: Float64Array;
  /** nComponents × d × d full covariances in working units (regCovar included). */
  readonly covFull: Float64Array;
  /** nComponents: log π_k. */
  readonly logWeights: Float64Array;
  /** One slot per group, filled on first use and recomputed in place afterwards. */
  readonly factors: (PatternFactors | undefined)[];
  /** Length ≥ `missingScratchLength(K, d)`. */
  readonly scratch: Float64Array;
  /**
   * nUsed × nComponents, added to every row's log π_k N(x_o | k) in mode 0: the log densities of other columns
   * given the component (a mixed-data family's categorical and count columns, `mixed/`).
   */
  readonly offset?: Float64Array;
  /**
   * With `offset`: row i's offsets are its row `offsetRow[i]` (rows that share them, e.g. a mixed table's rows of
   * one pattern of categories, share one row of `offset`); without, row i's own.
   */
  readonly offsetRow?: Int32Array;
}

/** The scratch `runMissingPass` needs for K components of d features. */
export function missingScratchLength(K: number, d: number): number {
  return 2 * K + K * d + d;
}

/**
 * Adds the statistics and bound terms of every incomplete row into `sums` (layout of `sumsLayout`).
 * @returns -1, or the index of a component whose observed-block covariance is not positive definite
 */
export function runMissingPass(inp: MissingPassInput, sums: Float64Array): number {
  const { layout, buffers, groups, mode, means, covFull, logWeights, factors, scratch, offset, offsetRow } = inp;
  const K = layout.nComponents, d = layout.nFeatures;
  const { x, resp, logProbNorm } = buffers;
  const L = sumsLayout(K, d, layout.precision);
  const full = fullMoments(layout.precision);
  const weighted = scratch.subarray(0, K);
  const diffs = scratch.subarray(K, K + K * d); // per component, all d coordinates of x̂ − μ_k
  const diffO = scratch.subarray(K + K * d, K + K * d + d);
  const probs = scratch.subarray(K + K * d + d, 2 * K + K * d + d);
  let logLik = 0, crossOld = 0, crossNew = 0, boundE = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    const f = mode === 0 ? patternFactors(covFull, K, d, g.key, true, factors[gi]) : null;
    if (typeof f === 'number') return f;
    if (f) factors[gi] = f;
    const obs = f ? f.observed : null;
    const mis = f ? f.missing : null;
    const o = obs ? obs.length : 0, m = mis ? mis.length : 0;
    for (let i = g.start; i < g.end; i++) {
      const xo = i * d, ro = i * K, oo = (offsetRow ? offsetRow[i] : i) * K;
      if (f && obs && mis) {
        if (m === 0) completeRowLogProb(f, K, d, x, xo, means, logWeights, offset, oo, diffs, weighted);
        else for (let k = 0; k < K; k++) {
          weighted[k] = logWeights[k] + marginalLogProb(f, k, x, xo, means, d, diffO) + (offset ? offset[oo + k] : 0);
          const dk = k * d;
          for (let p = 0; p < o; p++) diffs[dk + obs[p]] = diffO[p];
          for (let q = 0; q < m; q++) {
            let s = 0;
            for (let p = 0; p < o; p++) s += f.regression[k * m * o + q * o + p] * diffO[p];
            diffs[dk + mis[q]] = s;
          }
        }
        const lpn = logNormalise(weighted, K, probs);
        logProbNorm[i] = lpn;
        logLik += lpn;
        let rowSum = 0;
        for (let k = 0; k < K; k++) {
          // A component with no density for the row (−∞, e.g. a category it never takes) adds 0·(−∞) = 0.
          const q = resp[ro + k];
          if (q > 0) crossOld += q * weighted[k];
          const r = probs[k];
          resp[ro + k] = r;
          if (r > 0) crossNew += r * weighted[k];
          rowSum += r;
        }
        boundE += lpn * rowSum;
      } else {
        for (let k = 0; k < K; k++) {
          for (let a = 0; a < d; a++) {
            const v = x[xo + a];
            diffs[k * d + a] = (v === v ? v : 0) - means[k * d + a]; // NaN → the column mean, 0 in working units
          }
          const r = resp[ro + k];
          if (r > 0) crossNew += r * Math.log(r);
        }
      }
      for (let k = 0; k < K; k++) {
        const r = resp[ro + k];
        if (r === 0) continue;
        sums[k] += r;
        const dk = k * d, s1 = L.s1 + k * d, s2 = L.s2 + k * L.m2;
        for (let a = 0; a < d; a++) {
          const ra = r * diffs[dk + a];
          sums[s1 + a] += ra;
          if (full) for (let b = a; b < d; b++) sums[s2 + a * d + b] += ra * diffs[dk + b];
          else sums[s2 + a] += ra * diffs[dk + a];
        }
        if (!f || !mis) continue;
        // The conditional covariance of the missing block: mis is ascending, so q2 ≥ q stays in the upper triangle.
        const c = k * m * m;
        for (let q = 0; q < m; q++) {
          if (full) for (let q2 = q; q2 < m; q2++) sums[s2 + mis[q] * d + mis[q2]] += r * f.condCov[c + q * m + q2];
          else sums[s2 + mis[q]] += r * f.condCov[c + q * m + q];
        }
      }
    }
  }
  const os = L.scalars;
  sums[os + LOG_LIK] += logLik;
  sums[os + CROSS_OLD] += crossOld;
  sums[os + CROSS_NEW] += crossNew;
  sums[os + BOUND_E] += boundE;
  return -1;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * The E-step terms of a row with every coordinate observed: weighted[k] = log π_k + log N(x | μ_k, Σ_k) (+ offset),
 * and diffs[k·d + a] = x_a − μ_ka. The same arithmetic as `marginalLogProb` in the same order (so the same bits),
 * without its index lists and copies: most rows of a table are complete.
 */
function completeRowLogProb(
  f: PatternFactors, K: number, d: number, x: Float64Array, xo: number, means: Float64Array, logWeights: Float64Array,
  offset: Float64Array | undefined, oo: number, diffs: Float64Array, weighted: Float64Array,
): void {
  const inv = f.invChol, ldp = f.logDetPrecChol;
  for (let k = 0; k < K; k++) {
    const dk = k * d, mo = k * d * d;
    let maha = 0;
    for (let p = 0; p < d; p++) {
      const v = x[xo + p] - means[dk + p];
      diffs[dk + p] = v;
      const row = mo + p * d;
      let y = 0;
      for (let r = 0; r < p; r++) y += inv[row + r] * diffs[dk + r];
      y += inv[row + p] * v;
      maha += y * y;
    }
    weighted[k] = logWeights[k] + (-0.5 * (d * LOG_2PI + maha) + ldp[k]) + (offset ? offset[oo + k] : 0);
  }
}
