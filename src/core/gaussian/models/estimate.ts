/**
 * The covariance M-step of every mclust model: from the weighted scatter W_k and counts N_k of the current
 * responsibilities, the Σ_k that maximise the expected complete-data log-likelihood under the model's constraint.
 */
import { COVARIANCE_MODELS, type ModelName } from './catalog';
import { closedFormDiag, closedFormFull } from './closedForm';
import { estimateVEE, estimateVEI, estimateVEV } from './commonShape';
import { estimateCommonOrientation } from './commonOrientation';
import type { EstimateOutcome, ScatterInput } from './types';
import { createModelWorkspace, type ModelWorkspace } from './workspace';

export type { EstimateOutcome, ScatterInput } from './types';
export { createModelWorkspace, type ModelWorkspace } from './workspace';

/**
 * The model that gives the same Σ_k for this K and d: with one component every equal/variable distinction vanishes
 * (EVE, VEV, … all become VVV; VEI, EVI become VVI), and in one dimension every model is mclust's univariate
 * 'E' (equal variance, = EII) or 'V' (= VII).
 */
export function effectiveModel(model: ModelName, K: number, d: number): ModelName {
  const info = COVARIANCE_MODELS[model];
  if (d === 1) return info.volume === 'E' && K > 1 ? 'EII' : 'VII';
  if (K === 1) return info.shape === 'I' ? 'VII' : info.layout === 'diag' ? 'VVI' : 'VVV';
  return model;
}

/**
 * Writes Σ_k into `out` (layout 'full': K×d×d symmetric; 'diag': K×d diagonals), maximising
 * Σ_k [ −N_k/2 · log|Σ_k| − ½ tr(W̃_k Σ_k⁻¹) ] under the model's constraint (W̃ = W + N·reg·I).
 * `warm` true: `out` holds the previous iteration's Σ_k and iterative models start from it (so the M-step never
 * lowers that objective — EM stays monotone); false: start from a closed-form guess.
 * Closed forms (EII VII EEI EVI VVI EEE EEV EVV VVV) follow Celeux & Govaert (1995); VEI, VEV and VEE iterate their
 * volume/shape fixed point (commonShape.ts), EVE and VVE the MM steps of Browne & McNicholas (2014) with exact plane
 * rotations (commonOrientation.ts), until the objective gains less than 1e-13 of its scale and no parameter moves by
 * more than 1e-12 relative (iteration.ts). On 'not-converged' `out` still holds the last iterate, a valid Σ of the
 * model whose objective is no lower than the start's; on 'singular' `out` is unspecified.
 * @param work scratch from `createModelWorkspace(K, d)`, reused across calls; allocated when omitted or of another size.
 */
export function estimateCovariances(model: ModelName, input: ScatterInput, out: Float64Array, warm: boolean, work?: ModelWorkspace): EstimateOutcome {
  const { K, d, nk } = input;
  const ws = work && work.K === K && work.d === d ? work : createModelWorkspace(K, d);
  const name = effectiveModel(model, K, d);
  const w = ridged(input, COVARIANCE_MODELS[model].layout, ws.scatter);
  switch (name) {
    case 'EII': case 'VII': case 'EEI': case 'EVI': case 'VVI':
      return closedFormDiag(name, w, nk, K, d, out);
    case 'EEE': case 'EEV': case 'EVV': case 'VVV':
      return closedFormFull(name, w, nk, K, d, out, ws);
    case 'VEI': return estimateVEI(w, nk, K, d, out, warm, ws);
    case 'VEV': return estimateVEV(w, nk, K, d, out, warm, ws);
    case 'VEE': return estimateVEE(w, nk, K, d, out, warm, ws);
    case 'EVE': case 'VVE': return estimateCommonOrientation(name, w, nk, K, d, out, warm, ws);
  }
}

/**
 * W̃_k = W_k + N_k·reg·I in `dst`, in the model's layout. A diagonal entry below 0 (rounding, when W was accumulated
 * about other centres as Σ r x xᵀ − N μ μᵀ) is read as 0. With d = 1 the two layouts coincide, so diagonal and full
 * models share the closed forms there.
 */
function ridged(input: ScatterInput, layout: 'diag' | 'full', dst: Float64Array): Float64Array {
  const { K, d, nk, scatter, regCovar } = input;
  const size = layout === 'diag' ? d : d * d;
  const step = layout === 'diag' ? 1 : d + 1;
  for (let k = 0; k < K; k++) {
    const off = k * size;
    for (let i = 0; i < size; i++) dst[off + i] = scatter[off + i];
    for (let j = 0; j < d; j++) dst[off + j * step] = Math.max(0, dst[off + j * step]) + nk[k] * regCovar;
  }
  return dst.subarray(0, K * size);
}
