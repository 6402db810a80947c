/**
 * Types shared by the EM core. Pure data: everything here crosses worker and webview boundaries by
 * structured clone (typed arrays survive) or JSON (convert typed arrays with `Array.from` first).
 *
 * Naming follows scikit-learn's `sklearn/mixture` so the code can be read side by side with theirs:
 * nSamples (N), nFeatures (d), nComponents (K), resp, logResp, nk, means, covariances, precisionsChol,
 * regCovar, tol, maxIter, nInit, logProbNorm, lowerBound.
 * Loop indices: i = sample, k = component, a / b = feature.
 *
 * Layouts (all row-major Float64Array):
 * - data x:            nSamples × nFeatures, NaN marks a missing cell
 * - resp:              nSamples × nComponents
 * - means:             nComponents × nFeatures
 * - covariances:       full      nComponents × nFeatures × nFeatures
 *                      tied      nFeatures × nFeatures
 *                      diag      nComponents × nFeatures
 *                      spherical nComponents
 */

/** Covariance structures, with scikit-learn's names and meanings. */
export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';
export const COVARIANCE_TYPES: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

/** How the first responsibilities of a run are chosen. */
export type InitMethod = 'kmeans++' | 'kmeans' | 'random-points' | 'random-resp';
export const INIT_METHODS: readonly InitMethod[] = ['kmeans++', 'kmeans', 'random-points', 'random-resp'];

/** What to do with rows that have some missing cells: EM over the observed coordinates, or drop the row. */
export type MissingStrategy = 'em' | 'drop';

/** A row-major numeric table. `data.length === rows * cols`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export interface FitOptions {
  nComponents: number;
  covarianceType: CovarianceType;
  /** Stop when the mean per-sample log-likelihood gains less than this (scikit-learn's meaning). 0 = run maxIter. */
  tol: number;
  /**
   * After a restart converges at `tol`, a run that may become the result (see `fitGaussianMixture`) goes on with the
   * same EM loop until the mean per-sample gain is below this, within maxIter iterations in total. Default
   * `tol * 1e-3` (undefined = that default); ignored when tol is 0; a value ≥ tol turns refinement off.
   */
  refineTol?: number;
  maxIter: number;
  /** Added to the covariance diagonal (scikit-learn's reg_covar). */
  regCovar: number;
  nInit: number;
  init: InitMethod;
  seed: number;
  missing: MissingStrategy;
  /** Keep a parameter snapshot per iteration of the best run (for replay); the engine caps it for large d. */
  recordHistory: boolean;
  /**
   * Fit on standardised columns (mean 0, standard deviation 1) and report everything in the original units:
   * params are mapped back and the log-likelihood gets the Jacobian (−Σ log sd per observed cell), so BIC/AIC/ICL
   * compare with an unstandardised fit. regCovar then applies in standardised units.
   */
  standardize: boolean;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = {
  nComponents: 2,
  covarianceType: 'full',
  tol: 1e-3,
  maxIter: 200,
  regCovar: 1e-6,
  nInit: 1,
  init: 'kmeans++',
  seed: 0,
  missing: 'em',
  recordHistory: true,
  standardize: false,
};

/** Gaussian mixture parameters (layouts in the file comment). */
export interface GaussianParams {
  readonly kind: 'gaussian';
  readonly covarianceType: CovarianceType;
  readonly nComponents: number;
  readonly nFeatures: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/** Which part of a run an iteration belongs to: the restart up to `tol`, or its refinement up to `refineTol`. */
export type IterationPhase = 'restart' | 'refine';

/**
 * One iteration of one run, as the loop yields it. Totals (not per-sample means) in natural log.
 * The two half-steps are the seeds' picture: after the E-step q = posterior so the bound touches
 * log p(X | θ) (KL gap 0); after the M-step the bound L(q, θ_new) has risen and log p(X | θ_new) ≥ it.
 */
export interface IterationReport {
  run: number;
  /** 1-based, counted over the whole run (refinement continues the count). */
  iteration: number;
  /** 'refine' for iterations after the run converged at `tol` (absent = 'restart'). */
  phase?: IterationPhase;
  /** log p(X | θ_t), the total log-likelihood at the parameters of this iteration. */
  logLikelihood: number;
  /** L(q_{t-1}, θ_t): the lower bound with the previous responsibilities and the new parameters (after the M-step). */
  lowerBoundAfterM: number;
  /** L(q_t, θ_t) = log p(X | θ_t) after the E-step (equal up to rounding; recorded, not assumed). */
  lowerBoundAfterE: number;
  /** Parameters after this iteration's M-step, only when history is recorded. */
  params?: GaussianParams;
}

/** The curve of one restart. */
export interface RunTrace {
  run: number;
  init: InitMethod;
  /** Total log-likelihood per iteration. */
  logLikelihood: number[];
  lowerBoundAfterE: number[];
  lowerBoundAfterM: number[];
  finalLogLikelihood: number;
  /** All iterations of the run, refinement included. */
  iterations: number;
  /** The run met `tol` (a refinement that stops at maxIter before `refineTol` does not change this). */
  converged: boolean;
  /**
   * Set when the run was refined: the iterations of the restart phase, so curve entries [refinedFrom, iterations)
   * are the refinement. Absent when the run was not refined (or its refinement failed and was rolled back).
   */
  refinedFrom?: number;
  /** With `refinedFrom`: whether the refinement reached `refineTol` (false = it stopped at maxIter). */
  refineConverged?: boolean;
  /** Set when the run ended in a degenerate state (message for the user). */
  failure?: string;
}

/** Something the engine did on its own that the user should know (a component re-seeded, rows skipped…). */
export interface FitNotice {
  code: string;
  message: string;
}

/** How well a fit scores (shared by a fit and a model-selection row). */
export interface FitScores {
  /** Total observed-data log-likelihood (natural log) at params, in the input's units. */
  logLikelihood: number;
  nParameters: number;
  /** −2 log L + p ln n (scikit-learn's sign: lower is better; n = rows used). */
  bic: number;
  /** −2 log L + 2p (lower is better). */
  aic: number;
  /** BIC − 2 Σ log r_{i,label} (lower is better). */
  icl: number;
  /** Iterations of the best run, its refinement included. */
  iterations: number;
  /** The best run met `tol` (see `RunTrace.converged`). */
  converged: boolean;
}

export interface FitResult extends FitScores {
  params: GaussianParams;
  /** rowsUsed.length × nComponents, rows sum to 1; row j belongs to input row rowsUsed[j]. */
  resp: Float64Array;
  /** Hard labels, argmax of resp (one per used row, as resp). */
  labels: Int32Array;
  /** log p(x_i | θ) per used row (marginal over the observed cells), as resp. */
  logDensity: Float64Array;
  elapsedMs: number;
  bestRun: number;
  runs: RunTrace[];
  /** Parameters at each iteration of the best run (index 0 = after the first M-step); empty if not recorded. */
  history: GaussianParams[];
  /** Indices (into the input rows) of rows that took part in the fit, ascending. */
  rowsUsed: Int32Array;
  /** Rows with every value missing (or with any missing under 'drop'), skipped. */
  nDropped: number;
  /** Rows used that had at least one missing cell (imputed under 'em'). */
  nImputedRows: number;
  /** Input rows × nFeatures with each missing cell replaced by its conditional mean under the fit (NaN for dropped rows). */
  imputed?: Float64Array;
  notices: FitNotice[];
  options: FitOptions;
}
