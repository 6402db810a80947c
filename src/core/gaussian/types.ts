/**
 * Types of the Gaussian family. Layouts (row-major Float64Array):
 * - data x:       nSamples × nFeatures, NaN marks a missing cell
 * - means:        nComponents × nFeatures
 * - covariances:  by the model's layout (`models/catalog.ts`): 'full' nComponents × d × d (every component's matrix,
 *                 shared ones repeated), 'diag' nComponents × d (the diagonals).
 */
import type { ModelName } from './models/catalog';

export type { ModelName };

/** What to do with rows that have some missing cells: EM over the observed coordinates, or drop the row. */
export type MissingStrategy = 'em' | 'drop';

/** Gaussian mixture parameters in the user's units (layouts in the file comment). */
export interface GaussianParams {
  readonly kind: 'gaussian';
  /** mclust's name of the covariance model (scikit-learn's full = VVV, tied = EEE, diag = VVI, spherical = VII). */
  readonly model: ModelName;
  readonly nComponents: number;
  readonly nFeatures: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/** How the data is prepared for a Gaussian fit (shared by every K and model of a sweep). */
export interface GaussianDataOptions {
  missing: MissingStrategy;
  /**
   * Fit on standardised columns (mean 0, standard deviation 1) and report everything in the original units:
   * params are mapped back and the log-likelihood gets the Jacobian (−Σ log sd per observed cell), so BIC/AIC/ICL
   * compare with an unstandardised fit. regCovar then applies in standardised units. Only for models that keep their
   * meaning under a change of scale of the columns (see `models/catalog.ts` `scaleInvariant`).
   */
  standardize: boolean;
  /** Column names, for messages (default "column 1", …). */
  columnNames?: readonly string[];
}

/** The Gaussian family's options beyond the EM loop's. */
export interface GaussianOptions extends GaussianDataOptions {
  model: ModelName;
  /** Added to every covariance diagonal (scikit-learn's reg_covar; see `models/estimate.ts` for the constrained models). */
  regCovar: number;
}

export const DEFAULT_GAUSSIAN_OPTIONS: GaussianOptions = { model: 'VVV', regCovar: 1e-6, missing: 'em', standardize: false };
