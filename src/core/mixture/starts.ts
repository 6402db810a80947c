/**
 * Where EM starts: the plan of start methods for a fit's nInit starts, and writing a start's first
 * responsibilities into the family.
 *
 * The default plan ('portfolio') mixes methods, because each finds optima the others miss (Biernacki, Celeux &
 * Govaert 2003; mclust's practice): start 0 is mclust's model-based hierarchical agglomeration when the family has
 * one (so a fit never ends below the start mclust itself uses), start 1 the same agglomeration on sphered data (on
 * measurements dominated by one direction, such as size, it finds the groups the first misses), start 2 (for a
 * constrained model whose family offers it) the clusters of the best fit of the most general model, then k-means++
 * and random points alternate. With three or more starts they are screened by short EM runs and only the most
 * promising go on (see `fit.ts`).
 */
import type { FamilySpec, MixtureFamily, SubsetPartition } from './family';
import type { StartMethod, StartStrategy } from './types';
import type { Rng } from '../numeric/rng';
import { initialResp } from './init';

const DEFAULT_CYCLE: readonly StartMethod[] = ['kmeans++', 'random-points'];

/** The start method of each of the nInit starts. */
export function planStarts(
  nInit: number, strategy: StartStrategy, hasHierarchical: boolean, cycle: readonly StartMethod[] = DEFAULT_CYCLE, hasFullModel = false,
): StartMethod[] {
  const tree = strategy === 'hierarchical' || strategy === 'hierarchical-sphered';
  const missing = (tree && !hasHierarchical) || (strategy === 'full-model' && !hasFullModel);
  if (strategy !== 'portfolio') return new Array<StartMethod>(nInit).fill(missing ? 'kmeans++' : strategy);
  const plan: StartMethod[] = [];
  if (hasHierarchical) plan.push('hierarchical', 'hierarchical-sphered');
  if (hasFullModel) plan.push('full-model');
  for (let j = 0; plan.length < nInit; j++) plan.push(cycle[j % cycle.length]);
  return plan.slice(0, nInit);
}

/**
 * Writes the first responsibilities of a start into `family.resp` and returns the method actually used: a
 * hierarchical start the family cannot make (too few rows, a singular group) falls back to k-means++.
 */
export function writeStart<P, S>(
  method: StartMethod, spec: FamilySpec<P, S>, family: MixtureFamily<P, S>, rng: Rng, seed: number, isCancelled: () => boolean,
): StartMethod {
  const K = family.nComponents, n = family.nSamples;
  if (method === 'hierarchical' || method === 'hierarchical-sphered') {
    const part = spec.hierarchical?.(K, seed, isCancelled, method === 'hierarchical-sphered');
    if (part !== undefined) {
      family.resp.fill(0, 0, n * K);
      for (let j = 0; j < part.rows.length; j++) family.resp[part.rows[j] * K + part.labels[j]] = 1;
      return method;
    }
    method = 'kmeans++';
  }
  if (method === 'full-model') {
    const part = spec.fullModel?.(K, seed, isCancelled);
    if (part !== undefined) {
      family.resp.fill(0, 0, n * K);
      for (let j = 0; j < part.rows.length; j++) family.resp[part.rows[j] * K + part.labels[j]] = 1;
      return method;
    }
    method = 'kmeans++';
  }
  const { x, nFeatures } = spec.startData;
  initialResp(method, { x, nSamples: n, nFeatures, nComponents: K, resp: family.resp, rng, isCancelled });
  return method;
}

/** A family's hierarchical start (as `FamilySpec.hierarchical`). */
export type PartitionStart = (nComponents: number, seed: number, isCancelled: () => boolean, sphered: boolean) => SubsetPartition | undefined;

/**
 * A hierarchical start of a whole data set, as the start of a sample of it: its rows renumbered into the sample
 * (`parentRows[j]` is the whole data's working row of sample row j); rows outside the sample dropped.
 */
export function restrictPartition(start: PartitionStart, parentRows: Int32Array): PartitionStart {
  const index = new Map<number, number>();
  parentRows.forEach((w, j) => index.set(w, j));
  return (K, seed, isCancelled, sphered) => {
    const whole = start(K, seed, isCancelled, sphered);
    if (!whole) return undefined;
    const rows: number[] = [], labels: number[] = [];
    whole.rows.forEach((w, j) => { const i = index.get(w); if (i !== undefined) { rows.push(i); labels.push(whole.labels[j]); } });
    return rows.length > 0 ? { rows: Int32Array.from(rows), labels: Int32Array.from(labels) } : undefined;
  };
}
