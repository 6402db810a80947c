/**
 * What one fit worker holds and does: the parsed table of its data file (kept, so fitting again with
 * other options does not re-read the file), the last fit, and the handling of each ToWorker message.
 * Helper threads only through ExecutorPool (threads > 1); tests drive it with a fake `post`.
 */
import type { GaussianParams } from '../core';
import type { Table } from '../data';
import type { CodeLanguage, FitResultDto, ProgressDto } from '../protocol/model';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { assertNever } from '../protocol/assertNever';
import { datasetDto } from './datasetDto';
import { ExecutorPool } from './executorPool';
import { exportText } from './exportText';
import { codeSource, exportCode } from './codeExport';
import { toErrorDto, WorkerError, workerMessages } from './messages';
import { principalComponents } from './pca';
import { compareWithColumn } from './compare';
import { readSource } from './readSource';
import { RowPages, shownColumns } from './rowPages';
import { runFit, type FitOutcome } from './runFit';
import { openStreamedFile, type StreamedFile } from './stream/streamedFile';
import { writeRowGroupLabels, writeStreamedLabels, type StreamedExportOptions } from './stream/labelledExport';
import type { PassProgress } from './stream/fileRows';
import { rowGroupTable, runRowGroupFit, runStreamedFit } from './stream/streamFit';
import { ColumnarTable } from '../data/columnar';

export interface SessionOptions {
  /** Slot 0 holds the jobId the host wants cancelled. */
  cancelFlag: Int32Array;
  /** Threads for large fits (1 = in this thread only). */
  threads: number;
  /** Folder of the bundles (for helper threads). */
  distDir: string;
  post(message: FromWorker, transfer?: ArrayBuffer[]): void;
}

/** Minimum interval between progress messages, so a fast fit does not flood the host. */
const PROGRESS_INTERVAL_MS = 50;

export class WorkerSession {
  /** Messages are handled one at a time, in order, even when one waits (a gzip file is read asynchronously). */
  private queue: Promise<void> = Promise.resolve();
  private table: Table | undefined;
  /** Set when the file is larger than the memory budget: `table` is then only its head, and fits read it in passes. */
  private streamed: StreamedFile | undefined;
  private fileName = '';
  /** The load request's memory budget and the file's size (a Parquet file's fitted columns above it are read by row groups). */
  private budget: number | undefined;
  private sizeBytes = 0;
  private last: { outcome: FitOutcome; dto: FitResultDto } | undefined;
  /** The rows view of the last fit (made when first asked for). */
  private rowPages: RowPages | undefined;
  private readonly executors: ExecutorPool;

  constructor(private readonly options: SessionOptions) {
    this.executors = new ExecutorPool(options.threads, options.distDir);
  }

  /** Queues a message; the promise settles once it has been handled and its reply posted. */
  handle(message: ToWorker): Promise<void> {
    this.queue = this.queue.then(() => this.run(message));
    return this.queue;
  }

  private async run(message: ToWorker): Promise<void> {
    try {
      switch (message.type) {
        case 'load': return await this.load(message.jobId, message.request);
        case 'fit': return await this.fit(message.jobId, message.settings);
        case 'export': return await this.export(message.jobId, message.kind, message.csvFormulaGuard);
        case 'exportCode': return this.exportCode(message.jobId, message.language, message.path);
        case 'exportStreamed': return this.exportStreamed(message.jobId, message.path, message.csvFormulaGuard);
        case 'pca': return this.pca(message.jobId);
        case 'rows': {
          const pages = await this.rows(message.jobId);
          return this.options.post({ type: 'rows', jobId: message.jobId, page: pages.page(message.request) });
        }
        case 'rowLine': return this.options.post({ type: 'rowLine', jobId: message.jobId, line: this.rowLine(message.row) });
        case 'exportRows': {
          const pages = await this.rows(message.jobId, true);
          const text = pages.csv(message.view, message.csvFormulaGuard);
          await this.rows(message.jobId);
          return this.options.post({ type: 'exported', jobId: message.jobId, text });
        }
        case 'compare': return await this.compare(message.jobId, message.column);
        default: assertNever(message, 'worker message');
      }
    } catch (e) {
      if (isCancel(e)) {
        this.options.post({ type: 'cancelled', jobId: message.jobId });
      } else {
        this.options.post({ type: 'error', jobId: message.jobId, error: toErrorDto(e) });
      }
    }
  }

  private async load(jobId: number, request: Extract<ToWorker, { type: 'load' }>['request']): Promise<void> {
    let lastPost = 0;
    this.table = undefined;
    this.streamed = undefined;
    this.last = undefined;
    this.rowPages = undefined;
    this.fileName = request.fileName;
    this.budget = request.memoryBudgetBytes;
    const streamed = openStreamedFile(request);
    if (streamed) {
      this.streamed = streamed;
      this.table = streamed.head;
      this.options.post({ type: 'loaded', jobId, dataset: datasetDto(streamed.head, request, streamed.stamp.size) });
      return;
    }
    const { table, sizeBytes } = await readSource(request, {
      isCancelled: () => Atomics.load(this.options.cancelFlag, 0) === jobId,
      onProgress: (bytesRead, totalBytes) => {
        const now = Date.now();
        if (now - lastPost >= PROGRESS_INTERVAL_MS) {
          lastPost = now;
          this.options.post({ type: 'progress', jobId, progress: { phase: 'reading', bytesRead, totalBytes } });
        }
      },
    });
    this.table = table;
    this.sizeBytes = sizeBytes;
    this.options.post({ type: 'loaded', jobId, dataset: datasetDto(table, request, sizeBytes) });
  }

  private async fit(jobId: number, settings: Extract<ToWorker, { type: 'fit' }>['settings']): Promise<void> {
    if (!this.table) throw new WorkerError('not-loaded', workerMessages.notLoaded());
    const started = Date.now();
    // A columnar table decodes the fitted columns now (names it does not know are left for the fit to report), unless
    // they are larger than the memory budget: a Parquet file is then read one row group at a time, for every pass.
    const byGroups = this.streamed ? undefined : rowGroupTable(this.table, settings, this.budget);
    if (!this.streamed) await this.prepare(jobId, this.table, byGroups ? [] : settings.columns.map((name) => this.table!.columns.findIndex((c) => c.name === name)).filter((k) => k >= 0));
    let lastPost = 0, lastPass = 0;
    const post = (progress: ProgressDto, force: boolean): void => {
      const now = Date.now();
      if (force || now - lastPost >= PROGRESS_INTERVAL_MS) {
        lastPost = now;
        this.options.post({ type: 'progress', jobId, progress });
      }
    };
    const hooks = {
      isCancelled: () => Atomics.load(this.options.cancelFlag, 0) === jobId,
      executorFor: (rows: number) => this.executors.executorFor(rows),
      onProgress: post,
    };
    const passHooks = { ...hooks, onPass: (p: PassProgress) => { post({ phase: 'streaming', ...p }, p.pass !== lastPass); lastPass = p.pass; } };
    const outcome = this.streamed
      ? runStreamedFit(this.streamed, settings, passHooks)
      : byGroups
        ? runRowGroupFit(byGroups, this.fileName, this.sizeBytes, this.budget!, settings, passHooks)
        : runFit(this.table, this.fileName, settings, hooks);
    // The job's time includes the decoding of a columnar table's fitted columns above.
    outcome.dto.totalMs = Date.now() - started;
    this.last = { outcome, dto: outcome.dto };
    this.rowPages = undefined;
    this.options.post({ type: 'result', jobId, result: outcome.dto });
  }

  /** PC1 and PC2 of the last fit's columns (imputed cells filled in), over the rows it used. */
  private pca(jobId: number): void {
    if (!this.last) throw new WorkerError('no-result', workerMessages.noResult());
    const { numeric, fit, dto } = this.last.outcome;
    const x = numeric.x;
    const filled = numeric.imputed ? { data: numeric.imputed, rows: x.rows, cols: x.cols } : x;
    const pca = principalComponents({
      x: filled, rows: fit.rowsUsed, seed: dto.settings.seed,
      isCancelled: () => Atomics.load(this.options.cancelFlag, 0) === jobId,
    });
    this.options.post({ type: 'pca', jobId, pca });
  }

  /**
   * The rows view of the last fit, its cells readable: a columnar table decodes the columns it shows (`every` for an
   * export of whole rows) beside the fitted ones.
   */
  private async rows(jobId: number, every = false): Promise<RowPages> {
    if (!this.table || !this.last) throw new WorkerError('no-result', workerMessages.noResult());
    // The table of a streamed file is its head only, and the fit's per-row arrays are the scatter's sample's.
    if (this.rowsNotHeld()) throw new WorkerError('streamed-rows', workerMessages.streamedRows(this.fileName));
    const table = this.table;
    const { fit, dto } = this.last.outcome;
    const fitted = [...this.last.outcome.numeric.columns, ...this.last.outcome.categorical.columns];
    const shown = every ? table.columns.map((_, k) => k) : shownColumns(table, dto.settings.columns);
    await this.prepare(jobId, table, [...new Set([...fitted, ...shown])]);
    this.rowPages ??= new RowPages(table, { fit, nComponents: dto.params.nComponents, fittedColumns: dto.settings.columns });
    return this.rowPages;
  }

  /**
   * The source line of a table row: any row of the file read (not only those fitted). Of a streamed file, whose table
   * is its head only, a row drawn in the scatter of the last fit or a row of the head.
   */
  private rowLine(row: number): number {
    if (!this.table) throw new WorkerError('not-loaded', workerMessages.notLoaded());
    const sampled = this.streamed ? this.sampledLine(row) : undefined;
    if (sampled !== undefined) return sampled;
    if (!Number.isInteger(row) || row < 0 || row >= this.table.nRows) {
      if (this.streamed && Number.isInteger(row) && row >= 0) throw new WorkerError('bad-row', workerMessages.streamedRowLine(this.fileName, row, this.table.nRows));
      throw new WorkerError('bad-row', workerMessages.noSuchRow(row, this.table.nRows));
    }
    // A row of a binary file is its own line (without making the table's line list of a file read by row groups).
    return this.table instanceof ColumnarTable ? row + 1 : this.table.lineNumbers[row];
  }

  /** Whether the last fit read its file in passes (streamed, or by row groups): its rows are not held. */
  private rowsNotHeld(): boolean {
    return this.streamed !== undefined || this.last?.dto.streamed !== undefined;
  }

  /** The line of a row drawn in the scatter of the last fit of a streamed file; undefined when not drawn or not known. */
  private sampledLine(row: number): number | undefined {
    const sample = this.last?.outcome.sampleLines;
    if (!sample) return undefined;
    const j = sample.rows.indexOf(row);
    return j >= 0 && sample.lines[j] > 0 ? sample.lines[j] : undefined;
  }

  /** The last fit's clusters against a column of the table (any column, fitted or not; a columnar one decoded for it). */
  private async compare(jobId: number, column: string): Promise<void> {
    if (!this.table || !this.last) throw new WorkerError('no-result', workerMessages.noResult());
    if (this.rowsNotHeld()) throw new WorkerError('streamed-rows', workerMessages.streamedRows(this.fileName));
    const table = this.table;
    const fitted = [...this.last.outcome.numeric.columns, ...this.last.outcome.categorical.columns];
    const index = table.columns.findIndex((c) => c.name === column);
    // The rows view's columns stay decoded beside the compared one.
    const shown = shownColumns(table, this.last.dto.settings.columns);
    if (index >= 0) await this.prepare(jobId, table, [...new Set([...fitted, ...shown, index])]);
    this.options.post({ type: 'compare', jobId, comparison: compareWithColumn(table, this.fileName, this.last.outcome, column) });
  }

  private async export(jobId: number, kind: Extract<ToWorker, { type: 'export' }>['kind'], csvFormulaGuard: boolean): Promise<void> {
    if (!this.table || !this.last) throw new WorkerError('no-result', workerMessages.noResult());
    if (this.rowsNotHeld() && kind !== 'params-json') throw new WorkerError('streamed-export', workerMessages.streamedExport(this.fileName));
    const table = this.table;
    // Labelled data holds every column: a columnar table decodes them all for the export, then keeps the fitted ones only.
    if (kind !== 'params-json') await this.prepare(jobId, table, table.columns.map((_, k) => k));
    const text = exportText(table, this.last.outcome, kind, { csvFormulaGuard });
    await this.prepare(jobId, table, [...this.last.outcome.numeric.columns, ...this.last.outcome.categorical.columns]);
    this.options.post({ type: 'exported', jobId, text });
  }

  /**
   * The labelled rows of the last fit of a streamed file (or of a Parquet file read by row groups), written to a new
   * file at `path` as the file is read again.
   */
  private exportStreamed(jobId: number, path: string, csvFormulaGuard: boolean): void {
    if (!this.table || !this.last?.dto.streamed) throw new WorkerError('no-result', workerMessages.noResult());
    const { outcome, dto } = this.last;
    const table = this.table;
    let lastPost = 0;
    const options: StreamedExportOptions = {
      params: outcome.fit.params as GaussianParams, missing: dto.settings.missing, fields: outcome.numeric.columns,
      missingColumns: outcome.numeric.missingColumns ?? [], csvFormulaGuard,
      isCancelled: () => Atomics.load(this.options.cancelFlag, 0) === jobId,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastPost < PROGRESS_INTERVAL_MS) return;
        lastPost = now;
        this.options.post({ type: 'progress', jobId, progress: { phase: 'streaming', ...p } });
      },
    };
    const rows = this.streamed ? writeStreamedLabels(this.streamed, path, options)
      : table instanceof ColumnarTable ? writeRowGroupLabels(table, path, options)
        : undefined;
    if (rows === undefined) throw new WorkerError('no-result', workerMessages.noResult());
    this.options.post({ type: 'exportedFile', jobId, rows });
  }

  /** Decodes these columns of a columnar table (reporting progress as reading); nothing for tables that hold every column. */
  private async prepare(jobId: number, table: Table, columns: number[]): Promise<void> {
    if (!table.prepare) return;
    let lastPost = 0;
    await table.prepare(columns, {
      checkCancelled: () => { if (Atomics.load(this.options.cancelFlag, 0) === jobId) throw new WorkerError('cancelled', workerMessages.cancelled()); },
      onProgress: (bytesRead, totalBytes) => {
        const now = Date.now();
        if (now - lastPost >= PROGRESS_INTERVAL_MS) {
          lastPost = now;
          this.options.post({ type: 'progress', jobId, progress: { phase: 'reading', bytesRead, totalBytes } });
        }
      },
    });
  }

  /** The last fit as a script opening the data file at `path`; a fit the language cannot express is an error. */
  private exportCode(jobId: number, language: CodeLanguage, path: string): void {
    if (!this.table || !this.last) throw new WorkerError('no-result', workerMessages.noResult());
    const { dto } = this.last;
    const text = exportCode(language, dto, codeSource(this.table, this.fileName, path, dto.columns));
    this.options.post({ type: 'exported', jobId, text });
  }
}

function isCancel(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { code?: unknown }).code === 'cancelled';
}
