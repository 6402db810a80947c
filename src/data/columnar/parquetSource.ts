/**
 * Parquet files through hyparquet: the footer's metadata gives the schema and the row groups; a column is read one
 * row group at a time (only that column chunk's bytes, read and decoded synchronously by hyparquet's column reader,
 * so a fit reading the file in passes can ask for a row group when it needs it), decompressed by
 * hyparquet-compressors (snappy, gzip, brotli, zstd, lz4).
 */
import { parquetMetadataAsync, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import { readColumn } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { getTreePath } from 'hyparquet/src/schema.js';
import { compressors } from 'hyparquet-compressors';
import { DataError } from '../dataError';
import { ErrorText, FORMAT_NAME } from '../messages';
import { parquetColumn, type ParquetColumn } from './parquetKinds';
import type { ByteRange, ColumnarSource, ColumnPiece, OpenBytes } from './types';

const decoder = new TextDecoder();

/**
 * Dates and timestamps come through as hyparquet decodes them before its conversion (day and unit counts), so
 * parquetKinds formats them itself, whatever annotation the file uses; JSON stays text.
 */
const RAW_PARSERS = {
  timestampFromMilliseconds: (v: bigint) => v,
  timestampFromMicroseconds: (v: bigint) => v,
  timestampFromNanoseconds: (v: bigint) => v,
  dateFromDays: (v: number) => v,
  jsonFromBytes: (bytes: Uint8Array) => bytes && decoder.decode(bytes),
};
const PARSERS = { ...DEFAULT_PARSERS, ...RAW_PARSERS };

const READABLE_CODECS = new Set(['UNCOMPRESSED', ...Object.keys(compressors)]);

/** Whether bytes start like a Parquet file ("PAR1"). */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/**
 * Opens a Parquet file: reads its footer (metadata and schema) and nothing else. Throws DataError `corrupt` (not a
 * Parquet file, truncated, damaged metadata) or `unsupported` (encrypted, an unknown compression).
 */
export async function openParquet(fileName: string, open: OpenBytes): Promise<ColumnarSource> {
  const damaged = (detail: string) => new DataError('corrupt', fileName, ErrorText.damaged(fileName, FORMAT_NAME.parquet, detail));
  const bytes = open();
  let metadata: FileMetaData;
  const size = bytes.byteLength;
  try {
    if (size < 12) throw damaged(`it is ${size} bytes long, shorter than the smallest Parquet file`);
    const head = bytes.read(0, 4), tail = bytes.read(size - 4, size);
    if (tail[0] === 0x50 && tail[1] === 0x41 && tail[2] === 0x52 && tail[3] === 0x45) {
      throw new DataError('unsupported', fileName, ErrorText.unsupported(fileName, FORMAT_NAME.parquet, 'encryption'));
    }
    if (!isParquet(head)) throw damaged('it does not start with the Parquet signature "PAR1"');
    if (!isParquet(tail)) throw damaged('it does not end with the Parquet signature "PAR1": the end of the file is missing');
    metadata = await guard(damaged, () => parquetMetadataAsync(asyncBuffer(bytes)));
  } finally {
    bytes.close();
  }
  return new ParquetSource(fileName, open, size, metadata, damaged);
}

class ParquetSource implements ColumnarSource {
  readonly format = 'parquet';
  readonly nRows: number;
  readonly fields: ColumnarSource['fields'] = [];
  readonly skipped: ColumnarSource['skipped'] = [];
  readonly groups: number[];
  private readonly tree: SchemaTree;
  private readonly readers: ParquetColumn[] = [];
  /** Index of each read column among the row groups' column chunks. */
  private readonly chunkIndex: number[] = [];

  constructor(
    fileName: string,
    private readonly open: OpenBytes,
    private readonly size: number,
    private readonly metadata: FileMetaData,
    private readonly damaged: (detail: string) => DataError,
  ) {
    this.nRows = Number(metadata.num_rows);
    const groupRows = metadata.row_groups.reduce((s, g) => s + Number(g.num_rows), 0);
    if (groupRows !== this.nRows) throw damaged(`its row groups hold ${groupRows} rows, its footer says ${this.nRows}`);
    this.groups = metadata.row_groups.map((g) => Number(g.num_rows));
    const tree = guardSync(damaged, () => parquetSchema(metadata));
    this.tree = tree;
    let leaf = 0;
    for (const child of tree.children) {
      const name = child.element.name;
      if (child.children.length > 0) {
        this.skipped.push({ name, why: 'nested: a group, list or map' });
        leaf += countLeaves(child);
        continue;
      }
      const column = parquetColumn(child.element);
      if ('why' in column) this.skipped.push({ name, why: column.why });
      else {
        this.readers.push(column);
        this.fields.push(column.field);
        this.chunkIndex.push(leaf);
      }
      leaf++;
    }
    for (const group of metadata.row_groups) {
      for (const k of this.chunkIndex) {
        const chunk = group.columns[k];
        if (chunk === undefined || chunk.meta_data === undefined) throw damaged('a row group lacks the metadata of a column');
        if (chunk.file_path) throw new DataError('unsupported', fileName, ErrorText.unsupported(fileName, FORMAT_NAME.parquet, 'column chunks kept in other files'));
        const codec = chunk.meta_data.codec;
        if (!READABLE_CODECS.has(codec)) throw new DataError('unsupported', fileName, ErrorText.unsupported(fileName, FORMAT_NAME.parquet, `${codec} compression`));
      }
    }
  }

  weight(column: number): number {
    const k = this.chunkIndex[column];
    return this.metadata.row_groups.reduce((s, g) => s + Number(g.columns[k].meta_data?.total_compressed_size ?? 0n), 0);
  }

  async *pieces(column: number): AsyncIterable<ColumnPiece> {
    for (let g = 0; g < this.groups.length; g++) yield this.readGroup(column, g);
  }

  readGroup(column: number, group: number): ColumnPiece {
    const reader = this.readers[column];
    const name = reader.field.name;
    const meta = this.metadata.row_groups[group].columns[this.chunkIndex[column]].meta_data!;
    const rows = this.groups[group];
    const where = (detail: string) => this.damaged(`column "${name}", row group ${group + 1}: ${detail}`);
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    const end = start + Number(meta.total_compressed_size);
    if (start < 0 || end > this.size || end < start) throw where(`its bytes ${start} to ${end} lie outside the file`);
    const range = this.open();
    let chunk: Uint8Array;
    try {
      chunk = range.read(start, end);
    } finally {
      range.close();
    }
    const schemaPath = getTreePath(this.tree, meta.path_in_schema);
    const element = reader.decodeAs?.element ?? schemaPath[schemaPath.length - 1].element;
    const decoded = guardSync(where, () => readColumn(
      { view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), offset: 0 },
      { groupStart: 0, selectStart: 0, selectEnd: rows, groupRows: rows },
      {
        pathInSchema: meta.path_in_schema, type: meta.type, element, codec: meta.codec, utf8: reader.decodeAs?.utf8 ?? true,
        schemaPath, parsers: PARSERS, compressors,
      },
    ));
    let got = 0;
    for (const page of decoded.data) got += page.length;
    if (decoded.skipped !== 0 || got !== rows) throw where(`it holds ${got} values for ${rows} rows`);
    if (decoded.data.length === 0) return reader.toPiece([]);
    return joinPieces(decoded.data.map((page) => reader.toPiece(page)), rows);
  }
}

/** Pages of one row group as one piece of `rows` values. */
function joinPieces(parts: ColumnPiece[], rows: number): ColumnPiece {
  if (parts.length === 1) return parts[0];
  if (parts[0].kind === 'numbers') {
    const values = new Float64Array(rows);
    let exact: Map<number, string> | undefined;
    let at = 0;
    for (const p of parts as Extract<ColumnPiece, { kind: 'numbers' }>[]) {
      values.set(p.values, at);
      if (p.exact) for (const [i, text] of p.exact) (exact ??= new Map()).set(at + i, text);
      at += p.values.length;
    }
    return { kind: 'numbers', values, exact };
  }
  const values: (string | null)[] = [];
  for (const p of parts as Extract<ColumnPiece, { kind: 'texts' }>[]) for (const v of p.values) values.push(v);
  return { kind: 'texts', values };
}

/** hyparquet's view of the file: slices read on demand. */
function asyncBuffer(bytes: ByteRange): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice(start: number, end?: number): ArrayBuffer {
      const b = bytes.read(Math.max(0, start), Math.min(end ?? bytes.byteLength, bytes.byteLength));
      return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : (b.slice().buffer as ArrayBuffer);
    },
  };
}

function countLeaves(node: { children: { children: unknown[] }[] }): number {
  if (node.children.length === 0) return 1;
  return node.children.reduce((s, c) => s + countLeaves(c as typeof node), 0);
}

/** Runs a hyparquet call; anything it throws (it throws plain Errors on damaged data) becomes `damaged(message)`. */
async function guard<T>(damaged: (detail: string) => DataError, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asDataError(e, damaged);
  }
}

function guardSync<T>(damaged: (detail: string) => DataError, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw asDataError(e, damaged);
  }
}

function asDataError(e: unknown, damaged: (detail: string) => DataError): DataError {
  if (e instanceof DataError) return e;
  return damaged(e instanceof Error ? e.message : String(e));
}
