/**
 * How well two partitions of the same rows agree, from their contingency table (rows: one partition's groups,
 * columns: the other's): the adjusted Rand index (Hubert & Arabie 1985) and normalized mutual information with the
 * arithmetic-mean normalisation (scikit-learn's default). Both are 1 for the same partition up to relabelling.
 */

/** n choose 2. */
const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index: (Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E), E = Σ C(a_i,2)·Σ C(b_j,2) / C(n,2).
 * 0 in expectation for independent partitions; 1 when both put every row in one group (a degenerate case).
 */
export function adjustedRandIndex(table: readonly (readonly number[])[]): number {
  const rowSums = table.map((r) => r.reduce((s, v) => s + v, 0));
  const colSums = (table[0] ?? []).map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const n = rowSums.reduce((s, v) => s + v, 0);
  if (n < 2) return 1;
  let index = 0;
  for (const r of table) for (const v of r) index += pairs(v);
  const a = rowSums.reduce((s, v) => s + pairs(v), 0), b = colSums.reduce((s, v) => s + pairs(v), 0);
  const expected = (a * b) / pairs(n);
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Normalized mutual information I(U;V) / ((H(U) + H(V)) / 2), natural logs; 1 when both entropies are 0. */
export function normalizedMutualInfo(table: readonly (readonly number[])[]): number {
  const rowSums = table.map((r) => r.reduce((s, v) => s + v, 0));
  const colSums = (table[0] ?? []).map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const n = rowSums.reduce((s, v) => s + v, 0);
  if (n === 0) return 1;
  const entropy = (sums: number[]) => sums.reduce((h, v) => (v > 0 ? h - (v / n) * Math.log(v / n) : h), 0);
  const hu = entropy(rowSums), hv = entropy(colSums);
  let mi = 0;
  table.forEach((r, i) => r.forEach((v, j) => { if (v > 0) mi += (v / n) * Math.log((n * v) / (rowSums[i] * colSums[j])); }));
  const norm = (hu + hv) / 2;
  return norm === 0 ? 1 : Math.max(0, Math.min(1, mi / norm));
}
