/**
 * Which parameters the scatter and tables show: the chosen model, another candidate of the BIC sweep, or an
 * iteration of the replay. For anything but the final chosen model the sample points are re-assigned with the
 * engine's own E-step (`predictResp`), so colours match what the engine would compute.
 */
import { predictResp } from '../core/gaussian/predict';
import type { GaussianParams } from '../core/gaussian/types';
import { predictMixed } from '../core/mixed/predict';
import type { MixedParams } from '../core/mixed/types';
import { covarianceMatrix } from './projection';
import type { FitResultDto, GaussianParamsDto, MixedParamsDto, ParamsDto, SampleDto } from '../protocol/model';
import { degenerateReason } from './candidateStatus';
import { gaussianOf } from './paramsView';

/** What the scatter and the parameter tables draw. */
export interface DisplayModel {
  /** The numeric part (a mixed model's Gaussian block; no features for a latent class model). */
  params: GaussianParamsDto;
  /** The whole parameters, whatever the family (category probabilities and rates for a mixed model). */
  source: ParamsDto;
  /** Responsibilities of sample point i (K numbers). */
  resp(i: number): ArrayLike<number>;
  /** Largest responsibility of each sample point. */
  certainty: ArrayLike<number>;
  labels: ArrayLike<number>;
  /** Hard counts over all rows when known (final chosen model), else over the sample. */
  counts: number[];
  countsFromSample: boolean;
  /** A caption such as "K = 3, diag (not the chosen model)"; '' for the chosen model. */
  caption: string;
  /** Set when the points could not be re-assigned (the message); the old colours are kept. */
  problem?: string;
  /** Set when the shown candidate of a sweep is degenerate: which component and why (see `degenerateReason`). */
  warning?: string;
}

/** ParamsDto → the engine's GaussianParams (Float64Array, covariances expanded to the full layout). */
export function toGaussianParams(p: GaussianParamsDto): GaussianParams {
  const K = p.nComponents;
  const d = p.nFeatures;
  const means = new Float64Array(K * d);
  const covariances = new Float64Array(K * d * d);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < d; a++) {
      means[k * d + a] = p.means[k][a];
      const cov = covarianceMatrix(p, k);
      for (let b = 0; b < d; b++) covariances[(k * d + a) * d + b] = cov[a][b];
    }
  }
  return { kind: 'gaussian', model: 'VVV', nComponents: K, nFeatures: d, weights: Float64Array.from(p.weights), means, covariances };
}

/** The sample's values as the engine's row-major matrix (built once per sample: replay re-uses it). */
const matrices = new WeakMap<SampleDto, Float64Array>();
function sampleMatrix(sample: SampleDto, d: number): Float64Array {
  let data = matrices.get(sample);
  if (!data || data.length !== sample.values.length * d) {
    const n = sample.values.length;
    data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) data[i * d + a] = sample.values[i][a] ?? NaN;
    matrices.set(sample, data);
  }
  return data;
}

/** Largest value of each row of a flat n × K array. */
function rowMax(flat: Float64Array, K: number): Float64Array {
  const n = K > 0 ? flat.length / K : 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let k = 0; k < K; k++) if (flat[i * K + k] > m) m = flat[i * K + k];
    out[i] = m;
  }
  return out;
}

/** MixedParamsDto → the engine's MixedParams (Float64Array, the numeric block's covariances expanded to full). */
export function toMixedParams(p: MixedParamsDto): MixedParams {
  const g = p.gaussian ? toGaussianParams(gaussianOf(p)) : undefined;
  return {
    kind: 'mixed', nComponents: p.nComponents, weights: Float64Array.from(p.weights),
    ...(g ? { gaussian: { model: 'VVV' as const, nFeatures: g.nFeatures, means: g.means, covariances: g.covariances } } : {}),
    categorical: {
      names: p.categorical.map((c) => c.column), levels: p.categorical.map((c) => c.levels),
      probabilities: p.categorical.map((c) => Float64Array.from(c.probabilities.flat())),
    },
    counts: { names: p.counts.map((c) => c.column), rates: Float64Array.from({ length: p.nComponents * p.counts.length }, (_, i) => p.counts[i % p.counts.length].rates[Math.floor(i / p.counts.length)]) },
  };
}

/** The sample's numeric cells with the imputed ones missing again (NaN), so a re-assignment integrates them out. */
const observed = new WeakMap<SampleDto, Float64Array>();
function observedMatrix(sample: SampleDto, d: number): Float64Array {
  let data = observed.get(sample);
  if (!data || data.length !== sample.values.length * d) {
    data = Float64Array.from(sampleMatrix(sample, d));
    for (let i = 0; i < sample.values.length; i++) for (let a = 0; a < d; a++) if (sample.imputed[i]?.[a]) data[i * d + a] = NaN;
    observed.set(sample, data);
  }
  return data;
}

/** Re-assigns the sample points to the components of `params` (any family). */
export function assignSample(params: ParamsDto, sample: SampleDto): { resp: Float64Array; labels: Int32Array; certainty: Float64Array } {
  const n = sample.values.length;
  let out: { resp: Float64Array; labels: Int32Array };
  if (params.kind === 'gaussian') {
    const d = params.nFeatures;
    out = predictResp(toGaussianParams(params), { data: sampleMatrix(sample, d), rows: n, cols: d });
  } else {
    const d = params.gaussian?.nFeatures ?? 0;
    const J = params.categorical.length, C = params.counts.length;
    const codes = new Int32Array(n * J).fill(-1), counts = new Float64Array(n * C).fill(NaN);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < J; j++) codes[i * J + j] = sample.categories?.[i]?.[j] ?? -1;
      for (let c = 0; c < C; c++) counts[i * C + c] = sample.counts?.[i]?.[c] ?? NaN;
    }
    out = predictMixed(toMixedParams(params), { rows: n, ...(d > 0 ? { numeric: { data: observedMatrix(sample, d), rows: n, cols: d } } : {}), codes, counts });
  }
  return { resp: out.resp, labels: out.labels, certainty: rowMax(out.resp, params.nComponents) };
}

const chosenCertainty = new WeakMap<SampleDto, Float64Array>();
function certaintyOf(sample: SampleDto): Float64Array {
  let c = chosenCertainty.get(sample);
  if (!c) {
    c = Float64Array.from(sample.resp, (r) => (r.length ? Math.max(...r) : 1));
    chosenCertainty.set(sample, c);
  }
  return c;
}

function countLabels(labels: ArrayLike<number>, K: number): number[] {
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0 && labels[i] < K) counts[labels[i]]++;
  return counts;
}

/**
 * The iteration (1-based) of replay snapshot `j` of `count`: as the host numbered it (`historyIterations`),
 * else assuming an even thinning of `iterations` snapshots that keeps the first and the last.
 */
export function historyIteration(j: number, count: number, iterations: number, known?: readonly number[]): number {
  if (known && known[j] !== undefined) return known[j];
  if (count <= 1 || count >= iterations) return j + 1;
  return Math.round((j * (iterations - 1)) / (count - 1)) + 1;
}

/** The model to draw for the given choices. */
export function displayModel(result: FitResultDto, shownModel: number | null, replayIteration: number | null): DisplayModel {
  const chosen: DisplayModel = {
    params: gaussianOf(result.params),
    source: result.params,
    resp: (i) => result.sample.resp[i] ?? [],
    certainty: certaintyOf(result.sample),
    labels: result.sample.labels,
    counts: result.counts,
    countsFromSample: false,
    caption: '',
  };
  let params: ParamsDto | undefined;
  let caption = '';
  let candidate = false;
  let warning = '';
  if (shownModel !== null && result.selection?.[shownModel] && shownModel !== result.chosen) {
    const row = result.selection[shownModel];
    candidate = true;
    params = row.params;
    caption = `K = ${row.nComponents}, ${row.model} (not the chosen model)`;
    warning = degenerateReason(row);
  } else if (replayIteration !== null && replayIteration < result.history.length - 1) {
    params = result.history[replayIteration];
    const at = historyIteration(replayIteration, result.history.length, result.iterations, result.historyIterations);
    caption = `iteration ${at} of ${Math.max(result.iterations, result.history.length)}${at <= (result.historyOnSample ?? 0) ? ', fitted on a sample of the rows' : ''}`;
  }
  if (!params) {
    if (!candidate) return chosen;
    const why = result.selection?.[shownModel ?? -1]?.failure ?? 'its parameters were not kept (too many columns to send every candidate’s)';
    return { ...chosen, problem: why };
  }
  try {
    const { resp, labels, certainty } = assignSample(params, result.sample);
    const K = params.nComponents;
    const rowCounts = shownModel !== null && result.selection?.[shownModel] && shownModel !== result.chosen ? result.selection[shownModel].counts : undefined;
    const fromRows = rowCounts !== undefined && rowCounts.length === K;
    return {
      params: gaussianOf(params), source: params, resp: (i) => resp.subarray(i * K, (i + 1) * K), certainty, labels,
      counts: fromRows ? rowCounts : countLabels(labels, K), countsFromSample: !fromRows, caption,
      ...(warning ? { warning } : {}),
    };
  } catch (e) {
    // Keep the chosen model whole: mixing its colours with other parameters would mislead.
    return { ...chosen, problem: e instanceof Error ? e.message : String(e) };
  }
}
