/** Thresholds below which the pass kernels (`pass.ts`, `passSmall.ts`) skip work that cannot change the sums. */

/**
 * Responsibilities below this add nothing measurable to the statistics (each row's share is under 1e-15 of one
 * row, below the rounding of sums over many rows), so the d² statistics work is skipped for them. With separated
 * components most of a row's K responsibilities are that small, which makes the pass up to ~K/2 times cheaper.
 */
export const RESP_NEGLIGIBLE = 1e-15;

/**
 * Below this log-ratio to the row's largest weighted density (e^−40 ≈ 4e-18) a component's exponential is taken as 0:
 * it is below half an ulp of the row's sum (≥ 1), so the log density does not change, and its responsibility would
 * be under RESP_NEGLIGIBLE, which the statistics skip anyway; the exponential is the pass's largest cost per cell.
 */
export const EXP_NEGLIGIBLE = -40;
