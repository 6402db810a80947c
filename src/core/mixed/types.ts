/**
 * Types of the mixed-data family: numeric, categorical and count columns in one mixture,
 *   p(x) = Σ_k π_k · N(x_numeric | μ_k, Σ_k) · Π_j Cat(x_j | θ_kj) · Π_c Poisson(x_c | λ_kc),
 * each categorical and count column independent of the others given the component (local independence), the
 * numeric block one Gaussian of any covariance model. A missing cell drops its factor (numeric cells are integrated
 * out); a row with no fitted cell observed is skipped.
 */
import type { Matrix } from '../mixture/types';
import type { MissingStrategy, ModelName } from '../gaussian/types';

/** The columns of a mixed fit, as the engine takes them (N rows each). */
export interface MixedInput {
  readonly rows: number;
  /** N × d numeric columns (NaN = missing); absent or 0 columns for none. */
  readonly numeric?: Matrix;
  readonly numericNames?: readonly string[];
  /** N × J category codes, row-major: the index of the row's level in `levels[j]`, −1 when missing. */
  readonly categorical: { readonly names: readonly string[]; readonly levels: readonly (readonly string[])[]; readonly codes: Int32Array };
  /** N × C counts (whole numbers ≥ 0), row-major; NaN when missing. */
  readonly counts: { readonly names: readonly string[]; readonly values: Float64Array };
}

/** A mixed mixture in the user's units. */
export interface MixedParams {
  readonly kind: 'mixed';
  readonly nComponents: number;
  readonly weights: Float64Array;
  /** The numeric block (absent with no numeric column): layouts as `GaussianParams`. */
  readonly gaussian?: { readonly model: ModelName; readonly nFeatures: number; readonly means: Float64Array; readonly covariances: Float64Array };
  /** Per categorical column, K × L_j probabilities (row-major; each row sums to 1). */
  readonly categorical: { readonly names: readonly string[]; readonly levels: readonly (readonly string[])[]; readonly probabilities: readonly Float64Array[] };
  /** K × C Poisson rates. */
  readonly counts: { readonly names: readonly string[]; readonly rates: Float64Array };
}

/** How a mixed fit prepares its data and regularises. */
export interface MixedOptions {
  missing: MissingStrategy;
  /** Standardise the numeric columns (results in the file's units), as for a Gaussian fit. */
  standardize: boolean;
  /** The numeric block's covariance model. */
  model: ModelName;
  /**
   * Ridge and smoothing: N_k·reg on every scatter diagonal (as a Gaussian fit), `reg` pseudo-rows spread over each
   * categorical column's levels, and `reg` pseudo-rows at the column's mean for each count rate. 0 = pure maximum
   * likelihood.
   */
  regCovar: number;
}
