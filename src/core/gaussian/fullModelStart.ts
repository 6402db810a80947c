/**
 * The portfolio's 'full-model' start for the Gaussian models whose M-step is iterative (VEI, VEE, EVE, VVE, VEV):
 * the clusters of the best VVV fit at the same K. Those models' likelihoods have maxima that their own starts can
 * all miss: on the crabs measurements (K = 4), VVE's ten starts, mclust's tree among them, end at −1312.7 at best and
 * mclust's own fit at −1308.0, while VVE started from the clusters of the best VVV fit reaches −1306.2. The path of
 * an iterative M-step (its inner iterations, where they start) decides which maximum EM climbs to, so one more start
 * from a different, well-fitted partition is what makes the best maximum likely, at the cost of one VVV fit per K
 * (with the fit's own restarts and tolerance), made once per data set, K and seed and reused by every such model.
 */
import { FitError } from '../mixture/errors';
import type { SubsetPartition } from '../mixture/family';
import { fitMixture } from '../mixture/fit';
import type { EmOptions } from '../mixture/types';
import { createSerialExecutor } from './executor';
import type { GaussianData } from './prepare';
import { createGaussianSpec, type HierarchicalStart } from './spec';

export type FullModelStart = (nComponents: number, seed: number, isCancelled: () => boolean) => SubsetPartition | undefined;

/**
 * The 'full-model' start of `data` (undefined for a streamed data set, whose rows are not held).
 * @param options the fit's EM options (restarts, tolerance, iterations); the start's VVV fit uses them with K and seed
 */
export function fullModelStart(
  data: GaussianData, regCovar: number, options: EmOptions, hierarchical?: HierarchicalStart,
): FullModelStart | undefined {
  if (data.streamed) return undefined;
  const cache = new Map<string, SubsetPartition | null>();
  return (K, seed, isCancelled) => {
    const key = `${K} ${seed}`;
    let part = cache.get(key);
    if (part === undefined) {
      part = clustersOfVVV(data, regCovar, { ...options, nComponents: K, seed, init: 'portfolio' }, hierarchical, isCancelled);
      cache.set(key, part);
    }
    return part ?? undefined;
  };
}

function clustersOfVVV(
  data: GaussianData, regCovar: number, options: EmOptions, hierarchical: HierarchicalStart | undefined, isCancelled: () => boolean,
): SubsetPartition | null {
  let fit;
  try {
    // Its own executor, in this thread: the fit that asks for the start holds the shared one (with its helper threads).
    const spec = createGaussianSpec(data, 'VVV', regCovar, createSerialExecutor(), hierarchical);
    fit = fitMixture(spec, options, { isCancelled }, { refine: false, arrays: true }).fit;
  } catch (e) {
    // Too few rows for full covariances, every start singular…: the portfolio starts with k-means++ instead.
    if (e instanceof FitError && e.code !== 'cancelled') return null;
    throw e;
  }
  // The fit's labels are in input order (row j is input row rowsUsed[j]); the start's rows are working rows.
  const working = new Int32Array(data.nRows).fill(-1);
  data.order.forEach((input, w) => { working[input] = w; });
  const rows = new Int32Array(fit.labels.length);
  const labels = new Int32Array(fit.labels.length);
  let m = 0;
  fit.rowsUsed.forEach((input, j) => {
    const w = working[input];
    if (w >= 0) { rows[m] = w; labels[m++] = fit.labels[j]; }
  });
  return m > 0 ? { rows: rows.subarray(0, m), labels: labels.subarray(0, m) } : null;
}
