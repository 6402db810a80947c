/**
 * Types of the columnar readers (Parquet, Arrow IPC): a file read column by column, each column in pieces (row
 * groups, record batches), so a column is decoded only when it is needed.
 */

/** How a column's cells read: numbers, true/false, or texts (strings, dates and times as ISO 8601 text). */
export type FieldKind = 'numeric' | 'boolean' | 'text';

/** How a numeric column's values are written back as text (exports): as JavaScript writes a double, as the shortest text of a 32-bit float, or with `scale` decimals. */
export type NumberText = { kind: 'double' } | { kind: 'float32' } | { kind: 'decimal'; scale: number };

/** One column of a columnar file, as EM Explorer reads it. */
export interface ColumnarField {
  name: string;
  kind: FieldKind;
  /** Numeric columns: how values are written as text. */
  numberText?: NumberText;
}

/**
 * One piece of a column (a row group, a record batch), its rows in order:
 * - numbers: NaN = missing; ±Infinity are kept (the table reads them as non-numbers); `exact` holds the text of a
 *   value a double cannot hold exactly (a 64-bit integer beyond 2^53), by row within the piece;
 * - texts: null = missing.
 */
export type ColumnPiece =
  | { kind: 'numbers'; values: Float64Array; exact?: Map<number, string> }
  | { kind: 'texts'; values: (string | null)[] };

/** A columnar file opened for reading: its schema, and each column piece by piece. */
export interface ColumnarSource {
  readonly format: 'parquet' | 'arrow';
  readonly nRows: number;
  /** The columns read, in file order. */
  readonly fields: ColumnarField[];
  /** Columns left out (nested, binary, intervals…), with why, for a notice. */
  readonly skipped: { name: string; why: string }[];
  /** Bytes of the file behind a column (to weigh progress). */
  weight(column: number): number;
  /**
   * The column's pieces in row order, covering every row once. Throws DataError (a damaged file, a file that
   * changed since it was opened).
   */
  pieces(column: number): AsyncIterable<ColumnPiece>;
  /**
   * Rows in each piece that `readGroup` reads (a Parquet file's row groups); absent when the source holds the whole
   * file anyway (an Arrow file), so its columns are decoded whole.
   */
  readonly groups?: readonly number[];
  /** Column `column`'s cells in piece `group`, read and decoded now (only that column chunk's bytes). Throws DataError. */
  readGroup?(column: number, group: number): ColumnPiece;
}

/** Random access to a file's bytes, for as long as a read lasts. */
export interface ByteRange {
  readonly byteLength: number;
  /** Bytes [start, end) as a fresh buffer. Throws DataError. */
  read(start: number, end: number): Uint8Array;
  close(): void;
}

/** Opens the file again for each read (checking it is the file that was first read). Throws DataError. */
export type OpenBytes = () => ByteRange;
