/** Reads a data source chunk by chunk into a streaming table reader, reporting bytes read. */
import * as fs from 'node:fs';
import { createTableReader, READ_CHUNK_BYTES, unreadableFile, type Table } from '../data';
import type { LoadRequest } from '../protocol/worker';

/**
 * Parses the request's file (by path, streamed from disk) or bytes (read by the host).
 * Throws DataError (including `too-large`, before reading, and `unreadable`).
 */
export function readSource(request: LoadRequest, onProgress: (read: number, total: number) => void): { table: Table; sizeBytes: number } {
  const base = { fileName: request.fileName, format: request.format, maxBytes: request.maxBytes, onProgress };
  if (request.source.kind === 'bytes') {
    const bytes = new Uint8Array(request.source.bytes);
    const reader = createTableReader({ ...base, totalBytes: bytes.byteLength });
    for (let at = 0; at < bytes.byteLength; at += READ_CHUNK_BYTES) {
      reader.push(bytes.subarray(at, Math.min(at + READ_CHUNK_BYTES, bytes.byteLength)));
    }
    return { table: reader.finish(), sizeBytes: bytes.byteLength };
  }
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(request.source.path, 'r');
    size = fs.fstatSync(fd).size;
  } catch (e) {
    throw unreadableFile(request.fileName, reasonOf(e));
  }
  try {
    // Sized up front (and refused at once when over the limit).
    const reader = createTableReader({ ...base, totalBytes: size });
    // The reader keeps no reference to a chunk after push returns, so one buffer serves every read.
    const buffer = new Uint8Array(READ_CHUNK_BYTES);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, READ_CHUNK_BYTES, null);
      if (n <= 0) break;
      reader.push(buffer.subarray(0, n));
    }
    return { table: reader.finish(), sizeBytes: size };
  } catch (e) {
    if ((e as { code?: unknown }).code === 'EISDIR' || (e as { code?: unknown }).code === 'EIO') {
      throw unreadableFile(request.fileName, reasonOf(e));
    }
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

/** What the file system said, in words. */
function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder';
    default: return code ?? String(e);
  }
}
