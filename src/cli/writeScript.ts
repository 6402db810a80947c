/**
 * Writes an exported script for `export-code --out PATH`: created exclusively (nothing there is ever replaced unless
 * --force), never the data file itself (not by another path or a hard link either), never through a symbolic link.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './args';
import { cliMessages } from './messages';

/** Writes `text` to `out`. Throws CliError when something is in the way and `force` is not set, or `out` is the data. */
export function writeScript(out: string, text: string, dataFile: string, force: boolean): void {
  const there = stat(out);
  const data = stat(dataFile);
  if (there && data && there.dev === data.dev && there.ino === data.ino) throw new CliError(cliMessages.outIsData(out));
  if (there?.isDirectory()) throw new CliError(cliMessages.outIsFolder(out));
  if (!there) {
    try {
      fs.writeFileSync(out, text, { flag: 'wx' }); // fails if anything appeared there since the check
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (!force) throw new CliError(cliMessages.outExists(out));
    }
  }
  if (!force) throw new CliError(cliMessages.outExists(out));
  // A new file renamed over the old one: a symbolic link at `out` is replaced, never written through.
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text, { flag: 'wx' });
  try {
    fs.renameSync(temp, out);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** lstat, or undefined when nothing is there. */
function stat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}
