/**
 * mclust's hcEII: agglomeration under the spherical, equal-volume model, which is Ward's method. The cost of
 * merging groups i and j is the rise in the within-group sum of squares, ni·nj/(ni+nj)·|mean_i − mean_j|², and
 * after each merge the costs with the new group follow from the old ones (Lance–Williams), so the tree costs
 * O(n²) after the first pass. A port of hceii in mclust's src/mclust.f (6.0.0), in its arithmetic order.
 *
 * mclust's Mclust agglomerates with EII instead of VVV when there are no more rows than columns (n ≤ d), where
 * no group can have a nonsingular covariance; it is also a cheap start for very wide data.
 */
import { checkMatrix, throwIfCancelled } from './errors';
import type { AgglomerateOptions } from './hcVVV';
import { MergeRecorder, type MergeTree } from './mergeTree';
import { dotSelf, fma } from './openblasArithmetic';
import { PairTable, withPairTable } from './pairTable';

const POLL_EVERY = 32;
/** √(1/2), the weight of each single row in the first pass (hceii's sqrt(ri/rij)). */
const HALF_ROOT = Math.sqrt(0.5);

/**
 * mclust's hcEII on the row-major n × d matrix x (already transformed, e.g. by hcTransform(x, n, d, 'SVD')).
 * @throws AgglomerationError 'badInput' for missing or non-finite values, 'cancelled' when options.isCancelled says so
 */
export function agglomerateEII(x: Float64Array, n: number, d: number, options: AgglomerateOptions = {}): MergeTree {
  checkMatrix(x, n, d);
  const recorder = new MergeRecorder(n);
  if (n === 1) return recorder.tree('EII');
  return withPairTable(n, (table) => {
    const costs = table.costs;
    const size = new Int32Array(n).fill(1);

    // First pass: every pair of rows, (1·1/2)·|x_i − x_j|² as √½·x_i − √½·x_j squared.
    const v = new Float64Array(d);
    let dopt = Number.MAX_VALUE;
    let iopt = 0;
    let jopt = 1;
    for (let j = 1; j < n; j++) {
      if (j % POLL_EVERY === 0) throwIfCancelled(options.isCancelled);
      const col = PairTable.index(0, j);
      for (let i = 0; i < j; i++) {
        for (let c = 0; c < d; c++) v[c] = fma(-HALF_ROOT, x[j * d + c], HALF_ROOT * x[i * d + c]);
        const cost = dotSelf(v, 0, d);
        costs[col + i] = cost;
        if (cost <= dopt) { dopt = cost; iopt = i; jopt = j; }
      }
      table.rescan(j);
    }

    const best = new Float64Array(3);
    for (let step = 0; step < n - 1; step++) {
      const last = n - 1 - step;
      recorder.record(iopt, jopt, dopt);
      if (last === 1) break;
      if (step % POLL_EVERY === POLL_EVERY - 1) throwIfCancelled(options.isCancelled);
      const ni = size[iopt];
      const nj = size[jopt];
      size[iopt] = ni + nj;
      // The last slot's group moves into slot jopt; column `last` then holds the old jopt group's costs.
      if (jopt !== last) {
        table.moveLastInto(jopt, last);
        size[jopt] = size[last];
      }
      const newLast = last - 1;
      const oldJ = PairTable.index(0, last);
      for (let j = 0; j <= newLast; j++) {
        if (j === iopt) continue;
        const rj = size[j];
        const k = PairTable.index(Math.min(j, iopt), Math.max(j, iopt));
        let cost = (rj + ni) * costs[k] + (rj + nj) * costs[oldJ + j];
        cost = (cost - rj * dopt) / (rj + (ni + nj));
        if (j < iopt || j === jopt) costs[k] = cost;
        else table.set(iopt, j, cost);
      }
      if (iopt > 0) table.rescan(iopt);
      if (jopt <= newLast) table.rescan(jopt);
      table.best(newLast, best);
      iopt = best[0];
      jopt = best[1];
      dopt = best[2];
    }
    return recorder.tree('EII');
  });
}
