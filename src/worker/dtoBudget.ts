/**
 * How much of a fit the result DTO carries, so a wide fit cannot make a result of gigabytes: the DTO's parameters
 * are expanded to K × d × d numbers each, so the replay history, the scatter's sample and the sweep candidates'
 * parameters are thinned to fixed budgets of numbers. Narrow data (the usual case) is not affected.
 */
import { WorkerError, workerMessages } from './messages';

/** Numbers all replay snapshots may hold together (≈ 32 MB as doubles). */
export const HISTORY_NUMBERS = 4_000_000;
/** Numbers the scatter's sample may hold (values, imputed flags, responsibilities). */
export const SAMPLE_NUMBERS = 8_000_000;
/** Numbers the sweep candidates' parameters may hold together. */
export const SELECTION_NUMBERS = 8_000_000;

/**
 * Numbers the chosen model's expanded parameters may hold (2^25 ≈ 34 million: two components over 4,000 columns).
 * A fit that could pass it is refused before it starts (`checkModelSize`): until the DTO sends each covariance
 * structure in its own shape, a diagonal model over 9,000 columns would be expanded to 160 million numbers.
 */
export const MODEL_NUMBERS = 2 ** 25;

/** Throws WorkerError `model-too-large` when a model of up to `kMax` components over `d` columns passes MODEL_NUMBERS. */
export function checkModelSize(fileName: string, kMax: number, d: number): void {
  const n = paramsNumbers(kMax, d);
  if (n > MODEL_NUMBERS) throw new WorkerError('model-too-large', workerMessages.modelTooLarge(fileName, kMax, d, n, maxColumns(kMax)));
}

/** The most columns a model of K components may have within MODEL_NUMBERS. */
function maxColumns(K: number): number {
  let d = Math.floor(Math.sqrt(MODEL_NUMBERS / K));
  while (d > 1 && paramsNumbers(K, d) > MODEL_NUMBERS) d--;
  return d;
}

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
