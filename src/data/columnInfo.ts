import type { Column } from './column';
import { MAX_LEVELS, NumericStatsAccumulator, STRAY_EXAMPLES, TextStatsAccumulator } from './columnStats';
import { ReasonText } from './messages';
import type { ColumnInfo, ColumnStats, ColumnType } from './types';

export { MAX_LEVELS, STRAY_EXAMPLES, TOP_VALUES } from './columnStats';
/** A numeric column of at most this many distinct whole numbers is suggested as categories. */
export const SUGGEST_LEVELS = 10;

/**
 * Name, type, stats and EM usability of a finished column.
 * @param lineNumbers 1-based source line of each row (for stray examples)
 */
export function describeColumn(name: string, column: Column, lineNumbers: Int32Array): ColumnInfo {
  if (column.type === 'numeric') {
    const acc = new NumericStatsAccumulator();
    acc.add(column.numericValues()!);
    for (const c of column.strayCells(STRAY_EXAMPLES)) acc.addStray(lineNumbers[c.row], c.text);
    const stats = acc.finish();
    if (column.strays > 0) stats.strayCount = column.strays;
    return columnInfo(name, 'numeric', stats, acc.levels, acc.wholeNumbers);
  }
  const acc = new TextStatsAccumulator();
  const d = column.dictionary();
  if (d === null) return columnInfo(name, column.type, { count: 0, missing: column.length, distinct: 0, top: [] }, null);
  acc.addCodes(d.codes, d.dict);
  return columnInfo(name, column.type, acc.finish(), null);
}

/**
 * The description of a column from its type and stats: whether EM can use it (numeric and not constant), why not,
 * and whether it can be fitted as categories (`levels`).
 * @param wholeLevels numeric columns: distinct values when every value is a whole number (at most MAX_LEVELS), else null
 * @param wholeNumbers numeric columns: every value is a whole number (then, with none below 0, it can be fitted as counts)
 */
export function columnInfo(name: string, type: ColumnType, stats: ColumnStats, wholeLevels: number | null, wholeNumbers = false): ColumnInfo {
  const info: ColumnInfo = { name, type, stats, usable: false };
  if (type === 'numeric') {
    if (stats.count > 0 && stats.min !== stats.max) info.usable = true;
    else info.reason = ReasonText.constant(stats.min!);
    if (wholeNumbers && stats.count > 0 && stats.min! >= 0) info.counts = true;
    if (wholeLevels !== null && wholeLevels >= 2) {
      info.levels = wholeLevels;
      if (wholeLevels <= SUGGEST_LEVELS) info.suggestCategories = true;
    }
  } else {
    const distinct = stats.distinct ?? 0;
    if (distinct >= 2 && distinct <= MAX_LEVELS) info.levels = distinct;
    info.reason = type === 'empty' ? ReasonText.empty : distinct > MAX_LEVELS ? ReasonText.tooManyLevels(distinct, MAX_LEVELS)
      : distinct < 2 ? ReasonText.oneLevel : ReasonText[type];
  }
  return info;
}
