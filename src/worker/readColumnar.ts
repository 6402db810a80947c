/**
 * Opening a columnar file (Parquet, Arrow IPC) in the worker. A Parquet file is read by byte ranges: its footer now,
 * each column chunk when that column is read, reopening the file for each read and refusing it when it is no longer
 * the file first read. An Arrow file is read whole (its bytes are the table's columns).
 */
import * as fs from 'node:fs';
import { DataError, ErrorText } from '../data';
import { ColumnarTable, openArrow, openParquet, type ByteRange, type OpenBytes } from '../data/columnar';
import type { LoadRequest } from '../protocol/worker';
import { changedFile, isUnchanged, openRegularFile, reasonOf, type FileStamp } from './openFile';
import type { ReadHooks, SourceRead } from './readSource';
import { WorkerError, workerMessages } from './messages';

/**
 * Reads the request's file or bytes as `format`: the table's column list and stats, no column kept. Throws
 * DataError (`too-large` before reading, `unreadable`, `changed`, `corrupt`, `unsupported`, and what the table
 * throws) or WorkerError `cancelled`.
 */
export async function readColumnar(request: LoadRequest, format: 'parquet' | 'arrow', hooks: ReadHooks): Promise<SourceRead> {
  const f = request.fileName;
  let open: OpenBytes;
  let size: number;
  let stamp: FileStamp | undefined;
  if (request.source.kind === 'bytes') {
    const bytes = new Uint8Array(request.source.bytes);
    size = bytes.byteLength;
    open = () => memoryRange(bytes);
  } else {
    const path = request.source.path;
    const first = openRegularFile(f, path);
    fs.closeSync(first.fd);
    stamp = first.stamp;
    size = stamp.size;
    open = () => fileRange(f, path, first.stamp);
  }
  // A Parquet file on disk is read by byte ranges (its footer, then column chunks), never whole: the memory budget,
  // not the file size limit, decides how a fit reads it.
  if ((format === 'arrow' || request.source.kind === 'bytes') && size > request.maxBytes) throw new DataError('too-large', f, ErrorText.tooLarge(f, size, request.maxBytes, request.limitSource));
  const progress = {
    checkCancelled: () => checkCancel(hooks),
    onProgress: (done: number, total: number) => hooks.onProgress(total > 0 ? Math.round((done / total) * size) : size, size),
  };
  let source;
  if (format === 'parquet') source = await openParquet(f, open);
  else {
    const range = open();
    try {
      source = openArrow(f, range.read(0, range.byteLength));
    } finally {
      range.close();
    }
  }
  const table = await ColumnarTable.open(source, f, progress);
  return { table, sizeBytes: size, stamp };
}

/** Bytes the host read. */
function memoryRange(bytes: Uint8Array): ByteRange {
  return { byteLength: bytes.byteLength, read: (start, end) => bytes.slice(start, end), close: () => undefined };
}

/** The file at `path`, opened again; DataError `changed` when its size or modification time moved since `stamp`. */
function fileRange(fileName: string, path: string, stamp: FileStamp): ByteRange {
  const { fd, stamp: now } = openRegularFile(fileName, path);
  if (now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) {
    fs.closeSync(fd);
    throw changedFile(fileName);
  }
  return {
    byteLength: stamp.size,
    read(start, end) {
      const out = new Uint8Array(Math.max(0, end - start));
      let got = 0;
      try {
        while (got < out.length) {
          const n = fs.readSync(fd, out, got, out.length - got, start + got);
          if (n <= 0) break;
          got += n;
        }
      } catch (e) {
        throw new DataError('unreadable', fileName, ErrorText.unreadable(fileName, reasonOf(e)));
      }
      if (got < out.length || !isUnchanged(fd, stamp)) throw changedFile(fileName);
      return out;
    },
    close: () => fs.closeSync(fd),
  };
}

function checkCancel(hooks: ReadHooks): void {
  if (hooks.isCancelled?.()) throw new WorkerError('cancelled', workerMessages.cancelled());
}
