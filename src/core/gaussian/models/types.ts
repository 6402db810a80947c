/** The input and outcome of a covariance M-step (re-exported by estimate.ts, which most callers import). */

/** The weighted scatter of the current responsibilities, the statistics every covariance model is estimated from. */
export interface ScatterInput {
  readonly K: number;
  readonly d: number;
  /** N_k = Σ_i r_ik per component (all > 0). */
  readonly nk: Float64Array;
  /**
   * W_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ. layout 'full': K × d × d row-major, both triangles filled;
   * layout 'diag': K × d, the diagonals of W_k only (what diagonal models need).
   */
  readonly scatter: Float64Array;
  /**
   * Ridge: the M-step works on W_k + N_k·regCovar·I, so for VVV/EEE/VVI/VII it equals scikit-learn's reg_covar
   * (added to every covariance diagonal); 0 = pure maximum likelihood.
   */
  readonly regCovar: number;
}

/**
 * What an M-step did: `innerIterations` is 0 for closed forms. 'singular': component `component`'s Σ_k (the first
 * one, when all share a factor) would be singular or the model needs log|W̃_k| or W̃_k⁻¹ of a singular matrix.
 * 'not-converged': an iterative model reached its iteration cap while its objective still moved.
 */
export type EstimateOutcome =
  | { ok: true; innerIterations: number }
  | { ok: false; component: number; reason: 'singular' | 'not-converged' };

/** The successful outcome of a closed-form estimate. */
export const CLOSED_FORM: EstimateOutcome = Object.freeze({ ok: true, innerIterations: 0 });

/** The failure for component k. */
export function singular(component: number): EstimateOutcome {
  return { ok: false, component, reason: 'singular' };
}
