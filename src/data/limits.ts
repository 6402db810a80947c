/**
 * The limits that keep the readers' work bounded whatever the file's shape. A small file must never make a large
 * allocation: storage grows with the cells actually read, and these caps stop the shapes where that is not enough
 * (a single row of a million fields, JSON records that each bring new keys, a field that never ends).
 */

/** Most columns a table may have (fields of a CSV row, keys of JSON records, values of a JSON array row). */
export const MAX_COLUMNS = 10_000;

/** Longest field: a CSV cell in bytes, a JSON string in characters (1 MiB). */
export const MAX_FIELD_LENGTH = 2 ** 20;

/** Longest JSON record: one line of JSON Lines, one element of a JSON array (8 Mi characters). */
export const MAX_RECORD_LENGTH = 8 * 2 ** 20;

/**
 * Sparse JSON records (each with a few of many keys) make a table with far more cells than the text holds values.
 * A table may have at most this many cells per character of JSON read, plus MIN_CELL_BUDGET: a dense CSV of small
 * numbers ("1,2") has one cell per two bytes, so this never stops a table a dense file of the same size could make.
 */
export const CELLS_PER_CHARACTER = 0.5;
/** Cells any JSON table may have regardless of its size (2^20, 9 MB of storage). */
export const MIN_CELL_BUDGET = 2 ** 20;

/** Cells a JSON table read from `characters` characters may have. */
export function cellBudget(characters: number): number {
  return MIN_CELL_BUDGET + CELLS_PER_CHARACTER * characters;
}
