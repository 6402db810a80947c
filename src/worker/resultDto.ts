/** Turns an engine FitResult into the JSON-safe DTO the panel draws (typed arrays → number[]). */
import { modelInfo, type GaussianFit, type GaussianParams, type Matrix } from '../core';
import type { Table } from '../data';
import type { CovarianceDto, FitResultDto, FitSettingsDto, ParamsDto, SampleDto, SelectionRowDto } from '../protocol/model';
import { historyLimit, sampleLimit } from './dtoBudget';

/** Replay snapshots kept at most (evenly thinned beyond that, the last always kept). */
const MAX_HISTORY = 400;

/** Parameters as the panel and exports take them: the covariances as the model has them (see `CovarianceDto`). */
export function paramsDto(params: GaussianParams): ParamsDto {
  const { nComponents: K, nFeatures: d, covariances: c } = params;
  const means: number[][] = [];
  for (let k = 0; k < K; k++) means.push(Array.from(params.means.subarray(k * d, (k + 1) * d)));
  let covariance: CovarianceDto;
  if (modelInfo(params.model).layout === 'full') {
    const matrices: number[][][] = [];
    for (let k = 0; k < K; k++) {
      const m: number[][] = [];
      for (let a = 0; a < d; a++) m.push(Array.from(c.subarray(k * d * d + a * d, k * d * d + (a + 1) * d)));
      matrices.push(m);
    }
    covariance = { layout: 'full', matrices };
  } else {
    covariance = { layout: 'diag', variances: Array.from({ length: K }, (_, k) => Array.from(c.subarray(k * d, (k + 1) * d))) };
  }
  return { kind: 'gaussian', model: params.model, nComponents: K, nFeatures: d, weights: Array.from(params.weights), means, covariance };
}

/** @param started when the job began (Date.now()), for the whole job's time */
export function buildResultDto(
  table: Table, x: Matrix, columns: string[], settings: FitSettingsDto, fit: GaussianFit,
  sweep: { rows: SelectionRowDto[]; chosen: number } | undefined, started: number,
): FitResultDto {
  const counts = new Array<number>(fit.params.nComponents).fill(0);
  for (const label of fit.labels) counts[label]++;
  const filled = filledMatrix(x, fit);
  const dto: FitResultDto = {
    columns,
    totalMs: 0,
    starts: fit.starts,
    issues: fit.issues,
    settings,
    params: paramsDto(fit.params),
    logLikelihood: fit.logLikelihood,
    bic: fit.bic,
    aic: fit.aic,
    icl: fit.icl,
    nParameters: fit.nParameters,
    iterations: fit.iterations,
    converged: fit.converged,
    elapsedMs: fit.elapsedMs,
    nRowsUsed: fit.rowsUsed.length,
    nDropped: fit.nDropped,
    nImputedRows: fit.nImputedRows,
    counts,
    runs: fit.runs,
    bestRun: fit.bestRun,
    ...replay(fit.history, historyLimit(fit.params.nComponents, x.cols, MAX_HISTORY, modelInfo(fit.params.model).layout === 'full')),
    ...(fit.historyOnSample > 0 ? { historyOnSample: fit.historyOnSample } : {}),
    sample: sample(table, x, filled, fit, settings),
    notices: fit.notices,
  };
  if (sweep) {
    dto.selection = sweep.rows;
    dto.chosen = sweep.chosen;
    dto.criterion = 'bic';
  }
  if (!fit.converged) {
    dto.advice = `The best run stopped after ${fit.iterations} iterations without converging. Raise "Max iterations", ` +
      'loosen the tolerance, standardise the columns, or try fewer components.';
  }
  dto.totalMs = Date.now() - started;
  return dto;
}

/** The fitted columns with missing cells replaced by their imputed values (rows the fit used). */
function filledMatrix(x: Matrix, fit: GaussianFit): Matrix {
  if (!fit.imputed) return x;
  return { data: fit.imputed, rows: x.rows, cols: x.cols };
}

/** The replay snapshots, evenly thinned to `max` (first and last kept; none for max 0), with their iteration numbers. */
function replay(history: GaussianParams[], max: number): { history: ParamsDto[]; historyIterations: number[] } {
  const picks: number[] = [];
  if (history.length <= max) {
    for (let j = 0; j < history.length; j++) picks.push(j);
  } else if (max === 1) {
    picks.push(history.length - 1);
  } else if (max > 1) {
    const step = (history.length - 1) / (max - 1);
    for (let j = 0; j < max; j++) picks.push(Math.round(j * step));
  }
  return { history: picks.map((j) => paramsDto(history[j])), historyIterations: picks.map((j) => j + 1) };
}

/** A seeded random sample of at most maxPoints rows of the fit, in row order. */
function sample(table: Table, x: Matrix, filled: Matrix, fit: GaussianFit, settings: FitSettingsDto): SampleDto {
  const used = fit.rowsUsed;
  const n = used.length;
  const m = Math.min(n, sampleLimit(Math.max(1, settings.maxPoints), fit.params.nComponents, x.cols));
  const picks = pickIndices(n, m, settings.seed);
  const K = fit.params.nComponents;
  const d = x.cols;
  const out: SampleDto = { total: n, rowIndex: [], line: [], values: [], imputed: [], labels: [], resp: [] };
  for (const j of picks) {
    const row = used[j];
    out.rowIndex.push(row);
    out.line.push(table.lineNumbers[row]);
    const values: number[] = [];
    const imputed: boolean[] = [];
    for (let a = 0; a < d; a++) {
      const raw = x.data[row * d + a];
      imputed.push(Number.isNaN(raw));
      values.push(filled.data[row * d + a]);
    }
    out.values.push(values);
    out.imputed.push(imputed);
    out.labels.push(fit.labels[j]);
    out.resp.push(Array.from(fit.resp.subarray(j * K, (j + 1) * K), (r) => Math.round(r * 1e6) / 1e6));
  }
  return out;
}

/** m distinct indices of [0, n) chosen with a seeded partial Fisher–Yates shuffle, sorted. */
function pickIndices(n: number, m: number, seed: number): number[] {
  if (m >= n) return Array.from({ length: n }, (_, i) => i);
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  let state = (seed ^ 0x9e3779b9) >>> 0;
  const next = () => {
    // mulberry32: enough for choosing which points to draw.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(next() * (n - i));
    const t = index[i]; index[i] = index[j]; index[j] = t;
  }
  return Array.from(index.subarray(0, m)).sort((a, b) => a - b);
}
