/**
 * The groups of mclust's hcvvv, one per slot, and the cost of merging two of them. This is a port of hcvvv's
 * bookkeeping with mclust's arithmetic order kept (it decides near-ties):
 *
 * - a group of l rows stores √l·mean (so merging is one weighted sum), l, tr W and its term;
 * - its scatter factor R is stored as hcvvv stores it: hcvvv copies the FIRST row of R into every row it keeps
 *   for the group (`dcopy(p, r(1,1), p, x(l,1), n)` in each pass of its storing loop), so what a later merge
 *   reads back as row t is row 1 from column t on. Only that row is kept here. Right after a merge the true R is
 *   still in memory and is used for the new group's costs, exactly as in hcvvv. It is kept per slot
 *   (`trueFactor`) so that a cost can also be computed later, when it is first needed, with the same bits.
 */
import { addRow } from './qrUpdate';
import { dotSelf, fma } from './openblasArithmetic';
import type { VvvCriterion } from './vvvCriterion';

/** √½ as hcvvv writes it. */
export const RTHALF = 0.7071067811865476;

/** What a pair evaluation leaves besides its cost: the merged group's statistics and the merge weights. */
export interface MergedStats {
  /** tr W of the merged group. */
  trace: number;
  /** Its term under the criterion. */
  term: number;
  /** Its number of rows. */
  size: number;
  /** √(share) of the first group of the pair in the merged √l·mean. */
  weightI: number;
  /** √(share) of the second group. */
  weightJ: number;
}

/** Slots 0 … n−1 of groups in p dimensions, starting as one row per slot. */
export class VvvGroups {
  /** √l·mean of slot s at s·p. */
  readonly sums: Float64Array;
  /** Rows in each slot's group (1: a single row). */
  readonly size: Int32Array;
  /** tr W of each slot's group (0 for one row). */
  readonly trace: Float64Array;
  /** Criterion term of each slot's group. */
  readonly term: Float64Array;
  /** The stored factor row of each group of two or more rows (see the file comment), at s·p. */
  readonly storedRow: Float64Array;
  /** The factor each group had when it was formed (p × p at s·p², upper triangle), for its merge costs. */
  readonly trueFactor: Float64Array;
  /** The merge step that formed each group (−1 for a single row): of two groups, the later one's costs hold. */
  readonly formed: Int32Array;
  private readonly diff: Float64Array;
  private readonly row: Float64Array;

  constructor(x: Float64Array, n: number, readonly p: number, readonly criterion: VvvCriterion) {
    this.sums = Float64Array.from(x.subarray(0, n * p));
    this.size = new Int32Array(n).fill(1);
    this.trace = new Float64Array(n);
    this.term = new Float64Array(n).fill(criterion.singleTerm);
    this.storedRow = new Float64Array(n * p);
    this.trueFactor = new Float64Array(n * p * p);
    this.formed = new Int32Array(n).fill(-1);
    this.diff = new Float64Array(p);
    this.row = new Float64Array(p);
  }

  /** Cost of merging the single rows in slots i < j (hcvvv's first pass); `diff` holds their scaled difference. */
  singletonsCost(i: number, j: number): number {
    const trace = this.singletonsTrace(i, j);
    const s = this.criterion.singleTerm;
    return this.criterion.pairTerm(trace) - (s + s);
  }

  /**
   * The cost of merging the groups in slots i and j as hcvvv computed it when the later of the two was formed
   * (for two single rows: in its first pass).
   */
  costOf(i: number, j: number, u: Float64Array, out: MergedStats): number {
    const fi = this.formed[i];
    const fj = this.formed[j];
    if (fi < 0 && fj < 0) return this.singletonsCost(Math.min(i, j), Math.max(i, j));
    return fi > fj ? this.exactCost(i, j, u, out, false) : this.exactCost(j, i, u, out, false);
  }

  /**
   * hcvvv's update loops: the cost of merging slot j into the group in slot `base`, computed from base's factor
   * as it was formed (hcvvv does this right after forming it; the inputs have not changed since). The merged
   * factor is left in `u` when `wantFactor` is set or the criterion needs it (more rows than p). weightI belongs
   * to `base`.
   */
  exactCost(base: number, j: number, u: Float64Array, out: MergedStats, wantFactor: boolean): number {
    const p = this.p;
    const ni = this.size[base];
    const nj = this.size[j];
    const nij = ni + nj;
    const buildFactor = wantFactor || nij > p;
    if (buildFactor) {
      u.fill(0);
      copyRowsFromDiagonal(this.trueFactor, base * p * p, u, Math.min(ni - 1, p), p);
    }
    let si: number, sj: number, sij: number, trace: number, termJ: number;
    if (nj === 1) {
      const qij = 1 / nij;
      si = Math.sqrt(ni * qij);
      sj = Math.sqrt(qij);
      sij = sj;
      trace = this.trace[base] + this.weightedDifference(j, si, base, sj);
      termJ = this.criterion.singleTerm;
    } else {
      if (buildFactor) this.foldStoredRows(j, ni + 1, true, u);
      const qij = 1 / nij;
      si = Math.sqrt(ni * qij);
      sj = Math.sqrt(nj * qij);
      sij = Math.sqrt(qij);
      trace = (this.trace[base] + this.trace[j]) + this.weightedDifference(j, si, base, sj);
      termJ = this.term[j];
    }
    if (buildFactor) addRow(nij, p, this.diff, 0, u, 0, p);
    const term = this.criterion.term(nij, p, u, sij, trace);
    out.trace = trace;
    out.term = term;
    out.size = nij;
    out.weightI = si;
    out.weightJ = sj;
    return term - (this.term[base] + termJ);
  }

  /**
   * Rebuilds the merge of slots i < j from the stored statistics (hcvvv, when the cheapest pair does not involve
   * the group just formed): the factor goes to `r`, and the returned value is termI + termJ. `out.term` is left
   * NaN: hcvvv takes the merged group's term as the recorded cost + termI + termJ.
   */
  rebuild(i: number, j: number, r: Float64Array, out: MergedStats): number {
    const p = this.p;
    const ni = this.size[i];
    const nj = this.size[j];
    const single = this.criterion.singleTerm;
    r.fill(0);
    let nij: number, si: number, sj: number, trace: number, terms: number;
    if (nj === 1 && ni === 1) {
      nij = 2;
      si = RTHALF;
      sj = RTHALF;
      trace = this.singletonsTrace(i, j);
      for (let c = 0; c < p; c++) r[c] = this.diff[c];
      terms = single + single;
    } else {
      if (nj === 1) {
        copyStoredRows(this.storedRow, i * p, r, Math.min(ni - 1, p), p);
        nij = ni + 1;
        const qij = 1 / nij;
        si = Math.sqrt(ni * qij);
        sj = Math.sqrt(qij);
        trace = this.trace[i] + this.weightedDifference(i, sj, j, si);
        terms = this.term[i] + single;
      } else {
        copyStoredRows(this.storedRow, j * p, r, Math.min(nj - 1, p), p);
        if (ni === 1) {
          nij = nj + 1;
          const qij = 1 / nij;
          si = Math.sqrt(qij);
          sj = Math.sqrt(nj * qij);
          trace = this.trace[j] + this.weightedDifference(i, sj, j, si);
          terms = single + this.term[j];
        } else {
          this.foldStoredRows(i, nj + 1, false, r);
          nij = ni + nj;
          const qij = 1 / nij;
          si = Math.sqrt(ni * qij);
          sj = Math.sqrt(nj * qij);
          trace = (this.trace[i] + this.trace[j]) + this.weightedDifference(i, sj, j, si);
          terms = this.term[i] + this.term[j];
        }
      }
      addRow(nij, p, this.diff, 0, r, 0, p);
    }
    out.trace = trace;
    out.term = Number.NaN;
    out.size = nij;
    out.weightI = si;
    out.weightJ = sj;
    return terms;
  }

  /** tr W of single rows i, j merged (hcvvv's scaled difference, squared); leaves the difference in `diff`. */
  singletonsTrace(i: number, j: number): number {
    const p = this.p;
    const v = this.diff;
    for (let c = 0; c < p; c++) v[c] = (this.sums[i * p + c] - this.sums[j * p + c]) * RTHALF;
    return dotSelf(v, 0, p);
  }

  /** diff ← a·sums[s] − b·sums[t] (dcopy, dscal, then a fused daxpy); returns its squared length. */
  private weightedDifference(s: number, a: number, t: number, b: number): number {
    const p = this.p;
    const v = this.diff;
    for (let c = 0; c < p; c++) v[c] = fma(-b, this.sums[t * p + c], a * this.sums[s * p + c]);
    return dotSelf(v, 0, p);
  }

  /**
   * Folds group g's stored rows into the factor in `target` (hcvvv loops 310/410 with `advance`, 130/630
   * without): row t, from column t on, is added to the sub-factor at (t, t) as its l-th row, where l starts at
   * `firstCount` and grows by one per row only when `advance` is set.
   */
  private foldStoredRows(g: number, firstCount: number, advance: boolean, target: Float64Array): void {
    const p = this.p;
    const rows = Math.min(this.size[g] - 1, p);
    let count = firstCount;
    for (let t = 0; t < rows; t++) {
      const width = p - t;
      for (let c = 0; c < width; c++) this.row[c] = this.storedRow[g * p + t + c];
      addRow(count, width, this.row, 0, target, t * p + t, p);
      if (advance) count++;
    }
  }

  /** Moves the group in slot `from` to slot `to` (the slot freed by a merge). */
  moveSlot(from: number, to: number): void {
    const p = this.p;
    this.sums.copyWithin(to * p, from * p, from * p + p);
    this.storedRow.copyWithin(to * p, from * p, from * p + p);
    this.trueFactor.copyWithin(to * p * p, from * p * p, (from + 1) * p * p);
    this.formed[to] = this.formed[from];
    this.size[to] = this.size[from];
    this.trace[to] = this.trace[from];
    this.term[to] = this.term[from];
  }
}

/** Rows 0 … rows−1 of the p × p factor at from[off …], from the diagonal on (hcvvv's dcopy(m, r(k,k), …)). */
export function copyRowsFromDiagonal(from: Float64Array, off: number, to: Float64Array, rows: number, p: number): void {
  for (let t = 0; t < rows; t++) for (let c = t; c < p; c++) to[t * p + c] = from[off + t * p + c];
}

/** A group's stored factor as hcvvv reads it back: row t is the stored row from column t on. */
function copyStoredRows(stored: Float64Array, off: number, to: Float64Array, rows: number, p: number): void {
  for (let t = 0; t < rows; t++) for (let c = t; c < p; c++) to[t * p + c] = stored[off + c];
}
