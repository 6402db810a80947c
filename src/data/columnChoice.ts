/**
 * Which columns a fit can use and which it uses when none are chosen: the one rule for the panel (host and webview)
 * and the CLI, so a file opens the same way everywhere. Pure.
 */
import type { ColumnInfo } from './types';

/** Whether a column can be fitted: as numbers (numeric, not constant) or as categories (2 … MAX_LEVELS values). */
export function isFittable(c: ColumnInfo): boolean {
  return c.usable || c.levels !== undefined;
}

/**
 * The columns fitted when none are chosen: every usable numeric column; in a file without one, its text (or
 * true/false) columns of categories, a latent class model, leaving out those with a value for nearly every row
 * (more levels than half their cells: names, identifiers), unless nothing else is left. A numeric column of whole
 * numbers is never taken as categories unasked.
 */
export function defaultColumns(columns: readonly ColumnInfo[]): string[] {
  const numeric = columns.filter((c) => c.usable).map((c) => c.name);
  if (numeric.length > 0) return numeric;
  const categories = columns.filter((c) => c.type !== 'numeric' && c.levels !== undefined);
  const repeated = categories.filter((c) => 2 * (c.levels ?? 0) <= c.stats.count);
  return (repeated.length > 0 ? repeated : categories).map((c) => c.name);
}
