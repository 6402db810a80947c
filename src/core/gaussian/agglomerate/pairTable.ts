/**
 * mclust's packed table of merge costs between the groups in slots 0 … last, with the bookkeeping that finds the
 * cheapest pair in O(groups) instead of scanning every pair after each merge.
 *
 * The cost of slots i < j sits at j(j−1)/2 + i (mclust's d(), 0-based). mclust picks, after each merge, the LAST
 * pair in that order among those of smallest cost (a scan with `≤`); every column j keeps its smallest cost and
 * the largest row reaching it, so the same pair is found from the column minima alone.
 */
/** The buffers of the last table built, while something still holds them (a table's lifetime is one tree). */
let spare: WeakRef<{ costs: Float64Array; isBound: Uint8Array }> | undefined;
let spareInUse = false;

/**
 * Runs `build` with a table for `slots` groups. The table of 2,000 rows is 18 MB: a fit that builds two trees (the
 * portfolio's SVD and sphered starts) reuses the first one's buffers, instead of holding a second copy until the
 * collector frees the first. The buffers are only reused once `build` has returned (or thrown).
 */
export function withPairTable<T>(slots: number, build: (table: PairTable) => T): T {
  const size = Math.max(1, (slots * (slots - 1)) / 2);
  let buffers = spareInUse ? undefined : spare?.deref();
  if (!buffers || buffers.costs.length < size) buffers = { costs: new Float64Array(size), isBound: new Uint8Array(size) };
  if (!spareInUse) spare = new WeakRef(buffers);
  const owns = !spareInUse;
  spareInUse = true;
  try {
    return build(new PairTable(slots, buffers.costs.subarray(0, size).fill(0), buffers.isBound.subarray(0, size).fill(0)));
  } finally {
    if (owns) spareInUse = false;
  }
}

export class PairTable {
  /** Cost of slots i < j at j(j−1)/2 + i (or, where `isBound` is 1, a lower bound of it). */
  readonly costs: Float64Array;
  /** 1 where `costs` holds only a lower bound whose exact cost has not been needed yet (moves with the costs). */
  readonly isBound: Uint8Array;
  private readonly colMin: Float64Array;
  private readonly colArg: Int32Array;

  /**
   * @param slots number of groups at the start (every row its own group)
   * @param costs, isBound zeroed buffers of slots·(slots − 1)/2 entries (`withPairTable` lends them)
   */
  constructor(slots: number, costs?: Float64Array, isBound?: Uint8Array) {
    this.costs = costs ?? new Float64Array(Math.max(1, (slots * (slots - 1)) / 2));
    this.isBound = isBound ?? new Uint8Array(this.costs.length);
    this.colMin = new Float64Array(Math.max(1, slots));
    this.colArg = new Int32Array(Math.max(1, slots));
  }

  /** Packed index of slots i < j. */
  static index(i: number, j: number): number {
    return (j * (j - 1)) / 2 + i;
  }

  /** Recomputes column j's minimum after its entries were written straight into `costs`. */
  rescan(j: number): void {
    const start = (j * (j - 1)) / 2;
    let min = this.costs[start];
    let arg = 0;
    for (let i = 1; i < j; i++) {
      const v = this.costs[start + i];
      if (v <= min) { min = v; arg = i; }
    }
    this.colMin[j] = min;
    this.colArg[j] = arg;
  }

  /**
   * Writes the cost of slots i < j, keeping column j's minimum current; the column's other entries must be as
   * its minimum last saw them.
   */
  set(i: number, j: number, value: number): void {
    this.costs[(j * (j - 1)) / 2 + i] = value;
    const min = this.colMin[j];
    if (value < min || (value === min && i >= this.colArg[j])) {
      this.colMin[j] = value;
      this.colArg[j] = i;
    } else if (this.colArg[j] === i) {
      this.rescan(j);
    }
  }

  /**
   * mclust's wardsw: the group in slot `last` moves to slot j (< last). Column j and column `last` swap their
   * rows 0 … j−1, and the cost of (j, k) swaps with that of (k, last) for j < k < last, so column `last` ends up
   * holding the old slot j's costs (hceii reads them). Column j must be rescanned once its costs are final.
   */
  moveLastInto(j: number, last: number): void {
    const d = this.costs;
    const colJ = (j * (j - 1)) / 2;
    const colLast = (last * (last - 1)) / 2;
    const flags = this.isBound;
    for (let i = 0; i < j; i++) {
      const t = d[colJ + i];
      d[colJ + i] = d[colLast + i];
      d[colLast + i] = t;
      const f = flags[colJ + i];
      flags[colJ + i] = flags[colLast + i];
      flags[colLast + i] = f;
    }
    for (let k = j + 1; k < last; k++) {
      const jk = (k * (k - 1)) / 2 + j;
      const t = d[jk];
      const f = flags[jk];
      flags[jk] = flags[colLast + k];
      flags[colLast + k] = f;
      this.set(j, k, d[colLast + k]);
      d[colLast + k] = t;
    }
  }

  /**
   * The cheapest pair among slots 0 … last (last ≥ 1) as [i, j, cost], the last in packed order among equal
   * costs, exactly as mclust's scan finds it.
   */
  best(last: number, out: Float64Array): void {
    let bestJ = 1;
    let min = this.colMin[1];
    for (let j = 2; j <= last; j++) {
      const v = this.colMin[j];
      if (v <= min) { min = v; bestJ = j; }
    }
    out[0] = this.colArg[bestJ];
    out[1] = bestJ;
    out[2] = min;
  }
}
