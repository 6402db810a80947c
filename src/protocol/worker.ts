/** Messages between the extension host and the fit worker (structured clone over worker_threads). */
import type { DatasetDto, ErrorDto, FitResultDto, FitSettingsDto, PcaDto, ProgressDto } from './model';
import type { DataFormat, LimitSource } from '../data/types';

/** Where the worker gets the file: a local path (read in the worker, chunk by chunk) or bytes the host read. */
export type SourceDto =
  | { kind: 'path'; path: string }
  | { kind: 'bytes'; bytes: ArrayBuffer };

export interface LoadRequest {
  fileName: string;
  uri: string;
  source: SourceDto;
  format?: DataFormat;
  maxBytes: number;
  /** Who set maxBytes (the setting or the CLI's flag), so a too-large message names it. */
  limitSource?: LimitSource;
  /**
   * A local CSV, TSV or JSON Lines file larger than this is not held in memory but streamed: read again for every
   * pass of the fit (and then not limited by maxBytes). Absent: every file is read whole.
   */
  memoryBudgetBytes?: number;
}

export type ToWorker =
  | { type: 'load'; jobId: number; request: LoadRequest }
  | { type: 'fit'; jobId: number; settings: FitSettingsDto }
  /** `csvFormulaGuard`: neutralise cells a spreadsheet would run as formulas (labels-csv). */
  | { type: 'export'; jobId: number; kind: 'labels-csv' | 'labels-json' | 'params-json'; csvFormulaGuard: boolean }
  /** The first two principal components of the last fit's columns (cancellable like a fit). */
  | { type: 'pca'; jobId: number };

export type FromWorker =
  | { type: 'loaded'; jobId: number; dataset: DatasetDto }
  | { type: 'progress'; jobId: number; progress: ProgressDto }
  | { type: 'result'; jobId: number; result: FitResultDto }
  | { type: 'exported'; jobId: number; text: string }
  | { type: 'pca'; jobId: number; pca: PcaDto | null }
  | { type: 'cancelled'; jobId: number }
  | { type: 'error'; jobId: number; error: ErrorDto };

/**
 * Cancellation flag shared with the worker: the host writes 1 into slot 0 of an Int32Array over a
 * SharedArrayBuffer (passed as workerData.cancel) and the fit loop reads it with Atomics.load once per
 * iteration, so a busy synchronous loop still sees it.
 */
export const CANCEL_SLOT = 0;
