/**
 * How much of a fit the result DTO carries, so a wide fit cannot make a result of gigabytes: a model's parameters
 * are K × (1 + d + d²) numbers for the full-matrix covariance models (K × (1 + 2d) for the diagonal ones), so the
 * replay history, the scatter's sample and the sweep candidates' parameters are thinned to fixed budgets of numbers.
 * Narrow data (the usual case) is not affected.
 */
import { modelInfo, type ModelName } from '../core';
import { WorkerError, workerMessages } from './messages';

/** Numbers all replay snapshots may hold together (≈ 32 MB as doubles). */
export const HISTORY_NUMBERS = 4_000_000;
/** Numbers the scatter's sample may hold (values, imputed flags, responsibilities). */
export const SAMPLE_NUMBERS = 8_000_000;
/** Numbers the sweep candidates' parameters may hold together. */
export const SELECTION_NUMBERS = 8_000_000;

/** Numbers the chosen model's parameters may hold (2^25 ≈ 34 million: two full-matrix components over 4,000 columns). */
export const MODEL_NUMBERS = 2 ** 25;

/** Whether any of `models` stores d × d matrices (else every one stores d variances per component). */
export const fullLayout = (models: readonly ModelName[]): boolean => models.some((m) => modelInfo(m).layout === 'full');

/** Throws WorkerError `model-too-large` when a model of up to `kMax` components over `d` columns passes MODEL_NUMBERS. */
export function checkModelSize(fileName: string, kMax: number, d: number, full: boolean): void {
  const n = paramsNumbers(kMax, d, full);
  if (n > MODEL_NUMBERS) throw new WorkerError('model-too-large', workerMessages.modelTooLarge(fileName, kMax, d, n, maxColumns(kMax, full)));
}

/** The most columns a model of K components may have within MODEL_NUMBERS. */
function maxColumns(K: number, full: boolean): number {
  let d = full ? Math.floor(Math.sqrt(MODEL_NUMBERS / K)) : Math.floor(MODEL_NUMBERS / (2 * K));
  while (d > 1 && paramsNumbers(K, d, full) > MODEL_NUMBERS) d--;
  return d;
}

/** Numbers in one parameter set: weights, means and covariances (d × d matrices, or d variances). */
export function paramsNumbers(K: number, d: number, full = true): number {
  return K * (1 + d + (full ? d * d : d));
}

/** Replay snapshots to keep, at most `max`: none when even one would pass the budget. */
export function historyLimit(K: number, d: number, max: number, full = true): number {
  return Math.min(max, Math.floor(HISTORY_NUMBERS / paramsNumbers(K, d, full)));
}

/** Sample points to draw, at most `maxPoints` and at least 1. */
export function sampleLimit(maxPoints: number, K: number, d: number): number {
  return Math.max(1, Math.min(maxPoints, Math.floor(SAMPLE_NUMBERS / (2 * d + K + 3))));
}

/** Whether every candidate of a sweep (K values `ks`) can carry its parameters. */
export function selectionFits(ks: readonly number[], d: number, full = true): boolean {
  return ks.reduce((n, K) => n + paramsNumbers(K, d, full), 0) <= SELECTION_NUMBERS;
}
