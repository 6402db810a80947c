/**
 * What a streamed Gaussian fit reads: rows of a file too large to hold, chunk by chunk, as often as the fit needs
 * (`RowSource`). The source lives where files can be read (the worker); the core only asks it for passes.
 */

/** Why the file is read: counting rows and column means, collecting the sample, an E-step, or labelling rows. */
export type PassPurpose = 'count' | 'sample' | 'em' | 'label';

/** Consecutive rows of the file, in file units. */
export interface RowChunk {
  /** rows × cols, row-major; NaN marks a missing cell (or a cell that is not a number). */
  readonly x: Float64Array;
  readonly rows: number;
  /** Input index (0-based data row of the file) of row 0 of the chunk. */
  readonly firstRow: number;
  /** The file's line number of each row, when the source knows it. */
  readonly lines?: Int32Array;
}

/** Rows of a file read again for every pass. */
export interface RowSource {
  /** Columns in each row. */
  readonly nFeatures: number;
  /**
   * Reads every row once, in file order, handing chunks to `onChunk` (the chunk's arrays are reused: copy what you
   * keep). Reports its own progress and stops with an exception when cancelled or when the file changed.
   */
  scan(purpose: PassPurpose, onChunk: (chunk: RowChunk) => void): void;
  /**
   * The rows as columns already in memory (a table), when the source has them: an E-step then reads them in place,
   * chunk by chunk, instead of through `scan`. `poll` is called before each chunk (it throws to stop, as `scan` does).
   */
  readonly inPlace?: { readonly columns: readonly Float64Array[]; readonly rows: number; poll(): void };
}

/** What reading a streamed file cost: one entry per pass. */
export interface PassCost {
  purpose: PassPurpose;
  seconds: number;
}

/**
 * The rows of a streamed data set that the sample stage needs, kept in memory (see `prepareStream.ts`): the first
 * entries of the seeded row order (every sample of that seed is a prefix of it) and the rows of the hierarchical
 * start, by working row.
 */
export interface StreamedRows {
  /** The seed the row order was drawn for. */
  readonly seed: number;
  /** The first entries of the seeded order of the working rows (`mixture/rowOrder.ts`). */
  readonly prefix: Int32Array;
  /** The first HC_ROWS complete working rows in that order (the hierarchical start's rows). */
  readonly hcRows: Int32Array;
  /** Working row w in working units (a kept row only). */
  row(w: number): Float64Array;
  /** The input row of kept working row w. */
  inputRow(w: number): number;
}
