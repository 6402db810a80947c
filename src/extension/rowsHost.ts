/**
 * The host's part of the rows view: forwards page requests to the panel's worker, reveals a row in the editor (the
 * worker maps the row's index to its line, so the webview never names a line), and exports a view's rows as CSV
 * beside the data file. The messages arrive already checked (panelInbox.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DatasetDto } from '../protocol/model';
import type { RowsRequestDto, RowsViewDto } from '../protocol/rows';
import type { ToWebview } from '../protocol/webview';
import { saveBeside } from './exportFile';
import type { FitWorker } from './fitWorker';
import { hostMessages } from './messages';
import { rowNotice } from './rowNotice';
import { csvFormulaGuard } from './settings';

/** What the rows view needs of its panel. */
export interface RowsPanel {
  readonly uri: vscode.Uri;
  readonly panel: vscode.WebviewPanel;
  readonly hasResult: boolean;
  readonly isStale: boolean;
  /** The format the file was read as (undefined before it was read). */
  readonly format: DatasetDto['format'] | undefined;
  /** A result exists and, when the file changed since the fit, the person chose to go on with it; false = stop. */
  readyToExport(): Promise<boolean>;
}

export class RowsHost {
  constructor(private readonly owner: RowsPanel, private readonly worker: FitWorker, private readonly post: (m: ToWebview) => void) {}

  /** Answers a page request with the page, or with why there is none. */
  async page(request: RowsRequestDto): Promise<void> {
    const requestId = request.requestId;
    if (!this.owner.hasResult) return this.post({ type: 'rows', requestId, page: null, problem: hostMessages.noRows() });
    const r = await this.worker.request({ type: 'rows', request }).reply;
    if (r.type === 'rows') this.post({ type: 'rows', requestId, page: r.page });
    else this.post({ type: 'rows', requestId, page: null, problem: r.type === 'error' ? r.error.message : hostMessages.noRows() });
  }

  /**
   * Opens the data file at the line of table row `row` (the start of its element in a JSON array), selected, in the
   * editor group next to the panel. Resolves with the line, or undefined when it could not be shown.
   */
  async reveal(row: number): Promise<number | undefined> {
    const r = await this.worker.request({ type: 'rowLine', row }).reply;
    if (r.type !== 'rowLine') {
      if (r.type === 'error') void vscode.window.showErrorMessage(r.error.message);
      return undefined;
    }
    const { uri } = this.owner;
    const name = path.posix.basename(uri.path);
    // A gzip, Parquet or Arrow file has no line of text to show: the row number is said instead.
    const notice = rowNotice(name, this.owner.format, row, r.line);
    if (notice) {
      void vscode.window.showInformationMessage(notice);
      return undefined;
    }
    if (this.owner.isStale) vscode.window.setStatusBarMessage(hostMessages.staleRow(name, r.line), 6000);
    await revealLine(uri, r.line, this.besidePanel());
    return r.line;
  }

  /** Writes the view's rows to `<name>.<view>.csv` beside the data file (asking before replacing anything). */
  async export(view: RowsViewDto, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!(await this.owner.readyToExport())) return undefined;
    const r = await this.worker.request({ type: 'exportRows', view, csvFormulaGuard: csvFormulaGuard() }).reply;
    if (r.type !== 'exported') {
      if (r.type === 'error') void vscode.window.showErrorMessage(r.error.message);
      return undefined;
    }
    return saveBeside(this.owner.uri, { rows: rowsExportName(view) }, new TextEncoder().encode(r.text), target);
  }

  /** The group where the file is shown already, else the one left of the panel (right of it when it is first). */
  private besidePanel(): vscode.ViewColumn {
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.owner.uri.toString());
    if (shown?.viewColumn !== undefined) return shown.viewColumn;
    const column = this.owner.panel.viewColumn;
    return column === undefined || column <= vscode.ViewColumn.One ? vscode.ViewColumn.Beside : column - 1;
  }
}

/** The export's name part, made by the host from the checked view: `selection`, `cluster-2` (1-based) or `rows`. */
export function rowsExportName(view: RowsViewDto): string {
  return view.kind === 'cluster' ? `cluster-${view.component + 1}` : view.kind === 'selection' ? 'selection' : 'rows';
}

/**
 * Shows `uri` with line `line` (1-based) selected and centred, focused. A file too large for the extension host to
 * open as a document (over VS Code's 50 MB sync limit) is opened by the workbench itself at that line.
 */
export async function revealLine(uri: vscode.Uri, line: number, viewColumn: vscode.ViewColumn): Promise<void> {
  const at = new vscode.Position(Math.max(0, line - 1), 0);
  let doc: vscode.TextDocument | undefined;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    doc = undefined;
  }
  if (!doc) {
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn, selection: new vscode.Range(at, at), preserveFocus: false, preview: true });
    return;
  }
  const range = at.line < doc.lineCount ? doc.lineAt(at.line).range : new vscode.Range(at, at);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn, selection: range, preserveFocus: false, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
