/** Messages between the extension host and the panel's webview (JSON over postMessage). */
import type { CodeLanguage, ComparisonDto, DatasetDto, ErrorDto, FitResultDto, FitSettingsDto, PcaDto, ProgressDto } from './model';
import type { RowsPageDto, RowsRequestDto, RowsViewDto } from './rows';

export type PanelStatus = 'loading' | 'ready' | 'fitting' | 'done' | 'error';

//#region to webview
export type ToWebview =
  /** Answer to `ready`: everything the panel needs to draw itself. */
  | { type: 'init'; status: PanelStatus; dataset: DatasetDto | null; settings: FitSettingsDto; result: FitResultDto | null; error: ErrorDto | null; stale: boolean }
  /** The data file changed since it was read (the result shown is of the old data), or was read again. */
  | { type: 'stale'; stale: boolean }
  /** The file has been read and summarised. */
  | { type: 'dataset'; dataset: DatasetDto; settings: FitSettingsDto }
  | { type: 'progress'; progress: ProgressDto }
  | { type: 'result'; result: FitResultDto }
  | { type: 'error'; error: ErrorDto }
  /** The fit was cancelled; the panel is usable again. */
  | { type: 'cancelled' }
  /** Answer to `pca`: the principal components of the current result, or why there are none. */
  | { type: 'pca'; pca: PcaDto | null; problem?: string }
  /** Answer to `rows`: the page, or why there is none. */
  | { type: 'rows'; requestId: number; page: RowsPageDto | null; problem?: string }
  /** Answer to `compare`: the clusters against the column, or why not. */
  | { type: 'compare'; column: string; comparison: ComparisonDto | null; problem?: string };
//#endregion

//#region from webview
export type ExportKind = 'labels-csv' | 'labels-json' | 'params-json';

/** The charts the panel can save as PNG (the host names the file `<data file>.<chart>.png`). */
export type ChartName = 'clusters' | 'log-likelihood' | 'model-selection' | 'pairs';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'fit'; settings: FitSettingsDto }
  | { type: 'cancel' }
  /** Compute the principal components of the current result (the scatter shows PC1 × PC2). */
  | { type: 'pca' }
  /** Stop computing them (the scatter went back to columns). */
  | { type: 'cancelPca' }
  /** Compare the current result's clusters with a column of the file (colour by it, cross-table, ARI, NMI). */
  | { type: 'compare'; column: string }
  /** Remember the options for this file. */
  | { type: 'settingsChanged'; settings: FitSettingsDto }
  | { type: 'export'; kind: ExportKind }
  /** Write the fit as a script beside the data file; without `language` the host asks which. */
  | { type: 'exportCode'; language?: CodeLanguage }
  /** Save a chart as PNG: `dataUrl` is `data:image/png;base64,…`. */
  | { type: 'savePng'; name: ChartName; dataUrl: string }
  | { type: 'copy'; text: string }
  /** A page of the rows view (see protocol/rows.ts). */
  | ({ type: 'rows' } & RowsRequestDto)
  /** Open the data file in the editor at the row with this table index. */
  | { type: 'revealRow'; row: number }
  /** Write the rows of a view (cells, cluster, probabilities) to a new CSV beside the data file. */
  | { type: 'exportRows'; view: RowsViewDto };
//#endregion
