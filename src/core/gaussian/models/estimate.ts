/** INTERIM (replaced by the models branch): closed-form M-steps of the four scikit-learn structures only. */
import type { ModelName } from './catalog';
import { modelInfo } from './catalog';

export interface ScatterInput {
  readonly K: number;
  readonly d: number;
  readonly nk: Float64Array;
  readonly scatter: Float64Array;
  readonly regCovar: number;
}
export type EstimateOutcome = { ok: true; innerIterations: number } | { ok: false; component: number; reason: 'singular' | 'not-converged' };
export type ModelWorkspace = object;
export function allocModelWorkspace(_model: ModelName, _K: number, _d: number): ModelWorkspace { return {}; }

export function estimateCovariances(model: ModelName, input: ScatterInput, out: Float64Array, _warm: boolean, _work?: ModelWorkspace): EstimateOutcome {
  const { K, d, nk, scatter: w, regCovar: reg } = input;
  const full = modelInfo(model).layout === 'full';
  const m = full ? d * d : d;
  let n = 0;
  for (let k = 0; k < K; k++) n += nk[k];
  if (model === 'VVV' || model === 'VVI') {
    for (let k = 0; k < K; k++) for (let j = 0; j < m; j++) out[k * m + j] = w[k * m + j] / nk[k];
  } else if (model === 'EEE') {
    for (let j = 0; j < m; j++) { let s = 0; for (let k = 0; k < K; k++) s += w[k * m + j]; for (let k = 0; k < K; k++) out[k * m + j] = s / n; }
  } else if (model === 'VII') {
    for (let k = 0; k < K; k++) { let s = 0; for (let a = 0; a < d; a++) s += w[k * m + a]; for (let a = 0; a < d; a++) out[k * m + a] = s / (d * nk[k]); }
  } else throw new Error(`model ${model} not available yet`);
  for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) out[k * m + (full ? a * d + a : a)] += reg;
  return { ok: true, innerIterations: 0 };
}
