/**
 * Column statistics gathered piece by piece: the text readers hand over a whole column at once, the columnar
 * readers (Parquet, Arrow) one row group or record batch at a time. Either way the same sums in the same order
 * give the same numbers, so a file read as CSV and as Parquet shows the same stats.
 */
import type { ColumnStats } from './types';

/** How many top values and stray examples the stats keep. */
export const TOP_VALUES = 5;
/** Most distinct values a column may have to be fitted as categories. */
export const MAX_LEVELS = 100;
export const STRAY_EXAMPLES = 5;

/**
 * count, missing, min, max, mean and sample standard deviation (n − 1, as pandas `describe`), and the distinct
 * whole numbers (up to MAX_LEVELS). Sums are of x − K with K the first value ("shifted data", Chan, Golub &
 * LeVeque 1983): with K inside the data's range the sum of squares does not cancel, even when the mean is large
 * next to the spread.
 */
export class NumericStatsAccumulator {
  private length = 0;
  private count = 0;
  private shift = NaN;
  private s1 = 0;
  private s2 = 0;
  private min = Infinity;
  private max = -Infinity;
  /** Distinct whole values so far; null once a value is not whole or there are more than MAX_LEVELS. */
  private whole: Set<number> | null = new Set();
  /** Every value so far is a whole number (however many distinct ones). */
  private allWhole = true;
  private strays = 0;
  private readonly examples: { line: number; value: string }[] = [];

  /** Adds the next values (NaN = missing), in row order. */
  add(values: ArrayLike<number>): void {
    const n = values.length;
    this.length += n;
    let i = 0;
    if (this.shift !== this.shift) {
      while (i < n && values[i] !== values[i]) i++;
      if (i === n) return;
      this.shift = values[i];
    }
    const shift = this.shift;
    let { count, s1, s2, min, max } = this;
    for (; i < n; i++) {
      const v = values[i];
      if (v !== v) continue; // NaN: missing
      count++;
      const d = v - shift;
      s1 += d;
      s2 += d * d;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    Object.assign(this, { count, s1, s2, min, max });
    this.addLevels(values);
  }

  /** Records a cell that held something other than a number (its value was added as NaN). */
  addStray(line: number, text: string): void {
    this.strays++;
    if (this.examples.length < STRAY_EXAMPLES) this.examples.push({ line, value: text });
  }

  /** Distinct whole numbers (≥ 0) or null when a value is not whole or there are more than MAX_LEVELS. */
  get levels(): number | null {
    return this.whole === null ? null : this.whole.size;
  }

  /** Whether every value is a whole number (a count column needs that, and no value below 0). */
  get wholeNumbers(): boolean {
    return this.allWhole;
  }

  /** The stats of everything added. */
  finish(): ColumnStats {
    const { count, s1, s2 } = this;
    const mean = this.shift + s1 / count;
    const ss = Math.max(0, s2 - (s1 * s1) / count);
    const stats: ColumnStats = {
      count,
      missing: this.length - count,
      min: this.min,
      max: this.max,
      mean,
      std: count > 1 ? Math.sqrt(ss / (count - 1)) : 0,
    };
    if (this.strays > 0) {
      stats.strayCount = this.strays;
      stats.strayExamples = this.examples.slice();
    }
    return stats;
  }

  private addLevels(values: ArrayLike<number>): void {
    if (!this.allWhole) return;
    let seen = this.whole;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (!Number.isInteger(v)) { this.whole = null; this.allWhole = false; return; }
      if (seen !== null && !seen.has(v)) {
        seen.add(v);
        if (seen.size > MAX_LEVELS) { this.whole = seen = null; }
      }
    }
  }
}

/** count, missing, distinct and the most frequent values (ties in order of first appearance). */
export class TextStatsAccumulator {
  private length = 0;
  /** Occurrences by distinct text, in order of first appearance. */
  private readonly counts = new Map<string, number>();

  /** Adds the next cells (null = missing), in row order. */
  add(texts: ArrayLike<string | null>): void {
    this.length += texts.length;
    const counts = this.counts;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (t !== null) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }

  /** Adds dictionary-coded cells: `codes[i]` indexes `dict` (−1 = missing); `dict` is in order of first appearance. */
  addCodes(codes: ArrayLike<number>, dict: string[]): void {
    const byCode = new Float64Array(dict.length);
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) byCode[codes[i]]++;
    this.length += codes.length;
    dict.forEach((t, c) => { if (byCode[c] > 0) this.counts.set(t, (this.counts.get(t) ?? 0) + byCode[c]); });
  }

  /** Distinct texts so far. */
  get distinct(): number {
    return this.counts.size;
  }

  /** The stats of everything added. */
  finish(): ColumnStats {
    const texts = [...this.counts.keys()];
    const counts = texts.map((t) => this.counts.get(t)!);
    let count = 0;
    for (const c of counts) count += c;
    const order = texts.map((_, k) => k).sort((a, b) => counts[b] - counts[a] || a - b);
    return {
      count,
      missing: this.length - count,
      distinct: texts.length,
      top: order.slice(0, TOP_VALUES).map((k) => ({ value: texts[k], count: counts[k] })),
    };
  }
}
