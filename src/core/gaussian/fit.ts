/**
 * The Gaussian family's entry points: one model (`fitGaussianMixture`) or a sweep over numbers of components ×
 * covariance models (`selectGaussianModel`), both through the generic mixture layer, plus the Gaussian extras of a
 * result (imputed missing cells).
 */
import type { EmOptions, MixtureFit, NumericTable } from '../mixture/types';
import { DEFAULT_EM_OPTIONS } from '../mixture/types';
import { fitMixture, type FitHooks } from '../mixture/fit';
import { selectModel, type Candidate, type SelectionHooks, type SelectionResult } from '../mixture/select';
import { FitError, notices } from '../mixture/errors';
import { DEFAULT_GAUSSIAN_OPTIONS, type GaussianOptions, type GaussianParams, type ModelName } from './types';
import type { GaussianState } from './family';
import { createSerialExecutor, type PassExecutor } from './executor';
import { prepareData, type GaussianData } from './prepare';
import { createGaussianSpec, SCALE_INVARIANT } from './spec';
import { hierarchicalStart } from './hierarchicalStart';
import { fullModelStart } from './fullModelStart';
import { imputeMissing } from './impute';
import { logDensityToUserUnits } from './units';

/** Options of a Gaussian fit: the EM loop's and the family's. */
export type GaussianFitOptions = EmOptions & GaussianOptions;

export const DEFAULT_GAUSSIAN_FIT_OPTIONS: GaussianFitOptions = { ...DEFAULT_EM_OPTIONS, ...DEFAULT_GAUSSIAN_OPTIONS };

/** A Gaussian fit in input row order, with each missing cell's conditional mean. */
export interface GaussianFit extends MixtureFit<GaussianParams> {
  /** Rows used that had at least one missing cell (imputed under 'em'). */
  nImputedRows: number;
  /** Input rows × nFeatures with each missing cell replaced by its conditional mean under the fit (NaN for dropped rows). */
  imputed?: Float64Array;
}

/** Hooks of a Gaussian fit: the generic ones, where the pass runs, and the hierarchical start to use. */
export interface GaussianHooks extends SelectionHooks<GaussianParams> {
  /** Runs the per-iteration pass (default: single-threaded in the caller's thread). */
  executor?: PassExecutor;
  /** false: no hierarchical start (the portfolio then starts with k-means++); default true. */
  hierarchical?: boolean;
}

/**
 * Fits one Gaussian mixture with EM.
 * @param x nSamples × nFeatures, row-major or by columns (not copied: see `prepare.ts`); NaN = missing cell
 * @throws FitError with a user-facing message (bad input or options, degenerate data, every start failed, cancelled)
 */
export function fitGaussianMixture(x: NumericTable, options: Partial<GaussianFitOptions>, hooks: GaussianHooks = {}): GaussianFit {
  const o: GaussianFitOptions = { ...DEFAULT_GAUSSIAN_FIT_OPTIONS, ...options };
  const executor = hooks.executor ?? createSerialExecutor();
  if (hooks.isCancelled?.()) throw new FitError('cancelled', 'The fit was cancelled.');
  const data = prepareData(x, o, executor.allocate);
  const hierarchical = hooks.hierarchical === false ? undefined : hierarchicalStart(data);
  const spec = createGaussianSpec(data, o.model, o.regCovar, executor, hierarchical, undefined, fullModelStart(data, o.regCovar, o, hierarchical));
  return withImputation(fitMixture(spec, o, hooks as FitHooks<GaussianParams>).fit, x, data);
}

/** A sweep's options: the EM loop's and the family's, with lists of component counts and models instead of one. */
export type GaussianSweepOptions = Omit<GaussianFitOptions, 'nComponents' | 'model'> & {
  nComponents: readonly number[];
  models: readonly ModelName[];
};

/**
 * Fits every (K, model) of the grid, K-major, and chooses by BIC (see `mixture/select.ts`). Models that cannot be
 * fitted on standardised columns are left out of a standardised sweep with a notice.
 */
export function selectGaussianModel(
  x: NumericTable, options: GaussianSweepOptions, hooks: GaussianHooks = {},
): SelectionResult<GaussianParams> & { best: GaussianFit } {
  const { nComponents: counts, models, ...rest } = options;
  const o = { ...DEFAULT_GAUSSIAN_FIT_OPTIONS, ...rest };
  const executor = hooks.executor ?? createSerialExecutor();
  if (hooks.isCancelled?.()) throw new FitError('cancelled', 'The fit was cancelled.');
  const data = prepareData(x, o, executor.allocate);
  const hierarchical = hooks.hierarchical === false ? undefined : hierarchicalStart(data);
  const fullModel = fullModelStart(data, o.regCovar, o, hierarchical);
  const usable = o.standardize && models.length > 1 ? models.filter((m) => SCALE_INVARIANT.has(m)) : [...models];
  const skipped = models.filter((m) => !usable.includes(m));
  const specs = new Map<ModelName, ReturnType<typeof createGaussianSpec>>();
  const candidates: Candidate<GaussianParams, GaussianState>[] = [];
  for (const K of counts) {
    for (const model of usable) {
      candidates.push({
        nComponents: K, variant: model,
        spec: () => {
          let s = specs.get(model);
          if (!s) { s = createGaussianSpec(data, model, o.regCovar, executor, hierarchical, undefined, fullModel); specs.set(model, s); }
          return s;
        },
      });
    }
  }
  const result = selectModel(candidates, o, hooks);
  const best = withImputation(result.best, x, data);
  if (skipped.length > 0) best.notices.push(notices.modelsSkipped(skipped));
  return { ...result, best };
}

function withImputation(fit: MixtureFit<GaussianParams>, x: NumericTable, data: GaussianData): GaussianFit {
  const nImputedRows = data.nUsed - data.nComplete;
  if (data.standardized) logDensityToUserUnits(fit.logDensity, fit.rowsUsed, x, data.scale);
  return {
    ...fit, nImputedRows,
    ...(nImputedRows > 0 && fit.rowsUsed.length > 0 ? { imputed: imputeMissing(fit.params, x, fit.rowsUsed, fit.resp) } : {}),
  };
}
