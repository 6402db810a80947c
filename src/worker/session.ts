/**
 * What one fit worker holds and does: the parsed table of its data file (kept, so fitting again with
 * other options does not re-read the file), the last fit, and the handling of each ToWorker message.
 * Helper threads only through ExecutorPool (threads > 1); tests drive it with a fake `post`.
 */
import type { Table } from '../data';
import type { FitResultDto, ProgressDto } from '../protocol/model';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { assertNever } from '../protocol/assertNever';
import { datasetDto } from './datasetDto';
import { ExecutorPool } from './executorPool';
import { exportText } from './exportText';
import { toErrorDto, WorkerError, workerMessages } from './messages';
import { principalComponents } from './pca';
import { readSource } from './readSource';
import { runFit, type FitOutcome } from './runFit';
import { openStreamedFile, type StreamedFile } from './stream/streamedFile';
import { runStreamedFit } from './stream/streamFit';

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
  private last: { outcome: FitOutcome; dto: FitResultDto } | undefined;
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
        case 'fit': return this.fit(message.jobId, message.settings);
        case 'export': return this.export(message.jobId, message.kind, message.csvFormulaGuard);
        case 'pca': return this.pca(message.jobId);
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
    this.fileName = request.fileName;
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
    this.options.post({ type: 'loaded', jobId, dataset: datasetDto(table, request, sizeBytes) });
  }

  private fit(jobId: number, settings: Extract<ToWorker, { type: 'fit' }>['settings']): void {
    if (!this.table) throw new WorkerError('not-loaded', workerMessages.notLoaded());
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
    const outcome = this.streamed
      ? runStreamedFit(this.streamed, settings, {
        ...hooks,
        onPass: (p) => { post({ phase: 'streaming', ...p }, p.pass !== lastPass); lastPass = p.pass; },
      })
      : runFit(this.table, this.fileName, settings, hooks);
    this.last = { outcome, dto: outcome.dto };
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

  private export(jobId: number, kind: Extract<ToWorker, { type: 'export' }>['kind'], csvFormulaGuard: boolean): void {
    if (!this.table || !this.last) throw new WorkerError('no-result', workerMessages.noResult());
    if (this.streamed && kind !== 'params-json') throw new WorkerError('streamed-export', workerMessages.streamedExport(this.fileName));
    this.options.post({ type: 'exported', jobId, text: exportText(this.table, this.last.outcome, kind, { csvFormulaGuard }) });
  }
}

function isCancel(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { code?: unknown }).code === 'cancelled';
}
