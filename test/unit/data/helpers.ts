/** Shared helpers of the reader tests: read from a string, in chunks, and compare tables. */
import assert from 'node:assert/strict';
import { createTableReader, DataError, readTable, type ReadOptions, type Table } from '../../../src/data';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Reads a string as the named file. */
export function read(fileName: string, text: string | Uint8Array, options: Partial<ReadOptions> = {}): Table {
  return readTable(typeof text === 'string' ? bytes(text) : text, { fileName, ...options });
}

/** Reads bytes pushed in pieces of the given sizes (cycled). */
export function readChunked(fileName: string, data: Uint8Array, sizes: number[], options: Partial<ReadOptions> = {}): Table {
  const reader = createTableReader({ fileName, ...options });
  let off = 0;
  for (let k = 0; off < data.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]);
    reader.push(data.subarray(off, off + size));
    off += size;
  }
  return reader.finish();
}

/** The DataError that `fn` throws (fails when it throws nothing or something else). */
export function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail('expected a DataError');
}

/** Every cell's text, row by row. */
export function cells(table: Table): (string | null)[][] {
  return Array.from({ length: table.nRows }, (_, r) => table.columns.map((_, c) => table.cell(r, c)));
}

/** Every cell's number, row by row. */
export function numbers(table: Table): number[][] {
  return Array.from({ length: table.nRows }, (_, r) => table.columns.map((_, c) => table.number(r, c)));
}

/** What two reads must agree on to be the same table. */
export function snapshot(table: Table): unknown {
  return {
    format: table.format,
    columns: table.columns,
    nRows: table.nRows,
    lines: Array.from(table.lineNumbers),
    notices: table.notices,
    cells: cells(table),
    numbers: numbers(table),
  };
}
