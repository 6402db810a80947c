/**
 * Knows whether a panel's data file still is what was read: a FileSystemWatcher on the file, edits to its open
 * document, and a size-and-time stamp taken before each read (checked again before a fit, for changes a watcher
 * cannot see, such as a file outside the workspace on some systems).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Stamp {
  mtime: number;
  size: number;
}

export class FileWatch implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private stamp: Stamp | undefined;

  /** `onChange` is called when the file may have changed since the last `mark` (it checks before calling). */
  constructor(private readonly uri: vscode.Uri, onChange: () => void) {
    const dir = vscode.Uri.joinPath(uri, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, globLiteral(path.posix.basename(uri.path))));
    const changed = () => void this.changedSinceMark().then((yes) => { if (yes) onChange(); });
    this.disposables.push(
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
      // Unsaved edits count too: a dirty document is read from the editor, not from the disk.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === uri.toString() && e.contentChanges.length > 0) onChange();
      }),
    );
  }

  /** Records the file's size and modification time, just before it is read. */
  async mark(): Promise<void> {
    this.stamp = await statOf(this.uri);
  }

  /** Whether the file's size or modification time differ from the last `mark` (true when it cannot be told). */
  async changedSinceMark(): Promise<boolean> {
    const now = await statOf(this.uri);
    return this.stamp === undefined || now === undefined || now.mtime !== this.stamp.mtime || now.size !== this.stamp.size;
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

async function statOf(uri: vscode.Uri): Promise<Stamp | undefined> {
  try {
    const s = await vscode.workspace.fs.stat(uri);
    return { mtime: s.mtime, size: s.size };
  } catch {
    return undefined;
  }
}

/** A glob that matches the file name literally: glob characters become `?` (any one character). */
export function globLiteral(name: string): string {
  return name.replace(/[*?[\]{}!]/g, '?');
}
