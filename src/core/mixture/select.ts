/**
 * Model selection over a grid of component counts × covariance structures (mclust's practice), ranked by BIC
 * with scikit-learn's sign: LOWER IS BETTER for bic, aic and icl.
 */
import type { CovarianceType, FitOptions, FitResult, FitScores, GaussianParams, Matrix } from './types';
import type { FitHooks } from './hooks';
import { FitError, messages } from './errors';
import { fitGaussianMixture } from '../gaussian/fit';

/** One fitted cell of the grid; `error` (and NaN scores) when that model could not be fitted. */
export interface SelectionRow extends FitScores {
  nComponents: number;
  covarianceType: CovarianceType;
  /**
   * A component collapsed or is flat (its likelihood is inflated by regCovar: a spurious maximum). Such a
   * candidate is chosen only when every candidate is degenerate.
   */
  degenerate?: boolean;
  /** The candidate's parameters and hard-assigned count per component (absent when it failed). */
  params?: GaussianParams;
  counts?: number[];
  error?: { code: string; message: string };
}

/** FitHooks plus a call before each candidate of the grid. */
export interface SelectionHooks extends FitHooks {
  onModel?(index: number, total: number, nComponents: number, covarianceType: CovarianceType): void;
}

export interface SelectionResult {
  /** Every (K, covariance) cell, K-major in the order given. */
  table: SelectionRow[];
  /** Index into `table` of the best model. */
  bestIndex: number;
  /** The full fit of the best model. */
  best: FitResult;
  criterion: 'bic';
  /** Always true: scikit-learn's convention (−2 log L + penalty); mclust's BIC has the opposite sign. */
  lowerIsBetter: true;
}

/**
 * Fits every K in `kValues` with every structure in `covarianceTypes` and keeps the lowest BIC among the sound
 * candidates (a degenerate one, with a collapsed or flat component, only when every candidate is degenerate).
 * @throws FitError 'cancelled', or the first cell's error when no cell could be fitted
 */
export function selectModel(
  x: Matrix,
  options: Partial<FitOptions> & { kValues: number[]; covarianceTypes: CovarianceType[] },
  hooks: SelectionHooks = {},
): SelectionResult {
  const { kValues, covarianceTypes, ...rest } = options;
  const table: SelectionRow[] = [];
  let best: FitResult | undefined;
  let bestIndex = -1;
  let firstError: FitError | undefined;
  const total = kValues.length * covarianceTypes.length;
  for (const nComponents of kValues) {
    for (const covarianceType of covarianceTypes) {
      hooks.onModel?.(table.length, total, nComponents, covarianceType);
      try {
        const fit = fitGaussianMixture(x, { ...rest, nComponents, covarianceType }, hooks);
        table.push({
          nComponents, covarianceType, logLikelihood: fit.logLikelihood, nParameters: fit.nParameters,
          bic: fit.bic, aic: fit.aic, icl: fit.icl, iterations: fit.iterations, converged: fit.converged,
          params: fit.params, counts: countLabels(fit.labels, nComponents),
          ...(isDegenerate(fit) ? { degenerate: true } : {}),
        });
        if (best === undefined || better(fit, best)) { best = fit; bestIndex = table.length - 1; }
      } catch (e) {
        if (!(e instanceof FitError) || e.code === 'cancelled') throw e;
        firstError ??= e;
        table.push({
          nComponents, covarianceType, logLikelihood: NaN, nParameters: NaN, bic: NaN, aic: NaN, icl: NaN,
          iterations: 0, converged: false, error: { code: e.code, message: e.message },
        });
      }
    }
  }
  if (best === undefined) throw firstError ?? new FitError('bad-option', messages.emptyGrid());
  return { table, bestIndex, best, criterion: 'bic', lowerIsBetter: true };
}

/** Rows hard-assigned to each of K components. */
export function countLabels(labels: Int32Array, K: number): number[] {
  const counts = new Array<number>(K).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

const DEGENERATE = new Set(['component-collapsed', 'component-flat']);

function isDegenerate(fit: FitResult): boolean {
  return fit.notices.some((n) => DEGENERATE.has(n.code));
}

/** Lower BIC wins, but a sound model always wins over a degenerate one (mclust leaves those out too). */
function better(fit: FitResult, best: FitResult): boolean {
  const a = isDegenerate(fit), b = isDegenerate(best);
  if (a !== b) return b;
  return fit.bic < best.bic;
}
