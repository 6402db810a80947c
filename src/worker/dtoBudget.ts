/**
 * How much of a fit the result DTO carries, so a wide fit cannot make a result of gigabytes: the DTO's parameters
 * are expanded to K × d × d numbers each, so the replay history, the scatter's sample and the sweep candidates'
 * parameters are thinned to fixed budgets of numbers. Narrow data (the usual case) is not affected.
 */

/** Numbers all replay snapshots may hold together (≈ 32 MB as doubles). */
export const HISTORY_NUMBERS = 4_000_000;
/** Numbers the scatter's sample may hold (values, imputed flags, responsibilities). */
export const SAMPLE_NUMBERS = 8_000_000;
/** Numbers the sweep candidates' parameters may hold together. */
export const SELECTION_NUMBERS = 8_000_000;

/** Numbers in one expanded parameter set: weights, means and full covariances. */
export function paramsNumbers(K: number, d: number): number {
  return K * (1 + d + d * d);
}

/** Replay snapshots to keep, at most `max`: none when even one would pass the budget. */
export function historyLimit(K: number, d: number, max: number): number {
  return Math.min(max, Math.floor(HISTORY_NUMBERS / paramsNumbers(K, d)));
}

/** Sample points to draw, at most `maxPoints` and at least 1. */
export function sampleLimit(maxPoints: number, K: number, d: number): number {
  return Math.max(1, Math.min(maxPoints, Math.floor(SAMPLE_NUMBERS / (2 * d + K + 3))));
}

/** Whether every candidate of a sweep (K values `ks`) can carry its parameters. */
export function selectionFits(ks: readonly number[], d: number): boolean {
  return ks.reduce((n, K) => n + paramsNumbers(K, d), 0) <= SELECTION_NUMBERS;
}
