/** Activation: registers the commands, the panel serializer and the context keys the menus use. */
import * as vscode from 'vscode';
import { cancelCommand, exportCodeCommand, exportCommand, fitCommand, openSampleCommand } from './commands';
import { disposeLog } from './log';
import { EmPanel } from './panel';

/** What `activate` returns (vscode.extensions.getExtension(…).exports): read-only panel state, for tests. */
export interface EmExplorerApi {
  /** Whether the panel of `uri` shows a result of data that changed since it was read; undefined without a panel. */
  isStale(uri: vscode.Uri): boolean | undefined;
  /** Reveals table row `row` of the panel of `uri` in the editor as a click in the panel does; resolves with its line. */
  revealRow(uri: vscode.Uri, row: number): Promise<number | undefined>;
}

export function activate(context: vscode.ExtensionContext): EmExplorerApi {
  context.subscriptions.push(
    vscode.commands.registerCommand('emExplorer.fit', (arg?: unknown, options?: unknown) => fitCommand(context, arg, options)),
    vscode.commands.registerCommand('emExplorer.openSample', (which?: unknown) => openSampleCommand(context, which)),
    vscode.commands.registerCommand('emExplorer.exportClusters', (arg?: unknown, options?: unknown) => exportCommand(arg, options)),
    vscode.commands.registerCommand('emExplorer.exportCode', (arg?: unknown, options?: unknown) => exportCodeCommand(arg, options)),
    vscode.commands.registerCommand('emExplorer.cancel', () => cancelCommand()),
    vscode.window.registerWebviewPanelSerializer(EmPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const uri = uriFromState(state);
        if (uri) EmPanel.revive(context, panel, uri);
        else panel.dispose();
      },
    }),
    EmPanel.onDidChangeState(() => updateContextKeys()),
    { dispose: disposeLog },
  );
  return {
    isStale: (uri) => EmPanel.forUri(uri)?.isStale,
    revealRow: async (uri, row) => EmPanel.forUri(uri)?.rows.reveal(row),
  };
}

export function deactivate(): void {}

function updateContextKeys(): void {
  const panel = EmPanel.active();
  void vscode.commands.executeCommand('setContext', 'emExplorer.hasResult', !!panel?.hasResult);
  void vscode.commands.executeCommand('setContext', 'emExplorer.fitting', EmPanel.isAnyFitting());
}

/** The webview keeps its file's URI in its state (`uri`, or `dataset.uri`). */
function uriFromState(state: unknown): vscode.Uri | undefined {
  const s = state as { uri?: unknown; dataset?: { uri?: unknown } } | undefined;
  const text = typeof s?.uri === 'string' ? s.uri : typeof s?.dataset?.uri === 'string' ? s.dataset.uri : undefined;
  try {
    return text ? vscode.Uri.parse(text, true) : undefined;
  } catch {
    return undefined;
  }
}
