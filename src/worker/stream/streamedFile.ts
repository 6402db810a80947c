/**
 * Loading a file larger than the memory budget: only its head is read into a table (for the column list, types and
 * the reader's notices); the fit then reads the whole file in passes (`fileRows.ts`). Plain CSV, TSV and JSON Lines
 * files are streamed; gzip files and JSON documents are always read whole (and `maxFileSizeMB` limits them), and
 * Parquet and Arrow files are read by column (`readColumnar.ts`).
 */
import * as fs from 'node:fs';
import { detectDelimiter, detectFormat, isGzip, readTable, usesDecimalComma, type DataFormat, type Table } from '../../data';
import { delimiterNotice } from '../../data/messages';
import { columnarFormat } from '../../data/columnar';
import type { LoadRequest } from '../../protocol/worker';
import { openRegularFile, type FileStamp } from '../openFile';
import { workerMessages } from '../messages';
import { STREAMABLE } from './fileRows';

/** Bytes read for the head table (cut back to the last whole line). */
export const HEAD_BYTES = 4 * 2 ** 20;

/** Most bytes a table holds for one byte of a text file: an empty cell is one byte (its separator) and 8 as a number. */
export const MAX_TABLE_PER_FILE_BYTE = 8;

/**
 * The memory the whole file would take as a table, from its head: the head's rows scaled to the file's size, 8 bytes
 * a cell of a numeric (or empty) column, 4 of a text column (a code into its distinct texts).
 */
export function estimateTableBytes(head: Table, headBytes: number, fileBytes: number): number {
  const perRow = head.columns.reduce((s, c) => s + (c.type === 'numeric' || c.type === 'empty' ? 8 : 4), 0);
  return Math.round((head.nRows / Math.max(1, headBytes)) * fileBytes * perRow);
}

/** A loaded streamed file: its head table and what every pass needs to read it the same way. */
export interface StreamedFile {
  fileName: string;
  path: string;
  stamp: FileStamp;
  format: DataFormat;
  delimiter: string;
  decimalComma: boolean;
  /** The memory the whole file would take as a table (estimated from its head). */
  tableBytes: number;
  /** The first rows of the file, as the readers make a table of them. */
  head: Table;
}

/**
 * The file streamed when it is a local plain CSV, TSV or JSON Lines file larger than the request's memory budget, or
 * whose table would be (estimated from its head: a file of short cells takes several times its size as a table);
 * undefined when it is to be read whole.
 */
export function openStreamedFile(request: LoadRequest): StreamedFile | undefined {
  const budget = request.memoryBudgetBytes;
  if (request.source.kind !== 'path' || budget === undefined) return undefined;
  const path = request.source.path;
  const { fd, stamp } = openRegularFile(request.fileName, path);
  let bytes: Uint8Array;
  try {
    // A table takes at most MAX_TABLE_PER_FILE_BYTE bytes a byte of the file: a smaller file fits the budget as a table.
    if (stamp.size * MAX_TABLE_PER_FILE_BYTE <= budget) return undefined;
    const buffer = new Uint8Array(Math.min(HEAD_BYTES, stamp.size));
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
  if (isGzip(bytes)) return undefined;
  // Parquet and Arrow files are read by column (a Parquet file's fit by row groups when its columns exceed the budget).
  if (request.format === 'parquet' || request.format === 'arrow') return undefined;
  if (request.format === undefined && columnarFormat(request.fileName, bytes.subarray(0, 8)) !== null) return undefined;
  const format = request.format ?? detectFormat(request.fileName, bytes);
  if (!STREAMABLE.has(format)) return undefined;
  const end = bytes.lastIndexOf(10);
  if (end > 0) bytes = bytes.subarray(0, end + 1);
  // The head's delimiter and decimal comma are what the table reader decides from the same first bytes.
  const sniff = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
  const delimiter = format === 'tsv' ? '\t' : format === 'csv' ? detectDelimiter(sniff) : ',';
  const decimalComma = format !== 'tsv' && format !== 'csv' ? false : usesDecimalComma(sniff, delimiter);
  const head = readTable(bytes, { fileName: request.fileName, format, maxBytes: HEAD_BYTES, delimiter, decimalComma });
  const tableBytes = estimateTableBytes(head, bytes.length, stamp.size);
  if (stamp.size <= budget && tableBytes <= budget) return undefined;
  // Chosen here, so said here, as the whole-file reader says it (and "Export as code" reads them back from it).
  const said = format === 'csv' || format === 'tsv' ? delimiterNotice(request.fileName, format, delimiter, decimalComma) : undefined;
  if (said) head.notices.unshift(said);
  const mb = (n: number) => Math.round(n / 2 ** 20);
  head.notices.push({ code: 'streamed', message: workerMessages.streamedFile(request.fileName, mb(stamp.size), mb(tableBytes), mb(budget), head.nRows) });
  return { fileName: request.fileName, path, stamp, format, delimiter, decimalComma, tableBytes, head };
}
