/** The extension's log (Output → EM Explorer): what the host ignored and why. Made on first use. */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('EM Explorer', { log: true });
  return channel;
}

/** Closes the log (on deactivation). */
export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
