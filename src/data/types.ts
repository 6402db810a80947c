/**
 * Types of the data readers: bytes or text in, a typed table out. Pure: no `vscode`, no `fs`.
 */

export type DataFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

/** Stable codes of `DataError` (see `messages.ts` for the text of each). */
export type DataErrorCode =
  | 'unreadable'
  | 'empty-file'
  | 'no-rows'
  | 'no-numeric-column'
  | 'unterminated-quote'
  | 'json-syntax'
  | 'not-a-table'
  | 'binary'
  | 'not-utf8'
  | 'too-large'
  | 'too-many-columns'
  | 'too-sparse'
  | 'field-too-long'
  | 'compressed'
  | 'not-a-file'
  | 'changed'
  | 'internal';

export type ColumnType = 'numeric' | 'boolean' | 'text' | 'empty';

export interface ColumnStats {
  count: number;
  missing: number;
  /** numeric columns only */
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  /** text and boolean columns */
  distinct?: number;
  top?: { value: string; count: number }[];
  /** numeric columns: cells that were not numbers and were treated as missing */
  strayCount?: number;
  strayExamples?: { line: number; value: string }[];
}

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  stats: ColumnStats;
  /** Whether EM can use it as a numeric column (numeric and not constant); when false, `reason` says why. */
  usable: boolean;
  reason?: string;
  /**
   * Set when EM can use it as categories (a categorical column of a mixed model): its number of distinct values
   * (2 … MAX_LEVELS). Text and true/false columns with that many; numeric ones of whole numbers too.
   */
  levels?: number;
  /** A numeric column of few whole numbers (codes, grades): offered as categories, never switched to them silently. */
  suggestCategories?: boolean;
  /** A numeric column of whole numbers ≥ 0: it can be fitted as Poisson counts. */
  counts?: boolean;
}

/** A notice about something the reader fixed or decided (renamed columns, ragged rows, chosen JSON key…). */
export interface DataNotice {
  /**
   * 'delimiter' | 'no-header' | 'renamed-columns' | 'short-rows' | 'long-rows' | 'stray-values' | 'json-key' |
   * 'uneven-columns' (texts in `messages.ts`, NoticeText).
   */
  code: string;
  message: string;
}

export interface Table {
  format: DataFormat;
  columns: ColumnInfo[];
  nRows: number;
  /** 1-based source line of each row (for messages and for exporting labels). */
  lineNumbers: Int32Array;
  notices: DataNotice[];
  /** Cell text by column, for export and tooltips; `null` = missing. */
  cell(row: number, column: number): string | null;
  /** Numeric value of a cell; NaN when missing or not a number. */
  number(row: number, column: number): number;
  /** A column as categories: level index per row (−1 = missing) and the levels; null when it holds no value. */
  categoryCodes(column: number): { codes: Int32Array; levels: string[] } | null;
}

/** Where a size limit comes from: the extension's setting, or the CLI's --max-file-size flag. */
export type LimitSource = 'setting' | 'cli';

export interface ReadOptions {
  /** Name used in messages (usually the file name). */
  fileName: string;
  /** Override the detected format (otherwise from the extension, then content). */
  format?: DataFormat;
  /** CSV delimiter override. */
  delimiter?: string;
  /** Read "1,5" as 1.5. Default: on when the delimiter is a semicolon (spreadsheets in such locales), else off. */
  decimalComma?: boolean;
  /** Force a header row on or off. */
  header?: boolean;
  /** Maximum size in bytes; default 1 GiB. */
  maxBytes?: number;
  /** Who set `maxBytes`, so the too-large message names the right control; default 'setting'. */
  limitSource?: LimitSource;
  /** Size of the whole file when the caller knows it (for progress, the size check and pre-sizing); else 0. */
  totalBytes?: number;
  /** Called with bytes consumed so far and `totalBytes` (0 when unknown). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}
