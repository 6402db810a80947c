/** A base for objects that own disposables (custom-editor-sample's pattern). */
import type * as vscode from 'vscode';

export abstract class Disposable {
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}
