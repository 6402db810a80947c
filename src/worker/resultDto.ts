/** Turns an engine FitResult into the JSON-safe DTO the panel draws (typed arrays → number[]). */
import { modelInfo, valueAt, type GaussianFit, type GaussianParams, type MixtureFit, type NumericTable, type SelectionRow } from '../core';
import type { Table } from '../data';
import type { CovarianceDto, FitResultDto, FitSettingsDto, ParamsDto, RunTrace, SampleDto, SelectionRowDto } from '../protocol/model';
import { HISTORY_NUMBERS, paramsNumbers, sampleLimit } from './dtoBudget';

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

/** What the result DTO needs from any family's fit, beside its scores and per-row arrays. */
export interface ResultParts<P> {
  fit: MixtureFit<P> & { nImputedRows: number };
  nComponents: number;
  /** Parameters as the DTO sends them. */
  toDto(p: P): ParamsDto;
  /** Numbers in one parameter set (to budget the replay history). */
  paramsNumbers: number;
  /** The fitted numeric columns (NaN = missing) and the same with missing cells imputed. */
  numeric: NumericTable;
  filled: NumericTable;
  /** Mixed models: each input row's category codes (J per row, −1 missing) and counts (C per row, NaN missing). */
  mixedRows?: { codes: Int32Array; nCategorical: number; counts: Float64Array; nCounts: number };
}

/** @param started when the job began (Date.now()), for the whole job's time */
export function buildResultDto<P>(
  table: Table, columns: string[], settings: FitSettingsDto, parts: ResultParts<P>,
  sweep: { rows: SelectionRowDto[]; chosen: number } | undefined, started: number,
): FitResultDto {
  const { fit } = parts;
  const counts = new Array<number>(parts.nComponents).fill(0);
  for (const label of fit.labels) counts[label]++;
  const dto: FitResultDto = {
    columns,
    totalMs: 0,
    starts: fit.starts,
    issues: fit.issues,
    settings,
    params: parts.toDto(fit.params),
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
    ...drawnRuns(fit.runs, fit.bestRun),
    bestRun: fit.bestRun,
    ...replay(fit.history.map(parts.toDto), Math.min(MAX_HISTORY, Math.floor(HISTORY_NUMBERS / Math.max(1, parts.paramsNumbers)))),
    ...(fit.historyOnSample > 0 ? { historyOnSample: fit.historyOnSample } : {}),
    sample: sample(table, parts, settings),
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

/** A Gaussian fit's parts: its covariance model's parameters, its columns with missing cells imputed. */
export function gaussianParts(fit: GaussianFit, x: NumericTable): ResultParts<GaussianParams> {
  const full = modelInfo(fit.params.model).layout === 'full';
  return {
    fit, nComponents: fit.params.nComponents, toDto: paramsDto, paramsNumbers: paramsNumbers(fit.params.nComponents, x.cols, full), numeric: x,
    filled: fit.imputed ? { data: fit.imputed, rows: x.rows, cols: x.cols } : x,
  };
}

/** The replay snapshots, evenly thinned to `max` (first and last kept; none for max 0), with their iteration numbers. */
function replay(history: ParamsDto[], max: number): { history: ParamsDto[]; historyIterations: number[] } {
  const picks: number[] = [];
  if (history.length <= max) {
    for (let j = 0; j < history.length; j++) picks.push(j);
  } else if (max === 1) {
    picks.push(history.length - 1);
  } else if (max > 1) {
    const step = (history.length - 1) / (max - 1);
    for (let j = 0; j < max; j++) picks.push(Math.round(j * step));
  }
  return { history: picks.map((j) => history[j]), historyIterations: picks.map((j) => j + 1) };
}

/**
 * A seeded random sample of at most maxPoints rows of the fit, in row order. With fewer than two numeric columns,
 * each sampled row also gets a place on a 2-D map of its membership probabilities (`SampleDto.map`).
 */
function sample<P>(table: Table, parts: ResultParts<P>, settings: FitSettingsDto): SampleDto {
  const { fit, numeric: x, filled } = parts;
  const used = fit.rowsUsed;
  const n = used.length;
  const K = parts.nComponents;
  const d = x.cols;
  const m = Math.min(n, sampleLimit(Math.max(1, settings.maxPoints), K, d));
  const picks = pickIndices(n, m, settings.seed);
  const out: SampleDto = { total: n, rowIndex: [], line: [], values: [], imputed: [], labels: [], resp: [] };
  const corners = mapCorners(K);
  if (d === 0) {
    out.map = [];
    out.mapCorners = corners.map((c) => [...c]);
  }
  const mixed = parts.mixedRows;
  if (mixed) {
    out.categories = [];
    out.counts = [];
  }
  for (const j of picks) {
    const row = used[j];
    out.rowIndex.push(row);
    out.line.push(table.lineNumbers[row]);
    const values: number[] = [];
    const imputed: boolean[] = [];
    for (let a = 0; a < d; a++) {
      imputed.push(Number.isNaN(valueAt(x, row, a)));
      values.push(valueAt(filled, row, a));
    }
    out.values.push(values);
    out.imputed.push(imputed);
    out.labels.push(fit.labels[j]);
    const r = Array.from(fit.resp.subarray(j * K, (j + 1) * K), (v) => Math.round(v * 1e6) / 1e6);
    out.resp.push(r);
    if (out.map) out.map.push(mapPoint(r, corners, row));
    if (mixed && out.categories && out.counts) {
      out.categories.push(Array.from(mixed.codes.subarray(row * mixed.nCategorical, (row + 1) * mixed.nCategorical)));
      out.counts.push(Array.from(mixed.counts.subarray(row * mixed.nCounts, (row + 1) * mixed.nCounts), (v) => (Number.isNaN(v) ? null : v)));
    }
  }
  return out;
}

/** Where each component sits on the membership map: the corners of a regular K-gon (two ends of a line for K = 2). */
function mapCorners(K: number): [number, number][] {
  if (K === 1) return [[0, 0]];
  if (K === 2) return [[-1, 0], [1, 0]];
  return Array.from({ length: K }, (_, k): [number, number] => [Math.cos((2 * Math.PI * k) / K + Math.PI / 2), Math.sin((2 * Math.PI * k) / K + Math.PI / 2)]);
}

/** Radius of the spread added to map points, so rows with the same probabilities do not hide one another. */
const MAP_SPREAD = 0.06;

/**
 * A row's place on the membership map: the probability-weighted mean of the corners, plus a small spread drawn from
 * the row's index (the same row always lands at the same place).
 */
function mapPoint(resp: readonly number[], corners: readonly (readonly [number, number])[], row: number): number[] {
  let px = 0, py = 0;
  for (let k = 0; k < resp.length; k++) { px += resp[k] * corners[k][0]; py += resp[k] * corners[k][1]; }
  let h = Math.imul(row + 1, 0x9e3779b1) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  const u = (h & 0xffff) / 0x10000, v = (h >>> 16) / 0x10000;
  const radius = MAP_SPREAD * Math.sqrt(u), angle = 2 * Math.PI * v;
  return [px + radius * Math.cos(angle), py + radius * Math.sin(angle)];
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

/** Runs the log-likelihood chart draws at most (a mixed fit of a small table screens hundreds of starts and moves). */
export const MAX_DRAWN_RUNS = 40;

/**
 * The runs for the chart: all of them, or the kept run and those that ended highest (in their own order), with the
 * total number run in `runsTotal`.
 */
export function drawnRuns(runs: RunTrace[], bestRun: number): { runs: RunTrace[]; runsTotal?: number } {
  if (runs.length <= MAX_DRAWN_RUNS) return { runs };
  const ranked = runs.filter((r) => r.run !== bestRun).sort((a, b) => b.finalLogLikelihood - a.finalLogLikelihood || a.run - b.run);
  const keep = new Set([bestRun, ...ranked.slice(0, MAX_DRAWN_RUNS - 1).map((r) => r.run)]);
  return { runs: runs.filter((r) => keep.has(r.run)), runsTotal: runs.length };
}

/** A Gaussian sweep candidate; its parameters only when `keepParams` (wide sweeps leave them out: see dtoBudget.ts). */
export function rowDto(row: SelectionRow<GaussianParams>, keepParams: boolean): SelectionRowDto {
  return selectionRowDto(row, keepParams ? paramsDto : null);
}

/** A sweep candidate of any family, its parameters through `toParams` (none when null). */
export function selectionRowDto<P>(row: SelectionRow<P>, toParams: ((p: P) => ParamsDto) | null): SelectionRowDto {
  return {
    nComponents: row.nComponents, model: row.variant, logLikelihood: row.logLikelihood, bic: row.bic, aic: row.aic, icl: row.icl,
    nParameters: row.error ? 0 : row.nParameters, iterations: row.iterations, converged: row.converged,
    counts: row.counts ?? [], elapsedMs: row.elapsedMs,
    ...(row.params && toParams ? { params: toParams(row.params) } : {}),
    ...(row.starts ? { starts: row.starts } : {}),
    ...(row.error ? { failure: row.error.message } : {}),
    ...(row.degenerate ? { degenerate: true, issues: row.issues ?? [] } : {}),
    ...(row.refined ? { refined: true } : {}),
  };
}
