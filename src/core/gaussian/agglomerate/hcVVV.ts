/**
 * mclust's hcVVV (model-based agglomerative clustering with unconstrained covariances): starting from one group
 * per row, repeatedly merge the two groups whose merge raises the VVV classification criterion least
 * (`vvvCriterion.ts`), until one group is left. A port of hcvvv in mclust's src/mclust.f (6.0.0) with its
 * defaults from R/mbahc.R (α = traceW(X/√(n·p)), β = 1, every row its own group at the start).
 *
 * Cost: n(n−1)/2 pair costs at the start; after each merge only the pairs with the new group change (hcvvv's
 * bookkeeping). The cheapest pair comes from per-column minima (`pairTable.ts`) instead of hcvvv's full scan.
 * Every pair first gets a cheap lower bound; its exact cost (emulated arithmetic, O(p) to O(p³)) is computed
 * only when that bound becomes the smallest entry, which is rare: the merges, costs and tie order are those of
 * computing every cost exactly, as hcvvv does.
 */
import { agglomerationMessages, checkMatrix, throwIfCancelled } from './errors';
import { MergeRecorder, type MergeTree } from './mergeTree';
import { fma } from './openblasArithmetic';
import { PairTable, withPairTable } from './pairTable';
import { FLMAX, VvvCriterion, defaultAlpha } from './vvvCriterion';
import { mergeLowerBound, singletonsLowerBound } from './vvvBounds';
import { RTHALF, VvvGroups, copyRowsFromDiagonal, type MergedStats } from './vvvGroups';

/** Options of the agglomeration. */
export interface AgglomerateOptions {
  /** Polled every few merges; when it returns true the agglomeration throws AgglomerationError 'cancelled'. */
  readonly isCancelled?: () => boolean;
}

/** The merge about to be made: slots, cost and what the merged group will hold. */
interface Pending extends MergedStats {
  i: number;
  j: number;
  cost: number;
}

const POLL_EVERY = 32;

/**
 * mclust's hcVVV on the row-major n × d matrix x (already transformed, e.g. by hcTransform(x, n, d, 'SVD')).
 * Memory is about 9·n²/2 bytes for the pair table (18 MB at n = 2000) plus 8·n·d² for the factors: like mclust
 * (mclust.options("subset") = 2000), agglomerate a random subset of a larger data set.
 * @throws AgglomerationError 'badInput' for missing or non-finite values, 'cancelled' when options.isCancelled says so
 */
export function agglomerateVVV(x: Float64Array, n: number, d: number, options: AgglomerateOptions = {}): MergeTree {
  checkMatrix(x, n, d);
  const recorder = new MergeRecorder(n);
  if (n === 1) return recorder.tree('VVV');
  const p = d;
  const groups = new VvvGroups(x, n, p, new VvvCriterion(defaultAlpha(x, n, p)));
  return withPairTable(n, (table) => {
    const factor = new Float64Array(p * p); // hcvvv's r: the true factor of the pending merge
    const scratch = new Float64Array(p * p); // hcvvv's u
    const pending: Pending = { i: 0, j: 1, cost: FLMAX, trace: 0, term: 0, size: 2, weightI: RTHALF, weightJ: RTHALF };
    const stats: MergedStats = { trace: 0, term: 0, size: 0, weightI: 0, weightJ: 0 };
    const newSum = new Float64Array(p);
    const best = new Float64Array(3);

    firstPass(groups, table, pending, factor, options);
    for (let step = 0; step < n - 1; step++) {
      const last = n - 1 - step;
      recorder.record(pending.i, pending.j, pending.cost);
      if (last === 1) break;
      if (step % POLL_EVERY === POLL_EVERY - 1) throwIfCancelled(options.isCancelled);

      // Merge: slot i takes the joined group, the group in the last slot moves into slot j.
      const { i: merged, j: freed } = pending;
      const sums = groups.sums;
      for (let c = 0; c < p; c++) newSum[c] = fma(pending.weightJ, sums[freed * p + c], pending.weightI * sums[merged * p + c]);
      if (freed !== last) {
        table.moveLastInto(freed, last);
        groups.moveSlot(last, freed);
      }
      groups.size[merged] = pending.size;
      groups.trace[merged] = pending.trace;
      groups.term[merged] = pending.term;
      groups.formed[merged] = step;
      for (let c = 0; c < p; c++) groups.storedRow[merged * p + c] = factor[c];
      groups.trueFactor.set(factor, merged * p * p);
      sums.set(newSum, merged * p);

      // Costs of the new group with every other group (hcvvv's update loops), as lower bounds until needed.
      const newLast = last - 1;
      for (let j = 0; j <= newLast; j++) {
        if (j === merged) continue;
        const bound = mergeLowerBound(groups, merged, j);
        table.isBound[PairTable.index(Math.min(j, merged), Math.max(j, merged))] = 1;
        if (j < merged || j === freed) table.costs[PairTable.index(Math.min(j, merged), Math.max(j, merged))] = bound;
        else table.set(merged, j, bound);
      }
      if (merged > 0) table.rescan(merged);
      if (freed <= newLast) table.rescan(freed);

      // The next merge: the cheapest pair overall, in mclust's tie order.
      cheapestPair(groups, table, newLast, scratch, stats, best);
      pending.i = best[0];
      pending.j = best[1];
      pending.cost = best[2];
      if (pending.i !== merged && pending.j !== merged) {
        const terms = groups.rebuild(pending.i, pending.j, factor, stats);
        pending.term = pending.cost + terms;
      } else {
        // hcvvv keeps the factor of the cheapest pair with the new group from its update loop: recompute it.
        const other = pending.i === merged ? pending.j : pending.i;
        const cost = groups.exactCost(merged, other, scratch, stats, true);
        if (cost !== pending.cost) throw new Error(agglomerationMessages.bookkeeping(pending.cost, cost));
        factor.fill(0);
        copyRowsFromDiagonal(scratch, 0, factor, Math.min(stats.size - 1, p), p);
        pending.term = stats.term;
        if (pending.j === merged) {
          const w = stats.weightI;
          stats.weightI = stats.weightJ;
          stats.weightJ = w;
        }
      }
      pending.trace = stats.trace;
      pending.size = stats.size;
      pending.weightI = stats.weightI;
      pending.weightJ = stats.weightJ;
    }
    return recorder.tree('VVV');
  });
}

/**
 * The cheapest pair among slots 0 … last as [i, j, cost] (the last in packed order among equal costs, as hcvvv's
 * scan finds it), replacing lower bounds by exact costs until the cheapest entry is exact: every other entry is
 * then at least as large, and any bound equal to it sits earlier in the packed order, so it cannot win.
 */
function cheapestPair(groups: VvvGroups, table: PairTable, last: number, u: Float64Array, stats: MergedStats, best: Float64Array): void {
  for (;;) {
    table.best(last, best);
    const i = best[0];
    const j = best[1];
    const k = PairTable.index(i, j);
    if (table.isBound[k] === 0) return;
    table.isBound[k] = 0;
    table.set(i, j, groups.costOf(i, j, u, stats));
  }
}

/**
 * hcvvv's first pass: every pair of single rows (lower bounds until needed), and the cheapest (last among equals)
 * as the first merge.
 */
function firstPass(groups: VvvGroups, table: PairTable, pending: Pending, factor: Float64Array, options: AgglomerateOptions): void {
  const n = groups.size.length;
  const costs = table.costs;
  table.isBound.fill(1);
  for (let j = 1; j < n; j++) {
    if (j % POLL_EVERY === 0) throwIfCancelled(options.isCancelled);
    const col = PairTable.index(0, j);
    for (let i = 0; i < j; i++) costs[col + i] = singletonsLowerBound(groups, i, j);
    table.rescan(j);
  }
  const stats: MergedStats = { trace: 0, term: 0, size: 0, weightI: 0, weightJ: 0 };
  const best = new Float64Array(3);
  cheapestPair(groups, table, n - 1, factor, stats, best);
  const [i, j, cost] = best;
  groups.rebuild(i, j, factor, stats);
  pending.i = i;
  pending.j = j;
  pending.cost = cost;
  pending.trace = stats.trace;
  pending.term = groups.criterion.pairTerm(stats.trace);
  pending.size = 2;
  pending.weightI = RTHALF;
  pending.weightJ = RTHALF;
}
