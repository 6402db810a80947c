/** Helpers of the columnar reader tests: the fixture table, written as CSV, Parquet and Arrow IPC. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { bool, dictionary, float32, float64, int32, int64, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import type { Table } from '../../../src/data';
import type { LoadRequest } from '../../../src/protocol/worker';
import { readSource } from '../../../src/worker/readSource';

// Bundled to out/test/unit/<folder>/: the repo root is four levels up.
export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/columnar');

export type Cell = number | string | boolean | null;
export type Data = Record<string, Cell[]>;

/** The fixture table (see test/fixtures/columnar/README.md); i64 as decimal strings. */
export function fixtureData(): Data {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'data.json'), 'utf8')) as Data;
}

/** The bytes of a fixture file. */
export function fixture(name: string): Uint8Array {
  return Uint8Array.from(fs.readFileSync(path.join(FIXTURES, name)));
}

/** The table as CSV: nulls as empty cells, true/false as words. */
export function csvOf(data: Data): string {
  const names = Object.keys(data);
  const n = data[names[0]].length;
  const lines = [names.join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((c) => (data[c][i] === null ? '' : String(data[c][i]))).join(','));
  return lines.join('\n') + '\n';
}

const PARQUET_TYPES: Record<string, string> = { i32: 'INT32', i64: 'INT64', f32: 'FLOAT', f64: 'DOUBLE', s: 'STRING', cat: 'STRING', b: 'BOOLEAN' };

/** Parquet compressors Node can do by itself (snappy is hyparquet-writer's own). */
export const NODE_CODECS: Record<string, ((b: Uint8Array) => Uint8Array) | undefined> = {
  UNCOMPRESSED: undefined,
  SNAPPY: undefined,
  GZIP: (b) => zlib.gzipSync(b),
  BROTLI: (b) => zlib.brotliCompressSync(b),
};

/** The fixture table as Parquet (columns typed as named in PARQUET_TYPES, or `types`). */
export function parquetOf(data: Data, options: { codec?: string; rowGroupSize?: number; types?: Record<string, string> } = {}): Uint8Array {
  const codec = options.codec ?? 'SNAPPY';
  const compress = NODE_CODECS[codec];
  const types = { ...PARQUET_TYPES, ...options.types };
  const columnData = Object.keys(data).map((name) => ({
    name,
    data: types[name] === 'INT64' ? data[name].map((v) => (v === null ? null : BigInt(v as string | number))) : data[name],
    type: types[name],
  }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the writer's option types are loose
  const bytes = parquetWriteBuffer({ columnData, codec, compressors: compress ? { [codec]: compress } : undefined, rowGroupSize: options.rowGroupSize ?? 1000 } as any);
  return new Uint8Array(bytes);
}

/** The fixture table as Arrow IPC, in record batches of `batchRows`. */
export function arrowOf(data: Data, format: 'file' | 'stream' = 'file', batchRows = 1000): Uint8Array {
  const table = tableFromArrays({ ...data, i64: data.i64.map((v) => (v === null ? null : BigInt(v as string))) }, {
    types: { i32: int32(), i64: int64(), f32: float32(), f64: float64(), s: utf8(), cat: dictionary(utf8()), b: bool() },
    maxBatchRows: batchRows,
  });
  return tableToIPC(table, { format })!;
}

/** A load request for bytes named `fileName`. */
export function bytesRequest(fileName: string, bytes: Uint8Array, over: Partial<LoadRequest> = {}): LoadRequest {
  return { fileName, uri: `file:///tmp/${fileName}`, source: { kind: 'bytes', bytes: Uint8Array.from(bytes).buffer as ArrayBuffer }, maxBytes: 2 ** 30, ...over };
}

/** Reads bytes as the worker does and decodes every column. */
export async function readAll(fileName: string, bytes: Uint8Array): Promise<Table> {
  const { table } = await readSource(bytesRequest(fileName, bytes), { onProgress: () => undefined });
  await table.prepare?.(table.columns.map((_, k) => k));
  return table;
}

/** Every cell's text, row by row. */
export function cellsOf(table: Table): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (let i = 0; i < table.nRows; i++) out.push(table.columns.map((_, c) => table.cell(i, c)));
  return out;
}
