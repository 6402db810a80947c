/**
 * mclust's hcVVV (model-based agglomerative clustering with unconstrained covariances): starting from one group
 * per row, repeatedly merge the two groups whose merge raises the VVV classification criterion least
 * (`vvvCriterion.ts`), until one group is left. A port of hcvvv in mclust's src/mclust.f (6.0.0) with its
 * defaults from R/mbahc.R (α = traceW(X/√(n·p)), β = 1, every row its own group at the start).
 *
 * Cost: n(n−1)/2 pair costs at the start, then after each merge only the pairs with the new group are
 * recomputed (hcvvv's bookkeeping); the cheapest pair comes from per-column minima (`pairTable.ts`), so the
 * whole tree is O(n²) pair costs plus O(n²) comparisons instead of hcvvv's O(n³) scans.
 */
import { checkMatrix, throwIfCancelled } from './errors';
import { MergeRecorder, type MergeTree } from './mergeTree';
import { fma } from './openblasArithmetic';
import { PairTable } from './pairTable';
import { FLMAX, VvvCriterion, defaultAlpha } from './vvvCriterion';
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
 * @throws AgglomerationError 'badInput' for missing or non-finite values, 'cancelled' when options.isCancelled says so
 */
export function agglomerateVVV(x: Float64Array, n: number, d: number, options: AgglomerateOptions = {}): MergeTree {
  checkMatrix(x, n, d);
  const recorder = new MergeRecorder(n);
  if (n === 1) return recorder.tree('VVV');
  const p = d;
  const groups = new VvvGroups(x, n, p, new VvvCriterion(defaultAlpha(x, n, p)));
  const table = new PairTable(n);
  const factor = new Float64Array(p * p); // hcvvv's r: the true factor of the pending merge
  const bestFactor = new Float64Array(p * p); // hcvvv's s: the factor of the cheapest pair with the new group
  const scratch = new Float64Array(p * p); // hcvvv's u
  const pending: Pending = { i: 0, j: 1, cost: FLMAX, trace: 0, term: 0, size: 2, weightI: RTHALF, weightJ: RTHALF };
  const stats: MergedStats = { trace: 0, term: 0, size: 0, weightI: 0, weightJ: 0 };

  firstPass(groups, table, pending, factor, options);
  const newSum = new Float64Array(p);
  const best = new Float64Array(3);
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
    for (let c = 0; c < p; c++) groups.storedRow[merged * p + c] = factor[c];
    sums.set(newSum, merged * p);

    // Costs of the new group with every other group (hcvvv's update loops), tracking the cheapest.
    const newLast = last - 1;
    const ni = pending.size;
    const traceI = pending.trace;
    const termI = pending.term;
    let bestCost = FLMAX;
    let bestJ = -1;
    let bestI = -1;
    let bestWeightNew = 0;
    let bestWeightOther = 0;
    let bestTrace = 0;
    let bestTerm = 0;
    let bestSize = 0;
    for (let j = 0; j <= newLast; j++) {
      if (j === merged) continue;
      const cost = groups.costWithMerged(merged, ni, traceI, termI, factor, j, scratch, stats);
      if (j < merged || j === freed) table.costs[PairTable.index(Math.min(j, merged), Math.max(j, merged))] = cost;
      else table.set(merged, j, cost);
      if (cost <= bestCost) {
        bestCost = cost;
        bestI = Math.min(j, merged);
        bestJ = Math.max(j, merged);
        bestWeightNew = stats.weightI;
        bestWeightOther = stats.weightJ;
        bestTrace = stats.trace;
        bestTerm = stats.term;
        bestSize = stats.size;
        copyRowsFromDiagonal(scratch, bestFactor, Math.min(stats.size - 1, p), p);
      }
    }
    if (merged > 0) table.rescan(merged);
    if (freed <= newLast) table.rescan(freed);

    // The next merge: the cheapest pair overall, in mclust's tie order.
    table.best(newLast, best);
    pending.i = best[0];
    pending.j = best[1];
    pending.cost = best[2];
    if (pending.i !== merged && pending.j !== merged) {
      const terms = groups.rebuild(pending.i, pending.j, factor, stats);
      pending.trace = stats.trace;
      pending.term = pending.cost + terms;
      pending.size = stats.size;
      pending.weightI = stats.weightI;
      pending.weightJ = stats.weightJ;
    } else {
      if (pending.i !== bestI || pending.j !== bestJ) throw new Error(`hcVVV bookkeeping: scan chose ${pending.i},${pending.j}, update loop ${bestI},${bestJ}`);
      factor.fill(0);
      copyRowsFromDiagonal(bestFactor, factor, Math.min(bestSize - 1, p), p);
      pending.trace = bestTrace;
      pending.term = bestTerm;
      pending.size = bestSize;
      pending.weightI = pending.i === merged ? bestWeightNew : bestWeightOther;
      pending.weightJ = pending.i === merged ? bestWeightOther : bestWeightNew;
    }
  }
  return recorder.tree('VVV');
}

/** hcvvv's first pass: every pair of single rows, and the cheapest (last among equals) as the first merge. */
function firstPass(groups: VvvGroups, table: PairTable, pending: Pending, factor: Float64Array, options: AgglomerateOptions): void {
  const n = groups.size.length;
  const costs = table.costs;
  let bestCost = FLMAX;
  let bestI = 0;
  let bestJ = 1;
  for (let j = 1; j < n; j++) {
    if (j % POLL_EVERY === 0) throwIfCancelled(options.isCancelled);
    const col = PairTable.index(0, j);
    for (let i = 0; i < j; i++) {
      const cost = groups.singletonsCost(i, j);
      costs[col + i] = cost;
      if (cost <= bestCost) { bestCost = cost; bestI = i; bestJ = j; }
    }
    table.rescan(j);
  }
  const stats: MergedStats = { trace: 0, term: 0, size: 0, weightI: 0, weightJ: 0 };
  groups.rebuild(bestI, bestJ, factor, stats);
  pending.i = bestI;
  pending.j = bestJ;
  pending.cost = bestCost;
  pending.trace = stats.trace;
  pending.term = groups.criterion.pairTerm(stats.trace);
  pending.size = 2;
  pending.weightI = RTHALF;
  pending.weightJ = RTHALF;
}
