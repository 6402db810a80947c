/**
 * mclust's hclass: the hard partition into G groups read off a merge tree, by replaying its first n − G merges.
 * Labels are numbered 0 … G−1 in order of first appearance down the rows (row 0 is in group 0, the first row
 * not in group 0 is in group 1, …): mclust's partconv(consec = TRUE) numbering, minus 1, so they equal
 * `hclass(tree, G) − 1` exactly.
 */
import { AgglomerationError, agglomerationMessages } from './errors';
import type { MergeTree } from './mergeTree';

/**
 * The labels 0 … G−1 of the n rows when the tree is cut into G groups (mclust's hclass(tree, G) − 1).
 * @throws AgglomerationError 'badInput' unless G is a whole number from 1 to tree.n
 */
export function partitionFromTree(tree: MergeTree, G: number): Int32Array {
  const result = partitionsFromTree(tree, [G]).get(G);
  if (result === undefined) throw new AgglomerationError('badInput', agglomerationMessages.badGroupCount(G, tree.n));
  return result;
}

/**
 * The partitions for several numbers of groups in one pass over the merges (the fit reuses one tree for every
 * number of components and covariance model). Keys are the distinct G asked for.
 * @throws AgglomerationError 'badInput' unless every G is a whole number from 1 to tree.n
 */
export function partitionsFromTree(tree: MergeTree, Gs: readonly number[]): Map<number, Int32Array> {
  const n = tree.n;
  for (const G of Gs) {
    if (!Number.isInteger(G) || G < 1 || G > n) throw new AgglomerationError('badInput', agglomerationMessages.badGroupCount(G, n));
  }
  // After merge k there are n − k − 1 groups; each group's id is its smallest row, so a union-find whose
  // root is always the kept id replays hclass's `initial[initial == j] <- i`.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const wanted = [...new Set(Gs)].sort((a, b) => b - a);
  const out = new Map<number, Int32Array>();
  let groups = n;
  let k = 0;
  for (const G of wanted) {
    while (groups > G) {
      parent[tree.merges[2 * k + 1]] = tree.merges[2 * k];
      k++;
      groups--;
    }
    out.set(G, labelsOf(parent));
  }
  return out;
}

/** Each row's root, numbered by first appearance. */
function labelsOf(parent: Int32Array): Int32Array {
  const n = parent.length;
  const labels = new Int32Array(n);
  const labelOfRoot = new Int32Array(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    // Path compression: later look-ups from this row's ancestors are short.
    let s = i;
    while (parent[s] !== r) {
      const up = parent[s];
      parent[s] = r;
      s = up;
    }
    if (labelOfRoot[r] < 0) labelOfRoot[r] = next++;
    labels[i] = labelOfRoot[r];
  }
  return labels;
}
