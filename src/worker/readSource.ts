/**
 * Reads a data source chunk by chunk into a streaming table reader: a file by path (refused at once when it is
 * not a regular file, and refused when it changes while it is read) or bytes the host read. Gzip data (.csv.gz…)
 * is decompressed as it streams. No whole-file buffer is ever made here.
 */
import * as fs from 'node:fs';
import { columnarFormat } from '../data/columnar';
import { createTableReader, DataError, ErrorText, isGzip, READ_CHUNK_BYTES, type Table, type TableReader } from '../data';
import type { LoadRequest } from '../protocol/worker';
import { gunzipInto } from './gunzip';
import { changedFile, isUnchanged, openRegularFile, type FileStamp } from './openFile';
import { readColumnar } from './readColumnar';
import { WorkerError, workerMessages } from './messages';

export interface ReadHooks {
  /** Bytes of the source read so far (compressed bytes for gzip) and its size. */
  onProgress(read: number, total: number): void;
  /** Polled once per chunk: a cancelled read throws WorkerError `cancelled`. */
  isCancelled?(): boolean;
}

export interface SourceRead {
  table: Table;
  /** Size of the source (compressed size for gzip). */
  sizeBytes: number;
  /** Size and modification time of a file read by path, as the read found them. */
  stamp?: FileStamp;
}

/**
 * Parses the request's file or bytes: a Parquet or Arrow file (by its extension or first bytes) column by column,
 * anything else as text. Throws DataError (`too-large` before reading, `unreadable`, `not-a-file`, `changed`, and
 * every reader error) or WorkerError `cancelled`.
 */
export async function readSource(request: LoadRequest, hooks: ReadHooks): Promise<SourceRead> {
  const explicit = request.format === 'parquet' || request.format === 'arrow' ? request.format : undefined;
  if (request.source.kind === 'bytes') {
    const bytes = new Uint8Array(request.source.bytes);
    const columnar = explicit ?? (request.format === undefined ? columnarFormat(request.fileName, bytes.subarray(0, 8)) : null);
    if (columnar !== null) return readColumnar(request, columnar, hooks);
    return readBytes(request, bytes, hooks);
  }
  const { fd, stamp } = openRegularFile(request.fileName, request.source.path);
  let columnar = explicit ?? null;
  if (columnar === null && request.format === undefined) {
    const head = new Uint8Array(8);
    try {
      columnar = columnarFormat(request.fileName, head.subarray(0, fs.readSync(fd, head, 0, 8, 0)));
    } catch {
      columnar = null; // the read below reports what is wrong with the file
    }
  }
  if (columnar !== null) {
    fs.closeSync(fd);
    return readColumnar(request, columnar, hooks);
  }
  try {
    const table = await readFile(request, fd, stamp, hooks);
    return { table, sizeBytes: stamp.size, stamp };
  } finally {
    fs.closeSync(fd);
  }
}

async function readBytes(request: LoadRequest, bytes: Uint8Array, hooks: ReadHooks): Promise<SourceRead> {
  const size = bytes.byteLength;
  if (isGzip(bytes)) {
    const chunks = async function* (): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < size; at += READ_CHUNK_BYTES) {
        checkCancel(hooks);
        yield bytes.subarray(at, Math.min(at + READ_CHUNK_BYTES, size));
        hooks.onProgress(Math.min(at + READ_CHUNK_BYTES, size), size);
      }
    };
    return { table: await unpack(request, chunks(), size), sizeBytes: size };
  }
  const reader = tableReader(request, size, hooks);
  for (let at = 0; at < size; at += READ_CHUNK_BYTES) {
    checkCancel(hooks);
    reader.push(bytes.subarray(at, Math.min(at + READ_CHUNK_BYTES, size)));
  }
  return { table: reader.finish(), sizeBytes: size };
}

async function readFile(request: LoadRequest, fd: number, stamp: FileStamp, hooks: ReadHooks): Promise<Table> {
  let got = 0;
  // The reader keeps no reference to a chunk after push returns, so one buffer serves every plain read.
  const buffer = new Uint8Array(READ_CHUNK_BYTES);
  const next = (target: Uint8Array): Uint8Array | null => {
    checkCancel(hooks);
    if (got >= stamp.size) return null;
    const n = fs.readSync(fd, target, 0, Math.min(target.length, stamp.size - got), null);
    if (n <= 0) return null; // shorter than it was: the check below reports it
    got += n;
    return target.subarray(0, n);
  };
  // Complete (every byte the file had when opened, no fewer) and still as it was when opened.
  const unchanged = () => got === stamp.size && isUnchanged(fd, stamp);
  try {
    const first = next(buffer);
    if (first !== null && isGzip(first)) {
      const head = first.slice();
      const chunks = async function* (): AsyncGenerator<Uint8Array> {
        yield head;
        hooks.onProgress(got, stamp.size);
        // Fresh buffers: the decompressor may still hold the last one when the next is read.
        for (let c = next(new Uint8Array(READ_CHUNK_BYTES)); c !== null; c = next(new Uint8Array(READ_CHUNK_BYTES))) {
          yield c;
          hooks.onProgress(got, stamp.size);
        }
      };
      const table = await unpack(request, chunks(), stamp.size);
      if (!unchanged()) throw changedFile(request.fileName);
      return table;
    }
    // Sized up front (and refused at once when over the limit).
    const reader = tableReader(request, stamp.size, hooks);
    for (let c = first; c !== null; c = next(buffer)) reader.push(c);
    if (!unchanged()) throw changedFile(request.fileName);
    return reader.finish();
  } catch (e) {
    // Whatever a read of a file that was being rewritten found wrong, the change is the real cause.
    if (e instanceof DataError && e.code !== 'changed' && !isUnchanged(fd, stamp)) throw changedFile(request.fileName);
    if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'EIO') throw new DataError('unreadable', request.fileName, ErrorText.unreadable(request.fileName, 'EIO'));
    throw e;
  }
}

/**
 * Decompressed bytes allowed per compressed byte. CSV and JSON compress 3 to 20 times; far more is a compression
 * bomb (a few MB that unpack to gigabytes of tiny cells, which would take several times that in memory).
 */
export const GZIP_MAX_RATIO = 50;
/** Decompressed bytes allowed whatever the ratio (small files may compress very well). */
export const GZIP_FREE_BYTES = 64 * 2 ** 20;

/**
 * Decompresses gzip chunks (of a file of `packedSize` bytes) into a reader of unknown total size. The size limit
 * applies to what comes out, and so does GZIP_MAX_RATIO.
 */
async function unpack(request: LoadRequest, chunks: AsyncIterable<Uint8Array>, packedSize: number): Promise<Table> {
  const reader = createTableReader({
    fileName: request.fileName, format: request.format, maxBytes: request.maxBytes, limitSource: request.limitSource,
  });
  const allowed = Math.max(GZIP_FREE_BYTES, GZIP_MAX_RATIO * packedSize);
  let unpacked = 0;
  const push = (c: Uint8Array): void => {
    unpacked += c.length;
    if (unpacked > allowed && unpacked <= request.maxBytes) {
      const f = request.fileName;
      throw new DataError('too-large', f, ErrorText.gzipRatio(f, GZIP_MAX_RATIO, allowed, packedSize));
    }
    reader.push(c);
  };
  try {
    await gunzipInto(request.fileName, chunks, push);
    return reader.finish();
  } catch (e) {
    if (e instanceof DataError && e.code === 'too-large' && unpacked > request.maxBytes) {
      const f = request.fileName;
      throw new DataError('too-large', f, ErrorText.tooLargeUnpacked(f, request.maxBytes, request.limitSource));
    }
    throw e;
  }
}

function tableReader(request: LoadRequest, totalBytes: number, hooks: ReadHooks): TableReader {
  return createTableReader({
    fileName: request.fileName, format: request.format, maxBytes: request.maxBytes, limitSource: request.limitSource,
    totalBytes, onProgress: hooks.onProgress,
  });
}

function checkCancel(hooks: ReadHooks): void {
  if (hooks.isCancelled?.()) throw new WorkerError('cancelled', workerMessages.cancelled());
}
