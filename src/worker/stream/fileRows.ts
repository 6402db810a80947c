/**
 * A `RowSource` over a data file on disk, read again for every pass with a fixed-size buffer, so a file larger than
 * memory can be fitted: CSV and TSV through the tokenizer (`csvRows.ts`), JSON Lines a block of whole lines at a
 * time through the JSON Lines reader. Every pass checks the file is as it was when it was loaded (size and
 * modification time), reports its progress ("pass 3, 41% of the file") and polls for cancel at every read, so a
 * cancel lands within a megabyte. Gzip files and JSON documents are not streamed (they are read whole).
 */
import * as fs from 'node:fs';
import { createTableReader, READ_CHUNK_BYTES, type DataFormat, type Table } from '../../data';
import { CELL_NUMBER, classifyCell, parsed } from '../../data/cellValue';
import type { PassCost, PassPurpose, RowSource } from '../../core/gaussian/stream/types';
import { changedFile, isUnchanged, openRegularFile, type FileStamp } from '../openFile';
import { WorkerError, workerMessages } from '../messages';
import { createCsvRows } from './csvRows';

/** Rows handed to the fit at a time. */
export const CHUNK_ROWS = 65_536;

/** Formats a file can be streamed in. */
export const STREAMABLE: ReadonlySet<DataFormat> = new Set<DataFormat>(['csv', 'tsv', 'jsonl']);

/** Progress of one pass. */
export interface PassProgress {
  /** 1-based count of passes over the file so far. */
  pass: number;
  purpose: PassPurpose;
  bytesRead: number;
  totalBytes: number;
}

export interface FileRowsOptions {
  fileName: string;
  path: string;
  /** The file as it was loaded: every pass refuses a file that changed since. */
  stamp: FileStamp;
  format: DataFormat;
  delimiter: string;
  decimalComma: boolean;
  /** The fitted columns: field indices (CSV, TSV) and names (JSON Lines). */
  fields: readonly number[];
  names: readonly string[];
  isCancelled(): boolean;
  onProgress(progress: PassProgress): void;
}

/** A source over the file; `costs` lists every pass made so far with its wall time. */
export function openFileRows(o: FileRowsOptions): RowSource & { readonly costs: PassCost[] } {
  const d = o.fields.length;
  const costs: PassCost[] = [];
  return {
    nFeatures: d,
    costs,
    scan(purpose, onChunk) {
      const t0 = Date.now();
      const pass = costs.length + 1;
      const x = new Float64Array(CHUNK_ROWS * d), lines = new Int32Array(CHUNK_ROWS);
      let rows = 0, firstRow = 0;
      const flush = (): void => {
        if (rows === 0) return;
        onChunk({ x: x.subarray(0, rows * d), rows, firstRow, lines: lines.subarray(0, rows) });
        firstRow += rows;
        rows = 0;
      };
      const add = (row: ArrayLike<number>, line: number): void => {
        for (let a = 0; a < d; a++) x[rows * d + a] = row[a];
        lines[rows++] = line;
        if (rows === CHUNK_ROWS) flush();
      };
      const sink = o.format === 'jsonl' ? jsonLines(o, add) : csvBytes(o, add);
      readAll(o, (read, bytes) => {
        if (o.isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled());
        sink.push(bytes);
        o.onProgress({ pass, purpose, bytesRead: read, totalBytes: o.stamp.size });
      });
      sink.finish();
      flush();
      costs.push({ purpose, seconds: (Date.now() - t0) / 1000 });
    },
  };
}

interface ByteSink { push(bytes: Uint8Array): void; finish(): void }

function csvBytes(o: FileRowsOptions, add: (row: Float64Array, line: number) => void): ByteSink {
  const tokenizer = createCsvRows(o.fileName, o.delimiter, o.decimalComma, o.fields, add);
  let start = true;
  return {
    push(bytes) {
      // A byte-order mark is not data.
      if (start && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      start = false;
      tokenizer.push(bytes);
    },
    finish: () => tokenizer.finish(),
  };
}

/** JSON Lines: whole lines gathered to a block of about 4 MiB, each block read by the JSON Lines reader. */
function jsonLines(o: FileRowsOptions, add: (row: Float64Array, line: number) => void): ByteSink {
  const BLOCK = 4 * 2 ** 20;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let linesBefore = 0;
  const row = new Float64Array(o.names.length);
  const readBlock = (bytes: Uint8Array): void => {
    const reader = createTableReader({ fileName: o.fileName, format: 'jsonl', maxBytes: Number.MAX_SAFE_INTEGER });
    reader.push(bytes);
    let table: Table;
    try {
      table = reader.finish();
    } catch (e) {
      if ((e as { code?: string }).code === 'empty-file') return; // blank lines only
      throw e;
    }
    const columns = o.names.map((name) => table.columns.findIndex((c) => c.name === name));
    for (let r = 0; r < table.nRows; r++) {
      columns.forEach((c, a) => { row[a] = c < 0 ? NaN : numberAt(table, r, c); });
      add(row, linesBefore + table.lineNumbers[r]);
    }
  };
  const take = (): void => {
    const block = new Uint8Array(pendingBytes);
    let at = 0;
    for (const p of pending) { block.set(p, at); at += p.length; }
    pending = [];
    pendingBytes = 0;
    readBlock(block);
    for (let k = 0; k < block.length; k++) if (block[k] === 10) linesBefore++;
  };
  return {
    push(bytes) {
      const nl = bytes.lastIndexOf(10);
      if (nl < 0) { pending.push(bytes.slice()); pendingBytes += bytes.length; return; }
      pending.push(bytes.slice(0, nl + 1));
      pendingBytes += nl + 1;
      if (pendingBytes >= BLOCK) take();
      if (nl + 1 < bytes.length) { pending.push(bytes.slice(nl + 1)); pendingBytes += bytes.length - nl - 1; }
    },
    finish() { if (pendingBytes > 0) take(); },
  };
}

/** A cell as a number: a numeric column's value, else the cell's text read as a number (NaN when it is not one). */
function numberAt(table: Table, r: number, c: number): number {
  const v = table.number(r, c);
  if (v === v || table.columns[c].type === 'numeric') return v;
  const text = table.cell(r, c);
  return text !== null && classifyCell(text, 0, text.length) === CELL_NUMBER ? parsed.value : NaN;
}

function readAll(o: FileRowsOptions, onBytes: (read: number, bytes: Uint8Array) => void): void {
  readWholeFile(o.fileName, o.path, o.stamp, onBytes);
}

/** Reads the whole file with one buffer, refusing a file that is no longer as it was loaded (`loaded`). */
export function readWholeFile(fileName: string, path: string, loaded: FileStamp, onBytes: (read: number, bytes: Uint8Array) => void): void {
  const { fd, stamp } = openRegularFile(fileName, path);
  try {
    if (stamp.size !== loaded.size || stamp.mtimeMs !== loaded.mtimeMs) throw changedFile(fileName);
    const buffer = new Uint8Array(READ_CHUNK_BYTES);
    let got = 0;
    while (got < stamp.size) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, stamp.size - got), null);
      if (n <= 0) break;
      got += n;
      onBytes(got, buffer.subarray(0, n));
    }
    if (got !== stamp.size || !isUnchanged(fd, stamp)) throw changedFile(fileName);
  } finally {
    fs.closeSync(fd);
  }
}
