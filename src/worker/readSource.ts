/** Reads a data source chunk by chunk into a streaming table reader, reporting bytes read. */
import * as fs from 'node:fs';
import { createTableReader, type Table } from '../data';
import type { LoadRequest } from '../protocol/worker';
import { WorkerError, workerMessages } from './messages';

const CHUNK = 1 << 20;

/** Parses the request's file (by path, streamed from disk) or bytes (read by the host). Throws DataError. */
export function readSource(request: LoadRequest, onProgress: (read: number, total: number) => void): { table: Table; sizeBytes: number } {
  const options = { fileName: request.fileName, format: request.format, maxBytes: request.maxBytes, onProgress };
  if (request.source.kind === 'bytes') {
    const bytes = new Uint8Array(request.source.bytes);
    checkSize(request, bytes.byteLength);
    const reader = createTableReader(options);
    for (let at = 0; at < bytes.byteLength; at += CHUNK) {
      reader.push(bytes.subarray(at, Math.min(at + CHUNK, bytes.byteLength)));
    }
    return { table: reader.finish(), sizeBytes: bytes.byteLength };
  }
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(request.source.path, 'r');
    size = fs.fstatSync(fd).size;
  } catch (e) {
    throw new WorkerError('unreadable', workerMessages.unreadable(request.fileName, (e as NodeJS.ErrnoException).code ?? String(e)));
  }
  try {
    checkSize(request, size);
    const reader = createTableReader(options);
    const buffer = new Uint8Array(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      if (n <= 0) break;
      // The reader may keep references to a chunk's bytes, so hand it a copy of the shared buffer.
      reader.push(buffer.slice(0, n));
    }
    return { table: reader.finish(), sizeBytes: size };
  } finally {
    fs.closeSync(fd);
  }
}

function checkSize(request: LoadRequest, size: number): void {
  if (size > request.maxBytes) {
    throw new WorkerError('too-large', workerMessages.tooLarge(request.fileName, size, request.maxBytes));
  }
}
