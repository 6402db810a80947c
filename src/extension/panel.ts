/**
 * EmPanel: one webview panel per data file (reused when open), beside the file. It owns that file's fit
 * worker, keeps the state the webview needs after being hidden or reloaded (dataset, settings, last result,
 * error, status) and answers the webview's `ready` with it, so no retainContextWhenHidden is needed. It watches
 * the file (FileWatch): a change marks the result stale and the next fit reads the file again. Every message from
 * the webview is checked before anything is done with it (panelInbox.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clampFitSettings } from '../protocol/limits';
import type { CodeLanguage, DatasetDto, ErrorDto, FitResultDto, FitSettingsDto, ProgressDto } from '../protocol/model';
import type { PanelStatus, ToWebview } from '../protocol/webview';
import { assertNever } from '../protocol/assertNever';
import { Disposable } from './disposable';
import { exportUri, placeBeside, saveBeside, tempBeside, type ExportKind } from './exportFile';
import { FileWatch } from './fileWatch';
import { pickCodeLanguage } from './codeLanguage';
import { FitWorker, type Reply, type Request } from './fitWorker';
import { panelHtml, webviewOptions } from './html';
import { isSource, sourceFor } from './loadSource';
import { log } from './log';
import { hostMessages } from './messages';
import { routeWebviewMessage, type PanelInbox } from './panelInbox';
import { describeProgress } from './progressText';
import { RowsHost } from './rowsHost';
import { csvFormulaGuard, maxFileBytes, memoryBudget, rememberSettings, settingsFor, threadCount } from './settings';

/** After a cancelled streamed export, when its temporary file is removed (the worker is stopped after at most ~2 s). */
const STREAMED_EXPORT_CLEANUP_MS = 5000;

export type FitOutcome = { status: 'done'; result: FitResultDto } | { status: 'error'; error: ErrorDto } | { status: 'cancelled' };

export class EmPanel extends Disposable {
  static readonly viewType = 'emExplorer.panel';
  private static readonly panels = new Map<string, EmPanel>();
  private static lastActive: EmPanel | undefined;
  private static readonly onStateChanged = new vscode.EventEmitter<void>();
  static readonly onDidChangeState = EmPanel.onStateChanged.event;

  private status: PanelStatus = 'loading';
  private dataset: DatasetDto | null = null;
  private settings: FitSettingsDto;
  private result: FitResultDto | null = null;
  private error: ErrorDto | null = null;
  private stale = false;
  private loading: Promise<boolean> | undefined;
  private running: { jobId: number; reply: Promise<Reply> } | undefined;
  /**
   * A fit being prepared (the file checked, maybe read again) before its job starts: its ticket, and whether Cancel
   * was pressed meanwhile (the panel enables Cancel at once, so a quick Cancel must not be lost).
   */
  private preparing: { ticket: number; cancelled: boolean } | undefined;
  private nextTicket = 0;
  private pcaJob: { jobId: number; reply: Promise<Reply> } | undefined;
  private readonly worker: FitWorker;
  private readonly watch: FileWatch;
  /** Pages of rows, rows revealed in the editor, rows exported. */
  readonly rows: RowsHost;

  /** Opens (or reveals) the panel of `uri` beside the active editor. */
  static createOrShow(context: vscode.ExtensionContext, uri: vscode.Uri): EmPanel {
    const existing = EmPanel.panels.get(uri.toString());
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(EmPanel.viewType, titleFor(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri));
    return new EmPanel(context, panel, uri);
  }

  /** Brings back a panel after a window reload (the webview kept the file's URI in its state). */
  static revive(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, uri: vscode.Uri): EmPanel {
    // Reset options so localResourceRoots uses the current extension URI.
    panel.webview.options = webviewOptions(context.extensionUri);
    return new EmPanel(context, panel, uri);
  }

  static forUri(uri: vscode.Uri): EmPanel | undefined {
    return EmPanel.panels.get(uri.toString());
  }

  /** The panel the user looked at last (for Cancel and Export from the palette). */
  static active(): EmPanel | undefined {
    return EmPanel.lastActive;
  }

  static isAnyFitting(): boolean {
    return [...EmPanel.panels.values()].some((p) => p.running !== undefined);
  }

  private constructor(private readonly context: vscode.ExtensionContext, readonly panel: vscode.WebviewPanel, readonly uri: vscode.Uri) {
    super();
    EmPanel.panels.set(uri.toString(), this);
    EmPanel.lastActive = this;
    this.settings = settingsFor(context.workspaceState, uri, null);
    this.worker = new FitWorker(path.join(context.extensionUri.fsPath, 'dist'), threadCount);
    this._register({ dispose: () => this.worker.dispose() });
    this.rows = new RowsHost(this, this.worker, (m) => this.post(m));
    this.watch = this._register(new FileWatch(uri, () => this.markStale()));
    panel.webview.html = panelHtml(panel.webview, context.extensionUri, titleFor(uri));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.onDidChangeViewState(() => { if (panel.active) { EmPanel.lastActive = this; EmPanel.onStateChanged.fire(); } }));
    // The webview is a security boundary: every message is checked before the host acts on it.
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => routeWebviewMessage(raw, this.inbox)));
    void this.load();
  }

  override dispose(): void {
    EmPanel.panels.delete(this.uri.toString());
    if (EmPanel.lastActive === this) EmPanel.lastActive = undefined;
    if (this.running) this.worker.cancel(this.running.jobId);
    this.cancelPca();
    super.dispose();
    this.panel.dispose();
    EmPanel.onStateChanged.fire();
  }

  get hasResult(): boolean {
    return this.result !== null;
  }

  get isFitting(): boolean {
    return this.running !== undefined;
  }

  /** The format the file was read as (undefined before it was read). */
  get format(): DatasetDto['format'] | undefined {
    return this.dataset?.format;
  }

  /** Whether the file changed (on disk or in its editor) since it was read: the result shown is then stale. */
  get isStale(): boolean {
    return this.stale;
  }

  /** Reads and summarises the file in the worker. Resolves false (after showing the error) when it failed. */
  load(): Promise<boolean> {
    this.loading ??= this.doLoad().finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async doLoad(): Promise<boolean> {
    this.setStatus('loading');
    const name = path.basename(this.uri.path);
    const maxBytes = maxFileBytes();
    await this.watch.mark();
    const source = await sourceFor(this.uri, name, maxBytes);
    if (!isSource(source)) {
      this.fail(source);
      return false;
    }
    const transfer = source.kind === 'bytes' ? [source.bytes] : [];
    const { reply } = this.worker.request(
      { type: 'load', request: { fileName: name, uri: this.uri.toString(), source, maxBytes, memoryBudgetBytes: memoryBudget() } },
      (progress) => this.post({ type: 'progress', progress }),
      transfer,
    );
    const r = await reply;
    // The thread was restarted under this request (a cancel it did not honour in time): read again.
    if (r.type === 'error' && r.error.code === 'worker-restarted') return this.doLoad();
    if (r.type === 'loaded') {
      this.dataset = r.dataset;
      this.settings = settingsFor(this.context.workspaceState, this.uri, r.dataset);
      this.error = null;
      this.setStale(false);
      this.setStatus(this.result ? 'done' : 'ready');
      this.post({ type: 'dataset', dataset: r.dataset, settings: this.settings });
      return true;
    }
    if (r.type === 'error') this.fail(r.error);
    return false;
  }

  /**
   * Runs a fit with the given (or current) settings; resolves when it ends in any way. A file that changed since
   * it was read is read again first, so a changed file is never fitted as if unchanged.
   */
  async fit(overrides?: Partial<FitSettingsDto>): Promise<FitOutcome> {
    if (this.running) this.cancel();
    this.cancelPca();
    const preparing = { ticket: ++this.nextTicket, cancelled: false };
    this.preparing = preparing;
    const readStarted = Date.now();
    const reread = !this.worker.loaded || !this.dataset || this.stale || (await this.watch.changedSinceMark());
    if (reread && !(await this.load())) {
      if (this.preparing === preparing) this.preparing = undefined;
      return { status: 'error', error: this.error ?? { code: 'unreadable', message: 'The file could not be read.' } };
    }
    // The read is part of the job the person waits for: the status line's time includes it.
    const readMs = reread ? Date.now() - readStarted : undefined;
    // Superseded by a later fit while preparing: that one goes on. Cancelled while preparing: nothing starts.
    if (this.preparing !== preparing) return { status: 'cancelled' };
    this.preparing = undefined;
    if (preparing.cancelled) {
      this.setStatus(this.result ? 'done' : 'ready');
      this.post({ type: 'cancelled' });
      return { status: 'cancelled' };
    }
    const settings = clampFitSettings({ ...this.settings, ...overrides }, this.settings);
    this.settings = settings;
    void rememberSettings(this.context.workspaceState, this.uri, settings);
    this.error = null;
    this.setStatus('fitting');
    let reportProgress: ((p: ProgressDto) => void) | undefined;
    const job = this.worker.request({ type: 'fit', settings }, (progress) => {
      this.post({ type: 'progress', progress });
      reportProgress?.(progress);
    });
    this.running = job;
    EmPanel.onStateChanged.fire();
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: hostMessages.fitting(path.basename(this.uri.path)), cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => this.cancel(job.jobId));
        reportProgress = (p) => progress.report({ message: describeProgress(p) });
        return job.reply;
      },
    );
    const r = await job.reply;
    if (this.running === job) this.running = undefined;
    EmPanel.onStateChanged.fire();
    // Superseded by a later fit (which cancelled this one): its reply, whatever it is, must not touch the panel,
    // or a late result or "cancelled" would say the panel is idle while the later fit runs.
    if (this.running !== undefined || this.preparing !== undefined) return { status: 'cancelled' };
    // The thread was restarted under this request (the previous fit ignored its cancel): load again and refit.
    if (r.type === 'error' && r.error.code === 'worker-restarted') return this.fit(overrides);
    switch (r.type) {
      case 'result': {
        const result = readMs === undefined ? r.result : { ...r.result, readMs };
        this.result = result;
        this.setStatus('done');
        this.post({ type: 'result', result });
        return { status: 'done', result };
      }
      case 'cancelled':
        this.setStatus(this.result ? 'done' : 'ready');
        this.post({ type: 'cancelled' });
        return { status: 'cancelled' };
      case 'error':
        this.fail(r.error);
        return { status: 'error', error: r.error };
      case 'loaded':
      case 'exported':
      case 'exportedFile':
      case 'pca':
      case 'rows':
      case 'rowLine':
      case 'compare':
        return { status: 'error', error: { code: 'internal', message: `Unexpected reply ${r.type} to a fit.` } };
      default:
        return assertNever(r, 'worker reply');
    }
  }

  cancel(jobId?: number): boolean {
    const job = this.running;
    if (!job && jobId === undefined && this.preparing) {
      this.preparing.cancelled = true;
      return true;
    }
    if (!job || (jobId !== undefined && job.jobId !== jobId)) return false;
    this.running = undefined;
    this.worker.cancel(job.jobId);
    return true;
  }

  /**
   * Asks the worker for the export text and writes it beside the data file (asking before replacing anything).
   * When the file changed since the result was fitted, asks first whether to export the old result anyway.
   */
  async export(kind: ExportKind, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!(await this.readyToExport())) return undefined;
    if (this.result?.streamed && kind === 'labels-csv') return this.exportStreamed(target ?? exportUri(this.uri, kind));
    const text = await this.exportedText({ type: 'export', kind, csvFormulaGuard: csvFormulaGuard() });
    return text === undefined ? undefined : saveBeside(this.uri, kind, new TextEncoder().encode(text), target);
  }

  /**
   * The labelled export of a streamed fit: the worker reads the file again and writes the rows to a temporary file
   * beside the target (progress and Cancel in a notification), which is then moved to the target as any export is.
   */
  private async exportStreamed(target: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (target.scheme !== 'file') {
      void vscode.window.showErrorMessage(hostMessages.exportNeedsLocalFolder(target.toString(true)));
      return undefined;
    }
    const temp = tempBeside(target);
    let report: ((p: ProgressDto) => void) | undefined;
    const job = this.worker.request({ type: 'exportStreamed', path: temp, csvFormulaGuard: csvFormulaGuard() }, (p) => report?.(p));
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: hostMessages.exportingStreamed(path.basename(this.uri.path)), cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => this.worker.cancel(job.jobId));
        report = (p) => progress.report({ message: describeProgress(p) });
        return job.reply;
      },
    );
    if (r.type === 'exportedFile') return placeBeside(this.uri, target, temp);
    // The worker removes its file when it stops; a worker stopped for not answering a cancel leaves it behind.
    setTimeout(() => fs.rmSync(temp, { force: true }), STREAMED_EXPORT_CLEANUP_MS).unref?.();
    if (r.type === 'error') void vscode.window.showErrorMessage(r.error.message);
    return undefined;
  }

  /**
   * Writes the fit as a script in `language` (asked when not given) beside the data file: `name.fit.py`, `.fit.R` or
   * `.spark.py`, which opens the data file by its path. Only a file on this machine's disk has a path a script can open.
   */
  async exportCode(language?: CodeLanguage, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (this.uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(hostMessages.codeNeedsLocalFile(path.basename(this.uri.path)));
      return undefined;
    }
    if (!this.result) {
      void vscode.window.showWarningMessage(hostMessages.noResult());
      return undefined;
    }
    const chosen = language ?? (await pickCodeLanguage());
    if (!chosen || !(await this.readyToExport())) return undefined;
    const text = await this.exportedText({ type: 'exportCode', language: chosen, path: this.uri.fsPath });
    return text === undefined ? undefined : saveBeside(this.uri, { code: chosen }, new TextEncoder().encode(text), target);
  }

  /** A result exists and, when the file changed since it was fitted, the person chose to export it anyway. */
  async readyToExport(): Promise<boolean> {
    if (!this.result) {
      void vscode.window.showWarningMessage(hostMessages.noResult());
      return false;
    }
    if (this.stale || (await this.watch.changedSinceMark())) {
      this.setStale(true);
      const anyway = 'Export Anyway';
      const again = 'Fit Again';
      const choice = await vscode.window.showWarningMessage(hostMessages.staleExport(path.basename(this.uri.path)), { modal: true }, anyway, again);
      if (choice === again) void this.fit();
      if (choice !== anyway) return false;
    }
    return true;
  }

  /** The worker's text of an export request; undefined (after showing why) when it failed. */
  private async exportedText(request: Extract<Request, { type: 'export' | 'exportCode' }>): Promise<string | undefined> {
    const r = await this.worker.request(request).reply;
    if (r.type === 'exported') return r.text;
    if (r.type === 'error') void vscode.window.showErrorMessage(r.error.message);
    return undefined;
  }

  /** Computes PC1 and PC2 of the current result in the worker (on request: the scatter shows them). */
  private async pca(): Promise<void> {
    if (!this.result) return this.post({ type: 'pca', pca: null, problem: hostMessages.noResult() });
    this.cancelPca();
    const job = this.worker.request({ type: 'pca' });
    this.pcaJob = job;
    const r = await job.reply;
    if (this.pcaJob === job) this.pcaJob = undefined;
    if (r.type === 'pca') this.post({ type: 'pca', pca: r.pca });
    else if (r.type === 'error') this.post({ type: 'pca', pca: null, problem: r.error.message });
  }

  /** The current result's clusters against a column of the file, computed in the worker. */
  private async compare(column: string): Promise<void> {
    if (!this.result) return this.post({ type: 'compare', column, comparison: null, problem: hostMessages.noResult() });
    const r = await this.worker.request({ type: 'compare', column }).reply;
    if (r.type === 'compare') this.post({ type: 'compare', column, comparison: r.comparison });
    else if (r.type === 'error') this.post({ type: 'compare', column, comparison: null, problem: r.error.message });
  }

  private cancelPca(): void {
    if (this.pcaJob) this.worker.cancel(this.pcaJob.jobId);
    this.pcaJob = undefined;
  }

  /** What the checked messages of the webview do. */
  private readonly inbox: PanelInbox = {
    ready: () => this.post({
      type: 'init', status: this.status, dataset: this.dataset, settings: this.settings, result: this.result, error: this.error, stale: this.stale,
    }),
    fit: (settings) => void this.fit(settings),
    cancel: () => { if (!this.cancel()) this.cancelPca(); },
    settingsChanged: (settings) => {
      this.settings = settings;
      void rememberSettings(this.context.workspaceState, this.uri, settings);
    },
    export: (kind) => void this.export(kind),
    exportCode: (language) => void this.exportCode(language),
    savePng: (name, png) => void saveBeside(this.uri, { png: name }, png),
    copy: (text) => void vscode.env.clipboard.writeText(text).then(() => vscode.window.setStatusBarMessage('EM: copied to the clipboard', 3000)),
    pca: () => void this.pca(),
    cancelPca: () => this.cancelPca(),
    rows: (request) => void this.rows.page(request),
    revealRow: (row) => void this.rows.reveal(row),
    exportRows: (view) => void this.rows.export(view),
    compare: (column) => void this.compare(column),
    rejected: (problem, wasFit) => {
      log().warn(`Ignored a message from the panel of ${this.uri.toString(true)}: ${problem}`);
      if (wasFit) this.fail({ code: 'bad-message', message: hostMessages.badMessage(problem) });
    },
  };

  private markStale(): void {
    if (this.dataset) this.setStale(true);
  }

  private setStale(stale: boolean): void {
    if (this.stale === stale) return;
    this.stale = stale;
    this.post({ type: 'stale', stale });
    EmPanel.onStateChanged.fire();
  }

  /** Posts to the webview; a message to a disposed webview is dropped. */
  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private fail(error: ErrorDto): void {
    this.error = error;
    this.setStatus('error');
    this.post({ type: 'error', error });
  }

  private setStatus(status: PanelStatus): void {
    this.status = status;
    EmPanel.onStateChanged.fire();
  }
}

function titleFor(uri: vscode.Uri): string {
  return `EM: ${path.basename(uri.path)}`;
}

