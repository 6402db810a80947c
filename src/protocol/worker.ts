/** Messages between the extension host and the fit worker (structured clone over worker_threads). */
import type { ComparisonDto, DatasetDto, ErrorDto, FitResultDto, FitSettingsDto, PcaDto, ProgressDto } from './model';
import type { DataFormat, LimitSource } from '../data/types';
import type { CodeLanguage } from './model';
import type { RowsPageDto, RowsRequestDto, RowsViewDto } from './rows';

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
  /**
   * The last fit as a script in `language` that opens the data file at `path` (worker/codeExport); answered with
   * `exported`, or an error saying what the language cannot express.
   */
  | { type: 'exportCode'; jobId: number; language: CodeLanguage; path: string }
  /**
   * The labelled rows of the last fit of a streamed file, written by the worker as it reads the file again, to a new
   * file at `path` (a temporary name the host chose; created exclusively); answered with `exportedFile`.
   */
  | { type: 'exportStreamed'; jobId: number; path: string; csvFormulaGuard: boolean }
  /** The first two principal components of the last fit's columns (cancellable like a fit). */
  | { type: 'pca'; jobId: number }
  /** A page of the rows view of the last fit. */
  | { type: 'rows'; jobId: number; request: RowsRequestDto }
  /** The source line of a table row (to reveal it in the editor). */
  | { type: 'rowLine'; jobId: number; row: number }
  /** The rows of a view as CSV: the file's cells, cluster, p_1…p_K, uncertainty, log density (answered `exported`). */
  | { type: 'exportRows'; jobId: number; view: RowsViewDto; csvFormulaGuard: boolean }
  /** The last fit's clusters against a column of the table. */
  | { type: 'compare'; jobId: number; column: string };

export type FromWorker =
  | { type: 'loaded'; jobId: number; dataset: DatasetDto }
  | { type: 'progress'; jobId: number; progress: ProgressDto }
  | { type: 'result'; jobId: number; result: FitResultDto }
  | { type: 'exported'; jobId: number; text: string }
  | { type: 'exportedFile'; jobId: number; rows: number }
  | { type: 'pca'; jobId: number; pca: PcaDto | null }
  | { type: 'rows'; jobId: number; page: RowsPageDto }
  | { type: 'rowLine'; jobId: number; line: number }
  | { type: 'compare'; jobId: number; comparison: ComparisonDto }
  | { type: 'cancelled'; jobId: number }
  | { type: 'error'; jobId: number; error: ErrorDto };

/**
 * Cancellation flag shared with the worker: the host writes 1 into slot 0 of an Int32Array over a
 * SharedArrayBuffer (passed as workerData.cancel) and the fit loop reads it with Atomics.load once per
 * iteration, so a busy synchronous loop still sees it.
 */
export const CANCEL_SLOT = 0;
