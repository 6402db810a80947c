/**
 * Opening a data file safely: without blocking on a FIFO, refusing anything that is not a regular file at once,
 * and noticing when the file changes while it is read (so a half-old, half-new table is never fitted).
 */
import * as fs from 'node:fs';
import { DataError, ErrorText, unreadableFile } from '../data';

/** What the file looked like when it was opened. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface OpenFile {
  fd: number;
  stamp: FileStamp;
}

/**
 * Opens `path` for reading. Non-blocking, so a FIFO (or /dev/stdin on a pipe) cannot hang the open waiting for a
 * writer; then fstat decides: a FIFO, device or socket is refused with DataError `not-a-file`, a folder is
 * `unreadable`. The caller closes `fd`.
 */
export function openRegularFile(fileName: string, path: string): OpenFile {
  // Look before opening: a socket (/dev/stdin of a spawned process) cannot be opened at all, and a FIFO should not be.
  let before: fs.Stats;
  try {
    before = fs.statSync(path);
  } catch (e) {
    throw unreadableFile(fileName, reasonOf(e));
  }
  refuseSpecial(fileName, before);
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw unreadableFile(fileName, reasonOf(e));
  }
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw unreadableFile(fileName, reasonOf(e));
  }
  if (!st.isFile()) fs.closeSync(fd);
  refuseSpecial(fileName, st); // again: the path may have been replaced between the look and the open
  return { fd, stamp: { size: st.size, mtimeMs: st.mtimeMs } };
}

function refuseSpecial(fileName: string, st: fs.Stats): void {
  if (st.isFile()) return;
  if (st.isDirectory()) throw unreadableFile(fileName, 'it is a folder');
  throw new DataError('not-a-file', fileName, ErrorText.notAFile(fileName, kindOf(st)));
}

/** Whether the open file still has the size and modification time it had when it was opened. */
export function isUnchanged(fd: number, stamp: FileStamp): boolean {
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch {
    return false;
  }
  return st.size === stamp.size && st.mtimeMs === stamp.mtimeMs;
}

/** The DataError for a file that changed while it was read. */
export function changedFile(fileName: string): DataError {
  return new DataError('changed', fileName, ErrorText.changed(fileName));
}

/** What the file system said, in words. */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder';
    default: return code ?? String(e);
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device (a terminal or /dev/stdin, say)';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}
