/**
 * The extension point for mixture families (scikit-learn's abstract hooks on `BaseMixture`): the generic layer
 * (`fit.ts`, `select.ts`) runs starts, screening, the EM loop, the choice of the best run, refinement, input-order
 * results and model selection, and talks to a family only through these two interfaces.
 *
 * - A `FamilySpec` is one family on one prepared data set (e.g. the Gaussian mixture with covariance model VEV on
 *   the chosen columns): it knows which rows take part and what the start methods see, and makes a `MixtureFamily`
 *   for a given number of components. Specs of one data set share the prepared data (and the agglomeration tree).
 * - A `MixtureFamily` is one fit in progress: it owns the working parameters θ and the buffers of the pass
 *   (responsibilities, statistics) and does the E- and M-steps.
 */
import type { Rng } from '../numeric/rng';
import type { ComponentIssue, FamilyKind, FitNotice, StartMethod } from './types';

/** Totals of one fused E-step pass, in the user's units. */
export interface PassTotals {
  /** Σ_i log p(x_i | θ_t). */
  readonly logLikelihood: number;
  /** L(q_{t−1}, θ_t) without the entropy term: Σ_ik q_{t−1,ik} log π_k p(x_i | k, θ_t). */
  readonly crossOld: number;
  /** Σ_ik q_{t,ik} log π_k p(x_i | k, θ_t). */
  readonly crossNew: number;
  /** L(q_t, θ_t) = Σ_i log p(x_i | θ_t) Σ_k q_{t,ik}, computed from q_t, not assumed. */
  readonly boundAfterE: number;
}

/** A failed step: a message for the user (what happened, which component, what to try) and its stable code. */
export interface StepFailure {
  readonly failure: string;
  readonly code: 'ill-defined-covariance' | 'empty-component';
}

/**
 * One fit in progress. P = parameters in the user's units; S = an opaque copy of the working state, enough to
 * continue the run later (`save` / `restore`).
 */
export interface MixtureFamily<P, S> {
  readonly nComponents: number;
  /** Rows in the fit (N of the per-sample tolerance). */
  readonly nSamples: number;
  /** Free parameters of the model (for BIC, AIC, ICL). */
  readonly nParameters: number;
  /**
   * Responsibilities, nSamples × nComponents row-major in working row order (the buffer may be longer): written by
   * the start before `statsFromResp`, and current after `flush()` otherwise.
   */
  readonly resp: Float64Array;
  /** log p(x_i | θ) per working row, current after `flush()`. */
  readonly logDensity: Float64Array;
  /** Makes `resp` and `logDensity` current (a pass may keep them elsewhere, e.g. in WebAssembly memory). */
  flush(): void;
  /**
   * Optional: hands `resp` (nSamples × nComponents) and `logDensity` (nSamples) over to the caller, current, as the
   * result of the fit; the family must not write them again, and later families on the same data use new buffers.
   */
  detachArrays?(): { resp: Float64Array; logDensity: Float64Array };
  /** Starts a run with its own random stream (used for re-seeding an emptied component). */
  beginRun(rng: Rng): void;
  /** Statistics of the responsibilities in `resp` (a start's); returns Σ_ik r log r of them (0 for hard ones). */
  statsFromResp(): number;
  /** M-step from the statistics of the last pass; components re-seeded on the way are counted. */
  mStep(run: number, iteration: number): { reseeded: number } | StepFailure;
  /** The fused pass at the current θ: E-step into the responsibilities and statistics for the next M-step. */
  eStep(): PassTotals | StepFailure;
  /** A copy of the current θ in the user's units. */
  snapshot(): P;
  /** A copy of the working state (θ and whatever the next M-step needs besides the pass statistics). */
  save(): S;
  /** Sets the working state from `save()`; the caller runs `eStep()` next. */
  restore(state: S): void;
  /** Components of the current θ that make it a degenerate maximum (empty when sound). */
  assess(): ComponentIssue[];
  /** Recoveries so far (component re-seeded, …). */
  readonly notices: FitNotice[];
  /** Ends the fit (the pass executor lets go of the buffers). */
  end(): void;
  /**
   * Optional, for a family that holds no responsibilities (a streamed one): the hard counts per component and
   * Σ_i log max_k r_ik of the last E-step, which the result otherwise takes from `resp`.
   */
  hardAssignments?(): { counts: number[]; logMaxResp: number };
}

/** What the start methods see of the data: numeric features in working row order (NaN = missing). */
export interface StartData {
  /** nSamples × nFeatures row-major. */
  readonly x: Float64Array;
  readonly nFeatures: number;
}

/** A start given on a subset of the rows (the others get no responsibility until the first E-step). */
export interface SubsetPartition {
  /** Working row indices. */
  readonly rows: Int32Array;
  /** Label 0..K−1 of each of `rows`. */
  readonly labels: Int32Array;
}

/** One family on one prepared data set. */
export interface FamilySpec<P, S> {
  /** The family: the `kind` of its parameters and of their DTO. */
  readonly kind: FamilyKind;
  /** A short name of the variant for messages and tables (e.g. the covariance model 'VEV'). */
  readonly variant: string;
  /** Rows of the input table. */
  readonly nRows: number;
  /** Rows taking part, in working order: working row → input row (empty when `streamed`). */
  readonly order: Int32Array;
  /**
   * Set when the rows are read from a file in passes, not held: `nUsed` rows take part, the fit always starts on
   * `sample` (whatever tol) and its result has no per-row arrays.
   */
  readonly streamed?: { readonly nUsed: number };
  /** Input rows skipped. */
  readonly nDropped: number;
  /** What preparing the data found (rows skipped, constant columns, …). */
  readonly notices: readonly FitNotice[];
  readonly startData: StartData;
  /** The methods the portfolio cycles through after its hierarchical starts (default k-means++, random points). */
  readonly startCycle?: readonly StartMethod[];
  /**
   * The family's likelihood has many maxima on typical data (mixed data, latent class models): with the portfolio,
   * a small table screens a larger pool of starts (see `poolSize` in `fit.ts`).
   */
  readonly thoroughStarts?: boolean;
  /**
   * The family's hierarchical start (mclust's model-based agglomeration) cut at K, on the data as mclust transforms
   * it or on sphered data, or undefined when it has none. One tree per data set, seed and transform, reused for every
   * K and variant.
   */
  hierarchical?(nComponents: number, seed: number, isCancelled: () => boolean, sphered: boolean): SubsetPartition | undefined;
  /**
   * The clusters of the best fit of the family's most general model at K (the portfolio's 'full-model' start), for a
   * variant whose own starts can all end below its best maximum; undefined when the family offers none for this
   * variant, or when that fit cannot be made.
   */
  fullModel?(nComponents: number, seed: number, isCancelled: () => boolean): SubsetPartition | undefined;
  /** A family for K components; throws FitError when K cannot be fitted (too few distinct rows, …). */
  create(nComponents: number): MixtureFamily<P, S>;
  /** Free parameters with K components (to size the sample of a two-stage fit). */
  nParameters(nComponents: number): number;
  /**
   * The same family on a seeded random sample of `rows` of the rows, in the same working units (so a state saved on
   * the sample restores on the whole); samples for one seed are nested. Undefined when the family cannot sample.
   */
  sample?(rows: number, seed: number): FamilySpec<P, S>;
}
