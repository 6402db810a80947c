/**
 * Writes exports to new files beside the data file (`name.clusters.csv`, `name.model.json`, `name.clusters.png`,
 * `name.fit.py`…).
 * The host makes every path: from the data file's name and a fixed suffix per export kind or chart name. Never
 * touches the data file. Local files are created exclusively and replaced only after asking, with the full path in
 * the question, and without following a symbolic link (see safeWrite.ts); other file systems go through
 * `workspace.fs` with the same questions.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeLanguage } from '../protocol/model';
import type { ChartName, ExportKind } from '../protocol/webview';
import { hostMessages } from './messages';
import { createExclusive, existing, isSameFile, placeExclusive, placeReplacing, replaceFile, type Existing } from './safeWrite';

export type { ExportKind };

/** What is exported: a kind of data export, a chart as PNG, the fit as a script, or the rows of a view (`rowsExportName`) as CSV. */
export type ExportWhat = ExportKind | { png: ChartName } | { code: CodeLanguage } | { rows: string };

const suffix: Record<ExportKind, string> = {
  'labels-csv': '.clusters.csv',
  'labels-json': '.clusters.json',
  'params-json': '.model.json',
};

/** Scripts of "Export Fit as Code": `faithful.fit.py`, `faithful.fit.R`, `faithful.spark.py`. */
const codeSuffix: Record<CodeLanguage, string> = { python: '.fit.py', r: '.fit.R', pyspark: '.spark.py' };

/** The default export path for a data file: the data file's name without extension (and `.gz`) + suffix. */
export function exportUri(source: vscode.Uri, what: ExportWhat): vscode.Uri {
  const dir = vscode.Uri.joinPath(source, '..');
  const name = path.posix.basename(source.path).replace(/\.gz$/i, '');
  const base = path.posix.basename(name, path.posix.extname(name));
  const end = typeof what === 'string' ? suffix[what] : 'png' in what ? `.${what.png}.png` : 'rows' in what ? `.${what.rows}.csv` : codeSuffix[what.code];
  return vscode.Uri.joinPath(dir, base + end);
}

/** How a path is shown when asking: the full local path, or the whole URI elsewhere. */
function shown(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

/**
 * Saves `bytes` to `target` (or the default path). When something is there already, asks (showing its full path):
 * Replace, Save As…, or cancel. Returns the written URI, or undefined when the person cancelled.
 */
export async function saveBeside(source: vscode.Uri, what: ExportWhat, bytes: Uint8Array, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? exportUri(source, what);
  try {
    return await save(source, uri, bytesContent(bytes));
  } catch (e) {
    void vscode.window.showErrorMessage(hostMessages.exportFailed(shown(uri), (e as Error).message));
    return undefined;
  }
}

/**
 * Moves a finished local file `temp` (written in `uri`'s folder, e.g. by the worker streaming an export) to `uri`,
 * with the same questions as `saveBeside`; a path picked in Save As… must be on this machine's disk too. `temp` is
 * removed when the person cancels or the move fails.
 */
export async function placeBeside(source: vscode.Uri, uri: vscode.Uri, temp: string): Promise<vscode.Uri | undefined> {
  try {
    return await save(source, uri, {
      createLocal: (file) => placeExclusive(temp, file),
      replaceLocal: (file) => placeReplacing(temp, file),
    });
  } catch (e) {
    void vscode.window.showErrorMessage(hostMessages.exportFailed(shown(uri), (e as Error).message));
    return undefined;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** A temporary file beside `uri` (same folder, so a move is a rename), for a file written before it is placed. */
export function tempBeside(uri: vscode.Uri): string {
  return path.join(path.dirname(uri.fsPath), `.${path.basename(uri.fsPath)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
}

/** What an export writes: on the local disk (exclusively, or replacing), or elsewhere through `workspace.fs`. */
interface Content {
  createLocal(file: string): 'created' | 'exists';
  replaceLocal(file: string): void;
  /** Absent: the content can only go to the local disk. */
  writeRemote?(uri: vscode.Uri): Promise<void>;
}

function bytesContent(bytes: Uint8Array): Content {
  return {
    createLocal: (file) => createExclusive(file, bytes),
    replaceLocal: (file) => replaceFile(file, bytes),
    writeRemote: async (uri) => { await vscode.workspace.fs.writeFile(uri, bytes); },
  };
}

async function save(source: vscode.Uri, first: vscode.Uri, content: Content): Promise<vscode.Uri | undefined> {
  let uri = first;
  let confirmed = false; // chosen in a save dialog, which asks about an existing file itself
  for (;;) {
    if (sameAsSource(uri, source)) {
      void vscode.window.showErrorMessage(hostMessages.wouldOverwriteData(shown(uri)));
      return undefined;
    }
    if (uri.scheme !== 'file' && !content.writeRemote) {
      void vscode.window.showErrorMessage(hostMessages.exportNeedsLocalFolder(shown(uri)));
      return undefined;
    }
    const outcome = uri.scheme === 'file' ? writeLocal(uri.fsPath, content, confirmed) : await writeRemote(uri, content, confirmed);
    if (outcome === 'written') break;
    const replace = 'Replace';
    const saveAs = 'Save As…';
    const buttons = outcome.kind === 'folder' ? [saveAs] : [replace, saveAs];
    const choice = await vscode.window.showWarningMessage(hostMessages.exists(shown(uri)), { modal: true, detail: describe(outcome) }, ...buttons);
    if (choice === replace) {
      if (uri.scheme === 'file') content.replaceLocal(uri.fsPath);
      else await content.writeRemote!(uri);
      break;
    }
    if (choice !== saveAs) return undefined;
    const picked = await vscode.window.showSaveDialog({ defaultUri: uri });
    if (!picked) return undefined;
    uri = picked;
    confirmed = true;
  }
  const open = 'Open';
  void vscode.window.showInformationMessage(hostMessages.exported(shown(uri)), open).then((c) => {
    if (c === open) void vscode.commands.executeCommand('vscode.open', uri);
  });
  return uri;
}

/** Creates the local file, or says what is in the way; a path confirmed in a save dialog is replaced (not followed). */
function writeLocal(file: string, content: Content, confirmed: boolean): 'written' | Existing {
  if (content.createLocal(file) === 'created') return 'written';
  const there = existing(file) ?? { kind: 'file' as const };
  if (confirmed && there.kind !== 'symlink' && there.kind !== 'folder') {
    content.replaceLocal(file);
    return 'written';
  }
  return there;
}

/** The same for other file systems (no exclusive create there: a stat, then the write). */
async function writeRemote(uri: vscode.Uri, content: Content, confirmed: boolean): Promise<'written' | Existing> {
  let stat: vscode.FileStat | undefined;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    stat = undefined;
  }
  const kind: Existing['kind'] | undefined = stat === undefined ? undefined
    : stat.type & vscode.FileType.SymbolicLink ? 'symlink' : stat.type & vscode.FileType.Directory ? 'folder' : 'file';
  if (kind === undefined || (confirmed && kind === 'file')) {
    await content.writeRemote!(uri);
    return 'written';
  }
  return { kind };
}

function describe(e: Existing): string {
  if (e.kind === 'symlink') return hostMessages.isLink(e.linkTarget);
  if (e.kind === 'folder') return hostMessages.isFolder();
  return hostMessages.replaceDetail();
}

function sameAsSource(uri: vscode.Uri, source: vscode.Uri): boolean {
  if (uri.toString() === source.toString()) return true;
  return uri.scheme === 'file' && source.scheme === 'file' && isSameFile(uri.fsPath, source.fsPath);
}
