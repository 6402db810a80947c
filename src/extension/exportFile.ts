/**
 * Writes exports to new files beside the data file (`name.clusters.csv`, `name.model.json`,
 * `name.scatter.png`…). Never touches the data file; asks before overwriting anything.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hostMessages } from './messages';

export type ExportKind = 'labels-csv' | 'labels-json' | 'params-json';

const suffix: Record<ExportKind, string> = {
  'labels-csv': '.clusters.csv',
  'labels-json': '.clusters.json',
  'params-json': '.model.json',
};

/** The default export path for a data file: the data file's name without extension + suffix. */
export function exportUri(source: vscode.Uri, what: ExportKind | { png: string }): vscode.Uri {
  const dir = vscode.Uri.joinPath(source, '..');
  const base = path.posix.basename(source.path, path.posix.extname(source.path));
  const end = typeof what === 'string' ? suffix[what] : `.${what.png}.png`;
  return vscode.Uri.joinPath(dir, base + end);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves `bytes` to `target` (or the default path). If that file exists, asks: Overwrite, Save As…, or
 * cancel. Returns the written URI, or undefined when the user cancelled.
 */
export async function saveBeside(source: vscode.Uri, what: ExportKind | { png: string }, bytes: Uint8Array, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let uri = target ?? exportUri(source, what);
  if (uri.toString() === source.toString()) uri = exportUri(source, what);
  if (await exists(uri)) {
    const overwrite = 'Overwrite';
    const saveAs = 'Save As…';
    const choice = await vscode.window.showWarningMessage(hostMessages.exists(path.posix.basename(uri.path)), { modal: true }, overwrite, saveAs);
    if (choice === saveAs) {
      const picked = await vscode.window.showSaveDialog({ defaultUri: uri });
      if (!picked || picked.toString() === source.toString()) return undefined;
      uri = picked;
    } else if (choice !== overwrite) {
      return undefined;
    }
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  const open = 'Open';
  void vscode.window.showInformationMessage(hostMessages.exported(path.posix.basename(uri.path)), open).then((c) => {
    if (c === open) void vscode.commands.executeCommand('vscode.open', uri);
  });
  return uri;
}
