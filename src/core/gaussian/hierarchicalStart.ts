/**
 * mclust's start for a Gaussian data set (Fraley & Raftery; `Mclust`'s default initialisation): model-based
 * hierarchical agglomeration (hcVVV) on the SVD-transformed rows, one tree reused for every number of components
 * and every covariance model, cut into K groups (hclass). The same on sphered rows (mclust's hcUse = "SPH") is the
 * portfolio's second start: where one direction dominates the data (size, in body measurements) it finds groups
 * the first tree cannot (on crabs, K = 4 VVV reaches −1224 from it against −1299 from mclust's tree). As in mclust:
 * - on more than HC_ROWS complete rows the tree is built on a seeded random HC_ROWS of them (the first complete rows
 *   of the data set's seeded row order, so they lie in every sample of that seed: `prepare.ts` `sampleData`), and the
 *   other rows get their responsibilities from the first E-step;
 * - with no more rows than columns the agglomeration is Ward's (EII); in one dimension the start is the quantile
 *   classes (mclust's qclass) instead of a tree.
 * Rows with a missing cell take no part in the tree (they get responsibilities from the first E-step too).
 *
 * Wide data departs from mclust, so that the work stays bounded for any shape:
 * - with more than HC_COLUMNS columns there is no tree: building one costs more than the fit (hcVVV's memory grows
 *   with rows × columns², and 4000 columns took minutes and gigabytes), and the portfolio starts with k-means++;
 * - the sphered tree needs more rows than columns: with rank n − 1 (n rows, centred), sphering puts every pair of
 *   rows at the same distance (Z = √n·U, and U·Uᵀ = I − 11ᵀ/n), so its tree would be tie-breaking only.
 */
import { FitError, messages } from '../mixture/errors';
import { agglomerateEII, agglomerateVVV, AgglomerationError, hcTransform, partitionFromTree, type MergeTree } from './agglomerate';
import { permutation, workingRow, type GaussianData } from './prepare';
import type { HierarchicalStart } from './spec';

/** Rows the tree is built on at most (mclust.options("subset")). */
export const HC_ROWS = 2000;
/** Columns above which no tree is built (the portfolio's hierarchical starts become k-means++). */
export const HC_COLUMNS = 100;

/** A tree over some working rows (or their values, in one dimension). */
export interface Tree { rows: Int32Array; tree?: MergeTree; values?: Float64Array }
const trees = new WeakMap<GaussianData, Map<string, Tree | null>>();

/** The hierarchical start of `data` (one tree per seed and transform, built on first use). */
export function hierarchicalStart(data: GaussianData): HierarchicalStart {
  return (K, seed, isCancelled, sphered) => {
    const t = treeFor(data, seed, sphered ? 'SPH' : 'SVD', isCancelled);
    if (!t || t.rows.length < K) return undefined;
    return { rows: t.rows, labels: cutTree(t, K) };
  };
}

function treeFor(data: GaussianData, seed: number, use: 'SVD' | 'SPH', isCancelled: () => boolean): Tree | null {
  let byKey = trees.get(data);
  if (!byKey) { byKey = new Map(); trees.set(data, byKey); }
  const key = `${seed} ${use}`;
  let t = byKey.get(key);
  if (t === undefined) {
    t = buildTree(data, seed, use, isCancelled);
    byKey.set(key, t);
  }
  return t;
}

function buildTree(data: GaussianData, seed: number, use: 'SVD' | 'SPH', isCancelled: () => boolean): Tree | null {
  const d = data.nFeatures;
  if (d > HC_COLUMNS) return null;
  // Complete rows only; every one of them when there are few, else the first HC_ROWS in the seeded row order.
  // (A streamed data set kept these rows: see `stream/prepareStream.ts`.)
  const rows = (data.streamed ? Int32Array.from(data.streamed.hcRows)
    : data.nComplete <= HC_ROWS ? Int32Array.from({ length: data.nComplete }, (_, i) => i)
      : firstComplete(permutation(data, seed), data.nComplete, HC_ROWS)).sort();
  const x = new Float64Array(rows.length * d);
  rows.forEach((w, j) => x.set(workingRow(data, w), j * d));
  const t = agglomerate(x, rows.length, d, use, isCancelled);
  return t && { rows, ...t };
}

/** The first `n` complete rows (working rows below nComplete) in the seeded row order `p`. */
function firstComplete(p: Int32Array, nComplete: number, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let j = 0, m = 0; m < n; j++) if (p[j] < nComplete) out[m++] = p[j];
  return out;
}

/**
 * mclust's agglomeration of n rows × d (no missing cells): hcVVV on the transformed rows, Ward's (EII) when there are
 * no more rows than (transformed) columns; in one dimension no tree but the values, for quantile classes.
 * @returns null when there is nothing to agglomerate (fewer than two rows, no usable column)
 * @throws FitError 'cancelled'
 */
export function agglomerate(x: Float64Array, n: number, d: number, use: 'SVD' | 'SPH', isCancelled: () => boolean): Omit<Tree, 'rows'> | null {
  if (n < 2) return null;
  if (d === 1) return { values: x };
  try {
    if (use === 'SPH' && d >= n - 1) return null; // sphered rows would all be equally far apart (see above)
    const z = hcTransform(x, n, d, use);
    const dz = z.length / n;
    if (use === 'SPH' && dz >= n - 1) return null;
    const tree = n > dz ? agglomerateVVV(z, n, dz, { isCancelled }) : agglomerateEII(z, n, dz, { isCancelled });
    return { tree };
  } catch (e) {
    if (e instanceof AgglomerationError && e.code === 'cancelled') throw new FitError('cancelled', messages.cancelled());
    if (e instanceof AgglomerationError) return null; // no usable column: the portfolio starts with k-means++ instead
    throw e;
  }
}

/** The labels of a tree's rows cut into K groups (quantile classes in one dimension). */
export function cutTree(t: Omit<Tree, 'rows'>, K: number): Int32Array {
  return t.tree ? partitionFromTree(t.tree, K) : quantileClasses(t.values as Float64Array, K);
}

/** mclust's qclass: K groups of (nearly) equal size by the order of the values. Labels follow the sorted order. */
function quantileClasses(values: Float64Array, K: number): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const labels = new Int32Array(n);
  order.forEach((i, rank) => { labels[i] = Math.min(K - 1, Math.floor((rank * K) / n)); });
  return labels;
}
