/**
 * The categorical and count blocks of a mixed mixture: their log densities given each component (added to the
 * numeric block's, as an offset), their statistics from the responsibilities, and their closed-form M-steps.
 * Each categorical column j has θ_kj (L_j probabilities per component), each count column c a Poisson rate λ_kc;
 * a missing cell adds nothing (its factor is dropped).
 */
import type { MixedData } from './prepare';
import { categoricalLogDensity, levelCounts, type CellIndex } from './cells';

/** The categorical and count parameters of K components, laid out flat. */
export interface BlockParams {
  /** Per column j at thetaOffset[j]: K × L_j probabilities (row-major by component). */
  readonly theta: Float64Array;
  readonly logTheta: Float64Array;
  /** K × C rates. */
  readonly rates: Float64Array;
  readonly logRates: Float64Array;
}

/** Where each categorical column's K × L_j block starts in `theta`, and the total length. */
export function thetaLayout(data: MixedData, K: number): { offsets: Int32Array; length: number } {
  const offsets = new Int32Array(data.levels.length);
  let at = 0;
  data.levels.forEach((levels, j) => { offsets[j] = at; at += K * levels.length; });
  return { offsets, length: at };
}

export function allocBlockParams(data: MixedData, K: number): BlockParams {
  const { length } = thetaLayout(data, K);
  const C = data.countNames.length;
  return { theta: new Float64Array(length), logTheta: new Float64Array(length), rates: new Float64Array(K * C), logRates: new Float64Array(K * C) };
}

/** Σ_c log x_ic! over each working row's observed counts (constant in θ, part of the log-likelihood). */
export function rowLogFactorials(data: MixedData): Float64Array {
  const C = data.countNames.length, out = new Float64Array(data.nUsed);
  for (let i = 0; i < data.nUsed; i++) {
    let s = 0;
    for (let c = 0; c < C; c++) { const v = data.counts[i * C + c]; if (v === v) s += logFactorial(v); }
    out[i] = s;
  }
  return out;
}

const LOG_FACT = (() => { const t = new Float64Array(256); for (let n = 2; n < 256; n++) t[n] = t[n - 1] + Math.log(n); return t; })();

/** log n! (a table below 256, Stirling's series beyond, accurate to rounding). */
export function logFactorial(n: number): number {
  if (n < 256) return LOG_FACT[n];
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

/**
 * offset[i·K + k] = Σ_j log θ_kj[x_ij] + Σ_c (x_ic log λ_kc − λ_kc) − Σ_c log x_ic! over the row's observed cells.
 * A rate of 0 gives the count 0 probability 1 (and any other count −∞).
 */
export function blockOffsets(data: MixedData, K: number, p: BlockParams, index: CellIndex, logFact: Float64Array, out: Float64Array): void {
  const N = data.nUsed, C = data.countNames.length;
  categoricalLogDensity(index, N, K, p.logTheta, logFact, out);
  if (C === 0) return;
  const counts = data.counts, rates = p.rates, logRates = p.logRates;
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < K; k++) {
      let s = out[i * K + k];
      for (let c = 0; c < C; c++) {
        const v = counts[i * C + c];
        if (v !== v) continue;
        const rate = rates[k * C + c];
        s += (v === 0 ? 0 : v * logRates[k * C + c]) - rate;
      }
      out[i * K + k] = s;
    }
  }
}

/** Sufficient statistics of the blocks from responsibilities: level counts, observed totals, Σ r x and Σ r per count. */
export interface BlockStats {
  readonly levelCounts: Float64Array;
  /** K × J: Σ r over rows with column j observed. */
  readonly observed: Float64Array;
  /** K × C: Σ r x and Σ r over rows with count c observed. */
  readonly countSum: Float64Array;
  readonly countWeight: Float64Array;
}

export function allocBlockStats(data: MixedData, K: number): BlockStats {
  const J = data.levels.length, C = data.countNames.length;
  return {
    levelCounts: new Float64Array(thetaLayout(data, K).length), observed: new Float64Array(K * J),
    countSum: new Float64Array(K * C), countWeight: new Float64Array(K * C),
  };
}

export function blockStats(data: MixedData, K: number, resp: Float64Array, index: CellIndex, out: BlockStats): void {
  const N = data.nUsed, J = index.stride.length, C = data.countNames.length;
  const { countSum, countWeight, observed } = out;
  levelCounts(index, K, resp, out.levelCounts);
  countSum.fill(0); countWeight.fill(0);
  const counts = data.counts;
  for (let i = 0; i < N; i++) {
    for (let c = 0; c < C; c++) {
      const v = counts[i * C + c];
      if (v !== v) continue;
      for (let k = 0; k < K; k++) {
        const r = resp[i * K + k];
        countSum[k * C + c] += r * v;
        countWeight[k * C + c] += r;
      }
    }
  }
  // Σ r over the rows with column j observed: the sum of the column's level counts.
  for (let j = 0; j < J; j++) {
    const L = index.stride[j];
    for (let k = 0; k < K; k++) {
      const from = index.offsets[j] + k * L;
      let s = 0;
      for (let l = 0; l < L; l++) s += out.levelCounts[from + l];
      observed[k * J + j] = s;
    }
  }
}

/**
 * The blocks' M-step: θ_kjl = (n_kjl + reg/L_j) / (n_kj + reg) and λ_kc = (Σ r x + reg·mean_c) / (Σ r + reg); reg = 0
 * is maximum likelihood (a component with no observed cell in a column gets the uniform θ, or the column's mean rate).
 */
export function blockMStep(data: MixedData, K: number, s: BlockStats, reg: number, offsets: Int32Array, p: BlockParams): void {
  const J = data.levels.length, C = data.countNames.length;
  for (let j = 0; j < J; j++) {
    const L = data.levels[j].length;
    for (let k = 0; k < K; k++) {
      const total = s.observed[k * J + j] + reg;
      for (let l = 0; l < L; l++) {
        const at = offsets[j] + k * L + l;
        const v = total > 0 ? (s.levelCounts[at] + reg / L) / total : 1 / L;
        p.theta[at] = v;
        p.logTheta[at] = Math.log(v);
      }
    }
  }
  for (let k = 0; k < K; k++) {
    for (let c = 0; c < C; c++) {
      const w = s.countWeight[k * C + c] + reg;
      const v = w > 0 ? (s.countSum[k * C + c] + reg * data.countMeans[c]) / w : data.countMeans[c];
      p.rates[k * C + c] = v;
      p.logRates[k * C + c] = Math.log(v);
    }
  }
}

/** Free parameters of the blocks: K(L_j − 1) per categorical column and K per count column. */
export function blockParameterCount(data: MixedData, K: number): number {
  let p = K * data.countNames.length;
  for (const levels of data.levels) p += K * (levels.length - 1);
  return p;
}
