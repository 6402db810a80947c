/**
 * Writing export files on the local disk without races and without following links. A new file is created
 * exclusively (O_CREAT | O_EXCL), which fails on anything already there, a symbolic link included, even one that
 * points nowhere; so a file that appears between a check and the write is never overwritten. Replacing (after the
 * person said so) writes a fresh temporary file beside the target and renames it over the target: the rename
 * replaces a link itself, never the file it points to. Node only (no vscode), unit-tested.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What is already at a path that could not be created. */
export interface Existing {
  kind: 'file' | 'symlink' | 'folder' | 'other';
  /** For a symbolic link: where it points (as written in the link). */
  linkTarget?: string;
}

/** Writes `bytes` to a new file at `file`; 'exists' (nothing written) when anything is already there. */
export function createExclusive(file: string, bytes: Uint8Array): 'created' | 'exists' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw e;
  }
  try {
    writeAll(fd, bytes);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  return 'created';
}

/**
 * Moves a finished file (`temp`, written in the target's folder) to `file` only when nothing is there: a hard link
 * is created exclusively (it fails on anything already at `file`, a link included, and never follows one), then
 * `temp` is removed. 'exists' leaves `temp` in place.
 */
export function placeExclusive(temp: string, file: string): 'created' | 'exists' {
  try {
    fs.linkSync(temp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    // A file system without hard links (FAT, some network shares): look, then rename (a race of a few microseconds).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    if (existing(file) !== undefined) return 'exists';
    fs.renameSync(temp, file);
    return 'created';
  }
  fs.rmSync(temp, { force: true });
  return 'created';
}

/** Moves a finished file (`temp`, in the same folder) over whatever file or link is at `file` (not a folder). */
export function placeReplacing(temp: string, file: string): void {
  if (existing(file)?.kind === 'folder') throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
  fs.renameSync(temp, file);
}

/** What is at `file` (without following a link), or undefined when nothing is. */
export function existing(file: string): Existing | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (st.isSymbolicLink()) {
    let linkTarget: string | undefined;
    try {
      linkTarget = fs.readlinkSync(file);
    } catch {
      linkTarget = undefined;
    }
    return { kind: 'symlink', linkTarget };
  }
  return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other' };
}

/**
 * Replaces whatever file or link is at `file` with `bytes`, atomically: a temporary file created exclusively in
 * the same folder, then renamed over `file`. A link at `file` is replaced by the new file; what it pointed to is
 * left as it was. A folder is not replaced (the rename fails).
 */
export function replaceFile(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  if (createExclusive(temp, bytes) !== 'created') throw new Error(`could not create a temporary file in ${dir}`);
  try {
    if (existing(file)?.kind === 'folder') throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Whether writing at `target` would touch the file at `source`: the same path once folders' links are resolved,
 * or the same file (a hard link, another spelling on a case-insensitive disk).
 */
export function isSameFile(target: string, source: string): boolean {
  const resolve = (p: string) => {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  };
  if (resolve(target) === resolve(source)) return true;
  try {
    const a = fs.lstatSync(target);
    const b = fs.statSync(source);
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}
