/**
 * A `RowSource` over a Parquet file whose fitted columns, decoded, would not fit the memory budget: every pass reads
 * the file again one row group at a time, only the fitted columns' chunks, and hands the rows on in chunks of
 * CHUNK_ROWS. It holds one row group of the fitted columns at a time, reports its progress ("pass 3, 41% of the
 * file") and polls for cancel before each column chunk it reads.
 */
import type { PassCost, PassPurpose, RowSource } from '../../core/gaussian/stream/types';
import type { ColumnarTable } from '../../data/columnar';
import { WorkerError, workerMessages } from '../messages';
import { CHUNK_ROWS, type PassProgress } from './fileRows';

export interface RowGroupRowsOptions {
  /** The fitted columns (numeric columns of the table). */
  columns: readonly number[];
  isCancelled(): boolean;
  onProgress(progress: PassProgress): void;
}

/** A source over the table's row groups; `costs` lists every pass made so far with its wall time. */
export function openRowGroupRows(table: ColumnarTable, o: RowGroupRowsOptions): RowSource & { readonly costs: PassCost[] } {
  const groups = table.rowGroups;
  if (!groups) throw new Error('openRowGroupRows: the table cannot be read by row group');
  const d = o.columns.length;
  const costs: PassCost[] = [];
  // Progress counts the fitted columns' bytes in the file, spread over the rows.
  const totalBytes = table.fileBytes(o.columns);
  const poll = (): void => { if (o.isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled()); };
  return {
    nFeatures: d,
    costs,
    scan(purpose: PassPurpose, onChunk) {
      const t0 = Date.now();
      const pass = costs.length + 1;
      const x = new Float64Array(CHUNK_ROWS * d), lines = new Int32Array(CHUNK_ROWS);
      let groupStart = 0;
      for (let g = 0; g < groups.length; g++) {
        const rows = groups[g];
        const values: Float64Array[] = [];
        for (const c of o.columns) {
          poll();
          values.push(table.groupNumbers(c, g));
        }
        for (let first = 0; first < rows; first += CHUNK_ROWS) {
          const n = Math.min(CHUNK_ROWS, rows - first);
          for (let a = 0; a < d; a++) {
            const v = values[a];
            for (let r = 0, at = a; r < n; r++, at += d) x[at] = v[first + r];
          }
          // The "line" of a row of a binary file is its row number, counted from 1.
          for (let r = 0; r < n; r++) lines[r] = groupStart + first + r + 1;
          onChunk({ x: x.subarray(0, n * d), rows: n, firstRow: groupStart + first, lines: lines.subarray(0, n) });
        }
        groupStart += rows;
        o.onProgress({ pass, purpose, bytesRead: table.nRows > 0 ? Math.round((groupStart / table.nRows) * totalBytes) : totalBytes, totalBytes });
      }
      costs.push({ purpose, seconds: (Date.now() - t0) / 1000 });
    },
  };
}
