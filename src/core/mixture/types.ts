/**
 * Types of the generic mixture layer: what any family's fit reports. Pure data: everything here crosses worker and
 * webview boundaries by structured clone (typed arrays survive) or JSON (convert typed arrays with `Array.from`).
 *
 * Naming follows scikit-learn's `sklearn/mixture` where it has a name: nSamples (N), nFeatures (d), nComponents
 * (K, the one name of "number of components" in every layer), resp, tol, maxIter, nInit.
 * Loop indices: i = sample, k = component, a / b = feature.
 */

/** A row-major numeric table. `data.length === rows * cols`; NaN marks a missing cell. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * A numeric table by columns: `columns[a][i]` (each of length `rows`); NaN marks a missing cell. A reader's own
 * column arrays can be passed this way without a copy (see `numericTable.ts`).
 */
export interface ColumnMatrix {
  readonly columns: readonly Float64Array[];
  readonly rows: number;
  readonly cols: number;
}

/** The engine's numeric input: row-major or by columns. */
export type NumericTable = Matrix | ColumnMatrix;

/**
 * How a start's first responsibilities are chosen (see `starts.ts`):
 * - 'hierarchical': mclust's start, the partition of a model-based agglomeration tree cut at K (a family that has one);
 * - 'hierarchical-sphered': the same agglomeration on sphered data (every direction of the data's covariance scaled
 *   to unit variance), which finds groups that a dominant direction (size, in measurements) hides from the first;
 * - 'full-model': the clusters of the best fit of the family's most general model at K (Gaussian: VVV, full
 *   covariances), for a constrained model whose own starts can all miss its best maximum (a family that has one);
 * - 'kmeans++': k-means++ seeding, every row to its nearest centre;
 * - 'kmeans': the same seeding, then Lloyd steps to convergence;
 * - 'random-points': K distinct random rows as centres, every row to its nearest;
 * - 'random-resp': uniform random responsibilities (scikit-learn's 'random').
 */
export type StartMethod = 'hierarchical' | 'hierarchical-sphered' | 'full-model' | 'kmeans++' | 'kmeans' | 'random-points' | 'random-resp';
export const START_METHODS: readonly StartMethod[] = ['hierarchical', 'hierarchical-sphered', 'full-model', 'kmeans++', 'kmeans', 'random-points', 'random-resp'];

/** 'portfolio' (the default): a mix of start methods screened by short EM runs (see `starts.ts`); else one method for every start. */
export type StartStrategy = 'portfolio' | StartMethod;

/**
 * Where a run began: a start method, or 'split-merge', a move of the local search after the starts (a fitted run
 * with one component merged into another and spent elsewhere: see `search.ts`).
 */
export type RunOrigin = StartMethod | 'split-merge';
export const START_STRATEGIES: readonly StartStrategy[] = ['portfolio', ...START_METHODS];

/**
 * The families of mixture the engine fits: the `kind` of a family's parameters and of their DTO (the protocol's
 * `ParamsDto` is a union keyed on it and checks at compile time that it has one member per kind). A new family
 * adds its kind here.
 */
export type FamilyKind = 'gaussian' | 'mixed';

/** Options of the EM loop, the same for every family. */
export interface EmOptions {
  /** Components of the mixture (K). */
  nComponents: number;
  /** Stop when the mean per-sample log-likelihood gains less than this (scikit-learn's meaning). 0 = run maxIter. */
  tol: number;
  /**
   * The run that becomes the result is carried on with the same EM loop until the mean per-sample gain is below
   * this (within maxIter iterations in total). Default `tol * 1e-3`; ignored when tol is 0; ≥ tol turns it off.
   */
  refineTol?: number;
  maxIter: number;
  /** Starts (restarts) of EM; the highest log-likelihood among sound runs wins. */
  nInit: number;
  init: StartStrategy;
  seed: number;
  /** Keep a parameter snapshot per iteration of the kept run (for replay); capped by memory. */
  recordHistory: boolean;
}

export const DEFAULT_EM_OPTIONS: EmOptions = {
  nComponents: 2,
  tol: 1e-4,
  maxIter: 200,
  nInit: 10,
  init: 'portfolio',
  seed: 0,
  recordHistory: true,
};

/** Which part of a run an iteration belongs to: screening, the run to `tol`, or its refinement to `refineTol`. */
export type IterationPhase = 'screen' | 'restart' | 'refine';

/**
 * One iteration of one run, as the loop yields it. Totals (not per-sample means) in natural log.
 * The two half-steps are the seeds' picture: after the E-step q = posterior so the bound touches
 * log p(X | θ) (KL gap 0); after the M-step the bound L(q, θ_new) has risen and log p(X | θ_new) ≥ it.
 */
export interface IterationReport<P = unknown> {
  run: number;
  /** 1-based, counted over the whole run (continuation and refinement continue the count). */
  iteration: number;
  phase?: IterationPhase;
  /** log p(X | θ_t), the total log-likelihood at the parameters of this iteration. */
  logLikelihood: number;
  /** L(q_{t-1}, θ_t): the lower bound with the previous responsibilities and the new parameters (after the M-step). */
  lowerBoundAfterM: number;
  /** L(q_t, θ_t) = log p(X | θ_t) after the E-step (equal up to rounding; recorded, not assumed). */
  lowerBoundAfterE: number;
  /** Parameters after this iteration's M-step, only when history is recorded. */
  params?: P;
  /** Set when the iteration ran on a random sample of this many rows (the first stage of a large fit). */
  sampleRows?: number;
}

/** How a run ended. */
export type RunOutcome =
  /** Met `tol` (refined or not). */
  | 'converged'
  /** Stopped at maxIter before meeting `tol`. */
  | 'max-iter'
  /** Stopped after screening: other starts were more promising. */
  | 'screened-out'
  /** Ran on the sample of rows only: other starts' maxima were carried to every row. */
  | 'not-carried'
  /** Hit an ill-defined state (see `failure`). */
  | 'failed';

/** A run's first stage, on a random sample of the rows (large tables): see `fit.ts`. */
export interface SampleStage {
  /** Rows in the sample. */
  rows: number;
  /** Total log-likelihood over the sample per iteration. */
  logLikelihood: number[];
  iterations: number;
  outcome: RunOutcome;
}

/**
 * The curve and fate of one start. On a large table a start runs on a sample of the rows first (`sample`), and only
 * the most promising are carried on to every row; the curves below are then the all-rows stage, numbered from 1.
 */
export interface RunTrace {
  run: number;
  init: RunOrigin;
  sample?: SampleStage;
  /** Total log-likelihood per iteration. */
  logLikelihood: number[];
  lowerBoundAfterE: number[];
  lowerBoundAfterM: number[];
  finalLogLikelihood: number;
  /** All iterations of the run, refinement included. */
  iterations: number;
  outcome: RunOutcome;
  /** The run met `tol` (a refinement that stops at maxIter before `refineTol` does not change this). */
  converged: boolean;
  /** Iterations of the screening phase (the run was one of several screened by short EM). */
  screenedFor?: number;
  /** Set when the run was refined: curve entries [refinedFrom, iterations) are the refinement. */
  refinedFrom?: number;
  /** With `refinedFrom`: whether the refinement reached `refineTol` (false = it stopped at maxIter). */
  refineConverged?: boolean;
  /** Why the run was not eligible, for the user: an ill-defined state, or a degenerate (spurious) maximum. */
  failure?: string;
  /** The run ended at a degenerate maximum (see `ComponentIssue`); it is kept only when every run is. */
  degenerate?: boolean;
}

/** Something the engine did on its own that the user should know (a component re-seeded, rows skipped…). */
export interface FitNotice {
  code: string;
  message: string;
}

/** Why a component of a fitted model is suspicious. */
export interface ComponentIssue {
  /** 0-based component. */
  component: number;
  /**
   * 'spurious': the component rests on a handful of rows and its covariance is singular apart from the
   * regularisation (a spurious maximum, its likelihood inflated without bound as regCovar → 0);
   * 'flat': many rows, but they share a value (ties, rounding), so the covariance is singular in some direction.
   */
  kind: 'spurious' | 'flat';
  /** Rows (sum of responsibilities) the component holds. */
  rows: number;
  /** One sentence for the user: which component, why, what to try. */
  message: string;
}

/** How the starts went: what a user needs to judge how sure the fit is. */
export interface StartsSummary {
  /** Starts tried (the whole screened pool; the search's moves are not starts). */
  nStarts: number;
  /** Set when the starts ran on a random sample of this many rows first (then `nCarried` of them on every row). */
  sampleRows?: number;
  /** Starts carried from the sample to every row. */
  nCarried?: number;
  /** Starts run to the end (converged or maxIter), as opposed to screened out or failed. */
  nCompleted: number;
  /** Completed starts that ended at the kept maximum (on the sample, when there was one). */
  nReachedBest: number;
  /** The start method of the kept run; 'split-merge' when a move of the search after the starts found it. */
  bestMethod: RunOrigin;
  /** Set when the split-and-merge search ran after the starts (mixed data and latent class models on small tables). */
  search?: SearchSummary;
  /** Per-sample log-likelihood gap to the second-best distinct maximum found (null when none was found). */
  runnerUpGap: number | null;
  /** Starts that ended at a degenerate maximum and were set aside. */
  nDegenerate: number;
}

/** What the split-and-merge search after the starts did (see `search.ts`). */
export interface SearchSummary {
  /** Moves tried (each a run of EM). */
  nMoves: number;
  /** Moves that raised the best maximum of their search. */
  nImproved: number;
  /** How much the search raised the kept log-likelihood above the best start's (0 when no move went above it). */
  gain?: number;
  /**
   * Set when the search did not run: in a model selection, this candidate's BIC after its starts was too far above
   * the best candidate's so far for the search to make it the choice (`select.ts`).
   */
  skipped?: true;
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
  /** Iterations of the kept run, its refinement included. */
  iterations: number;
  /** The kept run met `tol`. */
  converged: boolean;
}

/** A fitted mixture of any family, in input row order. */
export interface MixtureFit<P> extends FitScores {
  params: P;
  /** rowsUsed.length × nComponents, rows sum to 1; row j belongs to input row rowsUsed[j]. */
  resp: Float64Array;
  /** Hard labels, argmax of resp (one per used row). */
  labels: Int32Array;
  /** log p(x_i | θ) per used row (marginal over the observed cells). */
  logDensity: Float64Array;
  elapsedMs: number;
  /** `run` of the kept start. */
  bestRun: number;
  runs: RunTrace[];
  starts: StartsSummary;
  /** Parameters at each iteration of the kept run (index 0 = after the first M-step); empty if not recorded. */
  history: P[];
  /** How many of the first `history` snapshots are from the sample stage (0 without one). */
  historyOnSample: number;
  /** Indices (into the input rows) of rows that took part in the fit, ascending (empty when arrays were not asked for). */
  rowsUsed: Int32Array;
  /** Rows that took part in the fit (n of BIC). */
  nSamples: number;
  /** Input rows skipped (nothing fitted observed, or any missing cell under 'drop'). */
  nDropped: number;
  /** Degenerate components of the kept run (empty for a sound fit). */
  issues: ComponentIssue[];
  notices: FitNotice[];
}
