/** The five commands: Fit Mixture Model, Open Sample Data, Export Clusters…, Export Fit as Code…, Cancel Fit. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodeLanguage, FitSettingsDto } from '../protocol/model';
import { CODE_LANGUAGES } from '../protocol/limits';
import type { ExportKind } from './exportFile';
import { hostMessages } from './messages';
import { EmPanel, type FitOutcome } from './panel';

const DATA_EXTENSIONS = ['csv', 'tsv', 'tab', 'json', 'jsonl', 'ndjson'];
/** Binary columnar files: Parquet, and Arrow IPC files (.arrow, Feather v2's .feather) and streams (.arrows). */
const COLUMNAR_EXTENSIONS = ['parquet', 'arrow', 'arrows', 'feather'];

/** Options the command API accepts (tests and other extensions); menus pass none. */
export interface FitCommandOptions {
  settings?: Partial<FitSettingsDto>;
  /** Resolve with the outcome instead of as soon as the fit has started. */
  wait?: boolean;
}

/** Whether the file is one EM Explorer reads: a text data extension, optionally followed by `.gz` (data.csv.gz), or a columnar one. */
export function isDataFile(uri: vscode.Uri): boolean {
  const name = path.posix.basename(uri.path).toLowerCase();
  if (COLUMNAR_EXTENSIONS.includes(path.posix.extname(name).slice(1))) return true;
  return DATA_EXTENSIONS.includes(path.posix.extname(name.replace(/\.gz$/, '')).slice(1));
}

/**
 * The file to fit: the menu's argument, else the active editor's file, else the active tab's file (a file
 * over VS Code's 50 MB editor-sync limit, or a binary file such as Parquet, has a tab but no text editor; a
 * Parquet viewer extension shows it in a custom editor), else the active panel's, else ask.
 */
async function targetUri(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor && isDataFile(editor)) return editor;
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if ((tab instanceof vscode.TabInputText || tab instanceof vscode.TabInputCustom) && isDataFile(tab.uri)) return tab.uri;
  const panel = EmPanel.active();
  if (panel) return panel.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Fit Mixture Model',
    filters: { 'Data files': [...DATA_EXTENSIONS, 'gz', ...COLUMNAR_EXTENSIONS] },
  });
  return picked?.[0];
}

export async function fitCommand(context: vscode.ExtensionContext, arg?: unknown, options?: unknown): Promise<FitOutcome | undefined> {
  // A URI given (the explorer menu, the editor title, a caller) starts the fit at once, so a Cancel that follows
  // finds it.
  const uri = arg instanceof vscode.Uri ? arg : await targetUri(arg);
  if (!uri) return undefined;
  if (!isDataFile(uri)) {
    void vscode.window.showErrorMessage(hostMessages.notDataFile(path.posix.basename(uri.path)));
    return undefined;
  }
  const opts = isFitOptions(options) ? options : {};
  const panel = EmPanel.createOrShow(context, uri);
  const outcome = panel.fit(opts.settings);
  return opts.wait ? outcome : undefined;
}

function isFitOptions(value: unknown): value is FitCommandOptions {
  return !!value && typeof value === 'object' && !Array.isArray(value) && ('settings' in value || 'wait' in value);
}

export function cancelCommand(): boolean {
  const panel = EmPanel.active();
  if (!panel || !panel.cancel()) {
    void vscode.window.showInformationMessage(hostMessages.nothingToCancel());
    return false;
  }
  return true;
}

const SAMPLES = [
  { id: 'faithful', file: 'faithful.csv', label: 'Old Faithful eruptions', detail: '272 rows × 2 columns: eruption time and waiting time (R datasets::faithful). Two clear clusters.' },
  { id: 'iris', file: 'iris.csv', label: 'Iris flowers', detail: "150 rows × 4 measurements of three species (Fisher's iris)." },
];

export async function openSampleCommand(context: vscode.ExtensionContext, which?: unknown): Promise<vscode.Uri | undefined> {
  let sample = SAMPLES.find((s) => s.id === which);
  if (!sample) {
    const picked = await vscode.window.showQuickPick(SAMPLES.map((s) => ({ ...s, description: s.file })), { placeHolder: 'Open a sample data set' });
    sample = picked && SAMPLES.find((s) => s.id === picked.id);
  }
  if (!sample) return undefined;
  const uri = vscode.Uri.joinPath(context.extensionUri, 'samples', sample.file);
  await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.One });
  void EmPanel.createOrShow(context, uri).fit();
  return uri;
}

const EXPORTS: { kind: ExportKind; label: string; detail: string }[] = [
  { kind: 'labels-csv', label: 'Labelled data as CSV', detail: 'The original columns plus cluster, p_1…p_K, uncertainty and imputed values' },
  { kind: 'labels-json', label: 'Labelled data as JSON', detail: 'The same, as an array of records' },
  { kind: 'params-json', label: 'Model parameters as JSON', detail: 'Weights, means, covariances, log-likelihood, BIC…' },
];

export async function exportCommand(arg?: unknown, options?: unknown): Promise<vscode.Uri | undefined> {
  const panel = arg instanceof vscode.Uri ? EmPanel.forUri(arg) : EmPanel.active();
  if (!panel) {
    void vscode.window.showWarningMessage(hostMessages.noPanel());
    return undefined;
  }
  const opts = (options && typeof options === 'object' ? options : {}) as { kind?: ExportKind; target?: vscode.Uri };
  let kind = opts.kind;
  if (!kind) {
    const picked = await vscode.window.showQuickPick(EXPORTS.map((e) => ({ label: e.label, detail: e.detail, exportKind: e.kind })), { placeHolder: 'Export what?' });
    kind = picked?.exportKind;
  }
  if (!kind) return undefined;
  return panel.export(kind, opts.target);
}

/**
 * EM: Export Fit as Code…: the active panel's (or `arg`'s) fit as a Python, R or PySpark script beside the data file.
 * `options` (tests, other extensions): `language` skips the question, `target` names the file.
 */
export async function exportCodeCommand(arg?: unknown, options?: unknown): Promise<vscode.Uri | undefined> {
  const panel = arg instanceof vscode.Uri ? EmPanel.forUri(arg) : EmPanel.active();
  if (!panel) {
    void vscode.window.showWarningMessage(hostMessages.noPanel());
    return undefined;
  }
  const opts = (options && typeof options === 'object' ? options : {}) as { language?: unknown; target?: unknown };
  const language = CODE_LANGUAGES.find((l) => l === opts.language) as CodeLanguage | undefined;
  return panel.exportCode(language, opts.target instanceof vscode.Uri ? opts.target : undefined);
}
