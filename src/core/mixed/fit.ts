/**
 * The mixed-data family's entry points: one model (`fitMixedMixture`) or a sweep over numbers of components ×
 * covariance models of the numeric block (`selectMixedModel`), through the generic mixture layer, plus imputation of
 * missing cells: a numeric cell's conditional mean, a categorical cell's most probable level under the fit.
 */
import type { EmOptions, MixtureFit } from '../mixture/types';
import { DEFAULT_EM_OPTIONS } from '../mixture/types';
import { fitMixture } from '../mixture/fit';
import { selectModel, type Candidate, type SelectionHooks, type SelectionResult } from '../mixture/select';
import { FitError, messages } from '../mixture/errors';
import type { ModelName } from '../gaussian/types';
import { imputeMissing } from '../gaussian/impute';
import { logDensityToUserUnits } from '../gaussian/units';
import { SCALE_INVARIANT } from '../gaussian/spec';
import type { MixedInput, MixedOptions, MixedParams } from './types';
import type { MixedState } from './family';
import { prepareMixed, type MixedData } from './prepare';
import { createMixedSpec } from './spec';

export type MixedFitOptions = EmOptions & MixedOptions;

export const DEFAULT_MIXED_FIT_OPTIONS: MixedFitOptions = { ...DEFAULT_EM_OPTIONS, missing: 'em', standardize: false, model: 'VVV', regCovar: 1e-6 };

/** A mixed fit in input row order, with its missing cells imputed. */
export interface MixedFit extends MixtureFit<MixedParams> {
  /** Rows used with at least one missing fitted cell. */
  nImputedRows: number;
  /** Input rows × numeric columns, missing cells replaced by their conditional means (NaN for rows not used). */
  imputedNumeric?: Float64Array;
  /** Input rows × categorical columns: each row's codes with a missing one replaced by its most probable level (−1 for rows not used). */
  imputedCodes?: Int32Array;
}

/** One mixed mixture. @throws FitError with a user-facing message */
export function fitMixedMixture(input: MixedInput, options: Partial<MixedFitOptions>, hooks: SelectionHooks<MixedParams> = {}): MixedFit {
  const o: MixedFitOptions = { ...DEFAULT_MIXED_FIT_OPTIONS, ...options };
  if (hooks.isCancelled?.()) throw new FitError('cancelled', messages.cancelled());
  const data = prepareMixed(input, o);
  return withImputation(fitMixture(createMixedSpec(data, o.model, o.regCovar), o, hooks).fit, input, data);
}

/** Every (K, model) of the grid, K-major, chosen by BIC (one model, 'latent class', without numeric columns). */
export function selectMixedModel(
  input: MixedInput, options: Omit<MixedFitOptions, 'nComponents' | 'model'> & { nComponents: readonly number[]; models: readonly ModelName[] },
  hooks: SelectionHooks<MixedParams> = {},
): SelectionResult<MixedParams> & { best: MixedFit } {
  const { nComponents: counts, models, ...rest } = options;
  const o = { ...DEFAULT_MIXED_FIT_OPTIONS, ...rest };
  if (hooks.isCancelled?.()) throw new FitError('cancelled', messages.cancelled());
  const data = prepareMixed(input, o);
  // Without numeric columns the covariance model means nothing: one candidate per K.
  const usable = data.d === 0 ? [models[0]] : o.standardize ? models.filter((m) => SCALE_INVARIANT.has(m)) : [...models];
  const specs = new Map<ModelName, ReturnType<typeof createMixedSpec>>();
  const candidates: Candidate<MixedParams, MixedState>[] = [];
  for (const K of counts) {
    for (const model of usable) {
      candidates.push({
        nComponents: K, variant: data.d === 0 ? 'latent class' : model,
        spec: () => {
          let s = specs.get(model);
          if (!s) { s = createMixedSpec(data, model, o.regCovar); specs.set(model, s); }
          return s;
        },
      });
    }
  }
  const result = selectModel(candidates, o, hooks);
  return { ...result, best: withImputation(result.best, input, data) };
}

function withImputation(fit: MixtureFit<MixedParams>, input: MixedInput, data: MixedData): MixedFit {
  const K = fit.params.nComponents, J = input.categorical.names.length;
  let nImputedRows = 0;
  const out: MixedFit = { ...fit, nImputedRows: 0 };
  if (fit.rowsUsed.length === 0) return out;
  if (data.standardized && input.numeric) logDensityToUserUnits(fit.logDensity, fit.rowsUsed, input.numeric, data.scale);
  const g = fit.params.gaussian;
  if (g && input.numeric) {
    out.imputedNumeric = imputeMissing({ kind: 'gaussian', model: g.model, nComponents: K, nFeatures: g.nFeatures, weights: fit.params.weights, means: g.means, covariances: g.covariances }, input.numeric, fit.rowsUsed, fit.resp);
  }
  if (J > 0) {
    const codes = new Int32Array(input.rows * J).fill(-1);
    fit.rowsUsed.forEach((row, j) => {
      for (let c = 0; c < J; c++) {
        const code = input.categorical.codes[row * J + c];
        if (code >= 0) { codes[row * J + c] = code; continue; }
        // The level with the highest posterior predictive probability Σ_k r_ik θ_kcl.
        const L = input.categorical.levels[c].length, theta = fit.params.categorical.probabilities[c];
        let best = 0, bestP = -1;
        for (let l = 0; l < L; l++) {
          let p = 0;
          for (let k = 0; k < K; k++) p += fit.resp[j * K + k] * theta[k * L + l];
          if (p > bestP) { bestP = p; best = l; }
        }
        codes[row * J + c] = best;
      }
    });
    out.imputedCodes = codes;
  }
  const d = data.d, C = input.counts.names.length;
  for (const row of fit.rowsUsed) {
    let missing = false;
    for (let a = 0; a < d && !missing; a++) missing = Number.isNaN(input.numeric?.data[row * d + a]);
    for (let c = 0; c < J && !missing; c++) missing = input.categorical.codes[row * J + c] < 0;
    for (let c = 0; c < C && !missing; c++) missing = Number.isNaN(input.counts.values[row * C + c]);
    if (missing) nImputedRows++;
  }
  out.nImputedRows = nImputedRows;
  return out;
}
