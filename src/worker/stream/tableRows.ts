/**
 * A `RowSource` over the numeric columns of a table already in memory: the preparing passes get the rows a chunk at
 * a time, copied from the columns into one reused row-major buffer, and the E-steps read the columns in place
 * (`inPlace`). A large table is fitted this way (`tableFit.ts`) so the fit holds no working copy of its rows and no
 * per-row arrays, only a chunk's worth.
 */
import type { ColumnMatrix } from '../../core';
import type { RowSource } from '../../core/gaussian/stream/types';
import { WorkerError, workerMessages } from '../messages';

/** Rows handed to the fit at a time. */
export const TABLE_CHUNK_ROWS = 16_384;

/** Passes over the rows of `x`; `lines` is each row's line in the file; a pass stops (throws) when `isCancelled()`. */
export function tableRows(x: ColumnMatrix, lines: Int32Array, isCancelled: () => boolean): RowSource {
  const d = x.cols;
  let buffer: Float64Array | undefined;
  return {
    nFeatures: d,
    inPlace: {
      columns: x.columns, rows: x.rows,
      poll: () => { if (isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled()); },
    },
    scan(_purpose, onChunk) {
      buffer ??= new Float64Array(TABLE_CHUNK_ROWS * d);
      const chunk = buffer;
      for (let first = 0; first < x.rows; first += TABLE_CHUNK_ROWS) {
        if (isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled());
        const n = Math.min(TABLE_CHUNK_ROWS, x.rows - first);
        for (let a = 0; a < d; a++) {
          const column = x.columns[a];
          for (let r = 0, o = a; r < n; r++, o += d) chunk[o] = column[first + r];
        }
        onChunk({ x: chunk.subarray(0, n * d), rows: n, firstRow: first, lines: lines.subarray(first, first + n) });
      }
    },
  };
}
