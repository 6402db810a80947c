/**
 * The result of a hierarchical agglomeration in mclust's convention, and the conversion from the slots the
 * algorithm works in to the group ids mclust reports.
 */

/** Which criterion chose the merges: mclust's hcVVV (unconstrained covariances) or hcEII (Ward). */
export type AgglomerationModel = 'VVV' | 'EII';

/**
 * A merge tree as mclust's `hc` returns it (its 2 × (n−1) merge matrix, 0-based). Before any merge row i is
 * group i. Merge k joins groups `merges[2k] < merges[2k+1]`; the joined group keeps the smaller id, so the ids
 * are mclust's minus 1 and `hclass` can be replayed from them alone.
 */
export interface MergeTree {
  /** Number of rows agglomerated. */
  readonly n: number;
  /** The criterion that chose the merges. */
  readonly model: AgglomerationModel;
  /** n − 1 merges as pairs of group ids, smaller first, in the order they happened. */
  readonly merges: Int32Array;
  /** What each merge cost under the model's criterion (mclust's d at the merge; larger is a worse merge). */
  readonly costs: Float64Array;
}

/**
 * Records merges made on slots and converts them to group ids as mclust's hcvvv/hceii do at their label 900.
 * After merging slots i < j the joined group stays in slot i and the group in the last slot moves into slot j.
 */
export class MergeRecorder {
  private readonly slotPairs: Int32Array;
  private readonly costs: Float64Array;
  private count = 0;

  constructor(private readonly n: number) {
    this.slotPairs = new Int32Array(2 * Math.max(0, n - 1));
    this.costs = new Float64Array(Math.max(0, n - 1));
  }

  /** Notes that slots i < j merged at this cost. */
  record(i: number, j: number, cost: number): void {
    this.slotPairs[2 * this.count] = i;
    this.slotPairs[2 * this.count + 1] = j;
    this.costs[this.count] = cost;
    this.count++;
  }

  /** The finished tree: every slot pair replaced by the ids of the groups the slots held at the time. */
  tree(model: AgglomerationModel): MergeTree {
    const n = this.n;
    const idOfSlot = new Int32Array(n);
    for (let s = 0; s < n; s++) idOfSlot[s] = s;
    const merges = new Int32Array(2 * this.count);
    for (let k = 0; k < this.count; k++) {
      const i = this.slotPairs[2 * k];
      const j = this.slotPairs[2 * k + 1];
      const a = idOfSlot[i];
      const b = idOfSlot[j];
      merges[2 * k] = Math.min(a, b);
      merges[2 * k + 1] = Math.max(a, b);
      idOfSlot[i] = Math.min(a, b);
      idOfSlot[j] = idOfSlot[n - 1 - k];
    }
    return { n, model, merges, costs: this.costs.slice(0, this.count) };
  }
}
