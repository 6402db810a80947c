/**
 * The rows view's messages: which rows of the last fit to list (a cluster, every row, or a selection made in the
 * scatter), in what order, and the pages of rows the worker answers with. The webview names rows only by their
 * index in the table; the worker maps an index to its source line, so no line number from the webview is trusted.
 * Types only, plus the bounds `validateRows.ts` checks against.
 */

/** What the rows are ordered by: file order, the probability, the uncertainty (1 − max p) or the log density. */
export type RowsSortKey = 'row' | 'probability' | 'uncertainty' | 'logDensity';

export const ROWS_SORT_KEYS: readonly RowsSortKey[] = ['row', 'probability', 'uncertainty', 'logDensity'];

export interface RowsSortDto {
  key: RowsSortKey;
  descending: boolean;
}

/**
 * Which rows: those assigned to one component (0-based), every row the fit used, or the rows selected in the
 * scatter (the last `selection` sent). The probability shown is that of `component` for a cluster, else that of
 * the row's own cluster.
 */
export type RowsViewDto =
  | { kind: 'cluster'; component: number; sort: RowsSortDto }
  | { kind: 'all'; sort: RowsSortDto }
  | { kind: 'selection'; sort: RowsSortDto };

/** A page request: rows [offset, offset + limit) of the view, in its order. */
export interface RowsRequestDto {
  /** Chosen by the webview to match the answer to its request. */
  requestId: number;
  view: RowsViewDto;
  offset: number;
  limit: number;
  /** Table row indices selected in the scatter: replaces the stored selection before the page is made. */
  selection?: number[];
}

/** One row as the rows view lists it. */
export interface RowRecordDto {
  /** Index of the row in the table (0-based). */
  row: number;
  /** 1-based line of the file where the row (a JSON array's element) starts. */
  line: number;
  /** The component it is assigned to (0-based). */
  cluster: number;
  /** The view's probability: of the cluster listed, or of the row's own cluster. */
  probability: number;
  /** 1 − the largest membership probability. */
  uncertainty: number;
  /** log p(x) under the fitted mixture, in the file's units (over the observed cells of a row with missing ones). */
  logDensity: number;
  /** The row's cells in `RowsPageDto.columns` (text as in the file, shortened; null = missing). */
  cells: (string | null)[];
}

/** A page of a view, in the view's order. */
export interface RowsPageDto {
  requestId: number;
  view: RowsViewDto;
  /** Rows in the view (the page may hold fewer). */
  total: number;
  offset: number;
  /** The fitted columns first, then some of the others (at most MAX_ROW_COLUMNS). */
  columns: string[];
  /** How many columns the table has (more than `columns` when some are left out). */
  nColumns: number;
  rows: RowRecordDto[];
}

/** Most rows one page request may ask for. */
export const MAX_PAGE_ROWS = 500;
/** Most rows a selection may hold (the scatter draws at most this many points). */
export const MAX_SELECTION_ROWS = 1_000_000;
/** Largest row index a message may name. */
export const MAX_ROW_INDEX = 2 ** 31 - 2;
/** Largest page offset or request id. */
export const MAX_OFFSET = 2 ** 31 - 1;
/** Most columns a page carries. */
export const MAX_ROW_COLUMNS = 24;
/** Longest cell text a page carries (longer cells are cut and end with …). */
export const MAX_CELL_CHARS = 200;
