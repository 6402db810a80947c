/**
 * A fit's per-row arrays in input order (`MixtureFit.resp`, `labels`, `logDensity`, `rowsUsed`) from the family's
 * buffers in working order. When the working order is the input order (no row with a missing cell was moved to the
 * back), the family hands its buffers over instead of having them copied: a 1 GB table's fit keeps a third of a GB
 * less.
 */
import type { FamilySpec, MixtureFamily } from './family';

/** The input-order arrays of a fit. */
export interface InputOrderArrays {
  resp: Float64Array;
  labels: Int32Array;
  logDensity: Float64Array;
  rowsUsed: Int32Array;
}

/** Working order → input order: row j of the arrays is input row rowsUsed[j] (ascending). Call after `family.flush()`. */
export function inputOrder<P, S>(spec: FamilySpec<P, S>, family: MixtureFamily<P, S>, K: number): InputOrderArrays {
  const N = family.nSamples, order = spec.order;
  const labels = new Int32Array(N);
  if (isAscending(order) && family.detachArrays) {
    const { resp, logDensity } = family.detachArrays();
    for (let w = 0; w < N; w++) labels[w] = argmax(resp, w * K, K);
    return { resp, labels, logDensity, rowsUsed: order };
  }
  const rowsUsed = Int32Array.from(order).sort();
  const position = new Int32Array(spec.nRows);
  rowsUsed.forEach((row, j) => { position[row] = j; });
  const resp = new Float64Array(N * K), logDensity = new Float64Array(N);
  for (let w = 0; w < N; w++) {
    const j = position[order[w]];
    logDensity[j] = family.logDensity[w];
    for (let k = 0; k < K; k++) resp[j * K + k] = family.resp[w * K + k];
    labels[j] = argmax(family.resp, w * K, K);
  }
  return { resp, labels, logDensity, rowsUsed };
}

/** The index of the largest of v[offset, offset + K) (the first on ties). */
export function argmax(v: Float64Array, offset: number, K: number): number {
  let arg = 0;
  for (let k = 1; k < K; k++) if (v[offset + k] > v[offset + arg]) arg = k;
  return arg;
}

function isAscending(a: Int32Array): boolean {
  for (let j = 1; j < a.length; j++) if (a[j] <= a[j - 1]) return false;
  return true;
}
