import type { Column } from './column';
import { ReasonText } from './messages';
import type { ColumnInfo, ColumnStats } from './types';

/** How many top values and stray examples the stats keep. */
export const TOP_VALUES = 5;
/** Most distinct values a column may have to be fitted as categories. */
export const MAX_LEVELS = 100;
/** A numeric column of at most this many distinct whole numbers is suggested as categories. */
export const SUGGEST_LEVELS = 10;
export const STRAY_EXAMPLES = 5;

/**
 * Name, type, stats and EM usability of a finished column.
 * @param lineNumbers 1-based source line of each row (for stray examples)
 */
export function describeColumn(name: string, column: Column, lineNumbers: Int32Array): ColumnInfo {
  const stats = column.type === 'numeric' ? numericStats(column, lineNumbers) : textStats(column);
  const info: ColumnInfo = { name, type: column.type, stats, usable: false };
  if (column.type === 'numeric') {
    if (stats.count > 0 && stats.min !== stats.max) info.usable = true;
    else info.reason = ReasonText.constant(stats.min!);
    const { whole, levels } = wholeNumberLevels(column.numericValues()!);
    if (whole && stats.count > 0 && stats.min! >= 0) info.counts = true;
    if (levels !== null && levels >= 2) {
      info.levels = levels;
      if (levels <= SUGGEST_LEVELS) info.suggestCategories = true;
    }
  } else {
    const distinct = stats.distinct ?? 0;
    if (distinct >= 2 && distinct <= MAX_LEVELS) info.levels = distinct;
    info.reason = column.type === 'empty' ? ReasonText.empty : distinct > MAX_LEVELS ? ReasonText.tooManyLevels(distinct, MAX_LEVELS)
      : distinct < 2 ? ReasonText.oneLevel : ReasonText[column.type];
  }
  return info;
}

/**
 * Whether every value is a whole number, and how many distinct values there are, counted up to MAX_LEVELS (null when
 * a value is not whole or there are more).
 */
function wholeNumberLevels(values: Float64Array): { whole: boolean; levels: number | null } {
  let seen: Set<number> | null = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (!Number.isInteger(v)) return { whole: false, levels: null };
    if (seen !== null && !seen.has(v)) {
      seen.add(v);
      if (seen.size > MAX_LEVELS) seen = null;
    }
  }
  return { whole: true, levels: seen === null ? null : seen.size };
}

/**
 * count, missing, min, max, mean and sample standard deviation (n − 1, as pandas `describe`), in one pass over the
 * values (the pass is memory-bound on large columns). Sums are of x − K with K the first value ("shifted data",
 * Chan, Golub & LeVeque 1983): with K inside the data's range the sum of squares does not cancel, even when the
 * mean is large next to the spread.
 */
function numericStats(column: Column, lineNumbers: Int32Array): ColumnStats {
  const values = column.numericValues()!;
  const n = values.length;
  let k0 = 0;
  while (k0 < n && values[k0] !== values[k0]) k0++;
  const shift = k0 < n ? values[k0] : 0;
  let count = 0;
  let s1 = 0;
  let s2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = k0; i < n; i++) {
    const v = values[i];
    if (v !== v) continue; // NaN: missing
    count++;
    const d = v - shift;
    s1 += d;
    s2 += d * d;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = shift + s1 / count;
  const ss = Math.max(0, s2 - (s1 * s1) / count);
  const stats: ColumnStats = {
    count,
    missing: values.length - count,
    min,
    max,
    mean,
    std: count > 1 ? Math.sqrt(ss / (count - 1)) : 0,
  };
  if (column.strays > 0) {
    stats.strayCount = column.strays;
    stats.strayExamples = column.strayCells(STRAY_EXAMPLES).map((c) => ({ line: lineNumbers[c.row], value: c.text }));
  }
  return stats;
}

/** count, missing, distinct and the most frequent values (ties in order of first appearance). */
function textStats(column: Column): ColumnStats {
  const d = column.dictionary();
  if (d === null) return { count: 0, missing: column.length, distinct: 0, top: [] };
  const counts = new Int32Array(d.dict.length);
  let count = 0;
  for (let i = 0; i < d.codes.length; i++) {
    const code = d.codes[i];
    if (code >= 0) {
      counts[code]++;
      count++;
    }
  }
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  return {
    count,
    missing: d.codes.length - count,
    distinct: d.dict.length,
    top: order.slice(0, TOP_VALUES).map((k) => ({ value: d.dict[k], count: counts[k] })),
  };
}
