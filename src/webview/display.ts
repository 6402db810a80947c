/**
 * Which parameters the scatter and tables show: the chosen model, another candidate of the BIC sweep, or an
 * iteration of the replay. For anything but the final chosen model the sample points are re-assigned with the
 * engine's own E-step (`predictResp`), so colours match what the engine would compute.
 */
import { predictResp } from '../core/gaussian/predict';
import type { GaussianParams } from '../core/mixture/types';
import type { FitResultDto, ParamsDto, SampleDto } from '../protocol/model';

/** What the scatter and the parameter tables draw. */
export interface DisplayModel {
  params: ParamsDto;
  /** Responsibilities of the sample points (rows of K numbers). */
  resp: number[][];
  labels: number[];
  /** Hard counts over all rows when known (final chosen model), else over the sample. */
  counts: number[];
  countsFromSample: boolean;
  /** A caption such as "K = 3, diag (not the chosen model)"; '' for the chosen model. */
  caption: string;
  /** Set when the points could not be re-assigned (the message); the old colours are kept. */
  problem?: string;
}

/** ParamsDto (nested arrays, covariances expanded) → the engine's GaussianParams (Float64Array, 'full'). */
export function toGaussianParams(p: ParamsDto): GaussianParams {
  const K = p.nComponents;
  const d = p.nFeatures;
  const means = new Float64Array(K * d);
  const covariances = new Float64Array(K * d * d);
  for (let k = 0; k < K; k++) {
    for (let a = 0; a < d; a++) {
      means[k * d + a] = p.means[k][a];
      for (let b = 0; b < d; b++) covariances[(k * d + a) * d + b] = p.covariances[k][a][b];
    }
  }
  return { kind: 'gaussian', covarianceType: 'full', nComponents: K, nFeatures: d, weights: Float64Array.from(p.weights), means, covariances };
}

/** Re-assigns the sample points to the components of `params`. */
export function assignSample(params: ParamsDto, sample: SampleDto): { resp: number[][]; labels: number[] } {
  const n = sample.values.length;
  const d = params.nFeatures;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) data[i * d + a] = sample.values[i][a] ?? NaN;
  const out = predictResp(toGaussianParams(params), { data, rows: n, cols: d });
  const K = params.nComponents;
  const resp: number[][] = [];
  for (let i = 0; i < n; i++) resp.push(Array.from(out.resp.subarray(i * K, (i + 1) * K)));
  return { resp, labels: Array.from(out.labels) };
}

function countLabels(labels: readonly number[], K: number): number[] {
  const counts = new Array<number>(K).fill(0);
  for (const l of labels) if (l >= 0 && l < K) counts[l]++;
  return counts;
}

/** The model to draw for the given choices. */
export function displayModel(result: FitResultDto, shownModel: number | null, replayIteration: number | null): DisplayModel {
  const chosen: DisplayModel = {
    params: result.params,
    resp: result.sample.resp,
    labels: result.sample.labels,
    counts: result.counts,
    countsFromSample: false,
    caption: '',
  };
  let params: ParamsDto | undefined;
  let caption = '';
  if (shownModel !== null && result.selection?.[shownModel] && shownModel !== result.chosen) {
    const row = result.selection[shownModel];
    params = row.params;
    caption = `K = ${row.k}, ${row.covarianceType} (not the chosen model)`;
  } else if (replayIteration !== null && replayIteration < result.history.length - 1) {
    params = result.history[replayIteration];
    caption = `iteration ${replayIteration + 1} of ${result.history.length}`;
  }
  if (!params) return chosen;
  try {
    const { resp, labels } = assignSample(params, result.sample);
    return { params, resp, labels, counts: countLabels(labels, params.nComponents), countsFromSample: true, caption };
  } catch (e) {
    // Keep the chosen model whole: mixing its colours with other parameters would mislead.
    return { ...chosen, problem: e instanceof Error ? e.message : String(e) };
  }
}
