/**
 * EmPanel: one webview panel per data file (reused when open), beside the file. It owns that file's fit
 * worker, keeps the state the webview needs after being hidden or reloaded (dataset, settings, last result,
 * error, status) and answers the webview's `ready` with it, so no retainContextWhenHidden is needed.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DatasetDto, ErrorDto, FitResultDto, FitSettingsDto, ProgressDto } from '../protocol/model';
import type { FromWebview, PanelStatus, ToWebview } from '../protocol/webview';
import { assertNever } from '../protocol/assertNever';
import { Disposable } from './disposable';
import { saveBeside, type ExportKind } from './exportFile';
import { FitWorker, type Reply } from './fitWorker';
import { panelHtml, webviewOptions } from './html';
import { hostMessages } from './messages';
import { maxFileBytes, rememberSettings, settingsFor, threadCount } from './settings';

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
  private loading: Promise<boolean> | undefined;
  private running: { jobId: number; reply: Promise<Reply> } | undefined;
  private pcaJob: { jobId: number; reply: Promise<Reply> } | undefined;
  private readonly worker: FitWorker;

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
    panel.webview.html = panelHtml(panel.webview, context.extensionUri, titleFor(uri));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.onDidChangeViewState(() => { if (panel.active) { EmPanel.lastActive = this; EmPanel.onStateChanged.fire(); } }));
    this._register(panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)));
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

  /** Reads and summarises the file in the worker. Resolves false (after showing the error) when it failed. */
  load(): Promise<boolean> {
    this.loading ??= this.doLoad().finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async doLoad(): Promise<boolean> {
    this.setStatus('loading');
    const name = path.basename(this.uri.path);
    let source: { kind: 'path'; path: string } | { kind: 'bytes'; bytes: ArrayBuffer };
    const dirty = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString() && d.isDirty);
    try {
      if (dirty) {
        source = { kind: 'bytes', bytes: toArrayBuffer(new TextEncoder().encode(dirty.getText())) };
      } else if (this.uri.scheme === 'file') {
        source = { kind: 'path', path: this.uri.fsPath };
      } else {
        // Remote and virtual file systems: read through VS Code, hand the bytes over without copying.
        source = { kind: 'bytes', bytes: toArrayBuffer(await vscode.workspace.fs.readFile(this.uri)) };
      }
    } catch (e) {
      this.fail({ code: 'unreadable', message: `${name}: the file could not be read (${(e as Error).message}). Check that it exists and that you may read it.` });
      return false;
    }
    const transfer = source.kind === 'bytes' ? [source.bytes] : [];
    const { reply } = this.worker.request(
      { type: 'load', request: { fileName: name, uri: this.uri.toString(), source, maxBytes: maxFileBytes() } },
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
      this.setStatus(this.result ? 'done' : 'ready');
      this.post({ type: 'dataset', dataset: r.dataset, settings: this.settings });
      return true;
    }
    if (r.type === 'error') this.fail(r.error);
    return false;
  }

  /** Runs a fit with the given (or current) settings; resolves when it ends in any way. */
  async fit(overrides?: Partial<FitSettingsDto>): Promise<FitOutcome> {
    if (this.running) this.cancel();
    this.cancelPca();
    if (!this.worker.loaded || !this.dataset) {
      if (!(await this.load())) return { status: 'error', error: this.error ?? { code: 'unreadable', message: 'The file could not be read.' } };
    }
    const settings: FitSettingsDto = { ...this.settings, ...overrides };
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
    // The thread was restarted under this request (the previous fit ignored its cancel): load again and refit.
    if (r.type === 'error' && r.error.code === 'worker-restarted') return this.fit(overrides);
    switch (r.type) {
      case 'result':
        this.result = r.result;
        this.setStatus('done');
        this.post({ type: 'result', result: r.result });
        return { status: 'done', result: r.result };
      case 'cancelled':
        this.setStatus(this.result ? 'done' : 'ready');
        this.post({ type: 'cancelled' });
        return { status: 'cancelled' };
      case 'error':
        this.fail(r.error);
        return { status: 'error', error: r.error };
      case 'loaded':
      case 'exported':
      case 'pca':
        return { status: 'error', error: { code: 'internal', message: `Unexpected reply ${r.type} to a fit.` } };
      default:
        return assertNever(r, 'worker reply');
    }
  }

  cancel(jobId?: number): boolean {
    const job = this.running;
    if (!job || (jobId !== undefined && job.jobId !== jobId)) return false;
    this.running = undefined;
    this.worker.cancel(job.jobId);
    return true;
  }

  /** Asks the worker for the export text and writes it beside the data file (asking before overwriting). */
  async export(kind: ExportKind, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!this.result) {
      void vscode.window.showWarningMessage(hostMessages.noResult());
      return undefined;
    }
    const { reply } = this.worker.request({ type: 'export', kind });
    const r = await reply;
    if (r.type !== 'exported') {
      if (r.type === 'error') void vscode.window.showErrorMessage(r.error.message);
      return undefined;
    }
    return saveBeside(this.uri, kind, new TextEncoder().encode(r.text), target);
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

  private cancelPca(): void {
    if (this.pcaJob) this.worker.cancel(this.pcaJob.jobId);
    this.pcaJob = undefined;
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', status: this.status, dataset: this.dataset, settings: this.settings, result: this.result, error: this.error });
        return;
      case 'fit':
        void this.fit(message.settings);
        return;
      case 'cancel':
        if (!this.cancel()) this.cancelPca();
        return;
      case 'pca':
        void this.pca();
        return;
      case 'cancelPca':
        this.cancelPca();
        return;
      case 'settingsChanged':
        this.settings = message.settings;
        void rememberSettings(this.context.workspaceState, this.uri, message.settings);
        return;
      case 'export':
        void this.export(message.kind);
        return;
      case 'savePng':
        void this.savePng(message.name, message.dataUrl);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.setStatusBarMessage('EM: copied to the clipboard', 3000));
        return;
      default:
        assertNever(message, 'webview message');
    }
  }

  private async savePng(name: string, dataUrl: string): Promise<void> {
    const prefix = 'data:image/png;base64,';
    if (!dataUrl.startsWith(prefix)) return;
    const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'chart';
    await saveBeside(this.uri, { png: safe }, Buffer.from(dataUrl.slice(prefix.length), 'base64'));
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

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

function describeProgress(p: ProgressDto): string {
  if (p.phase === 'reading') return `reading ${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%`;
  const model = p.nModels > 1 ? `model ${p.model + 1}/${p.nModels} (K=${p.k}, ${p.covarianceType}), ` : '';
  const run = p.refining ? `refining restart ${p.run + 1}` : `restart ${p.run + 1}/${p.nRuns}`;
  return `${model}${run}, iteration ${p.iteration}, log-likelihood ${p.logLikelihood.toFixed(2)}`;
}
