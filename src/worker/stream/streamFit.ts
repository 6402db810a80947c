/**
 * `runFit` for a streamed file (`streamedFile.ts`) or a Parquet file read by row groups (`rowGroupRows.ts`): the same
 * checks and settings, the Gaussian fit of the file read in passes (`core/gaussian/stream`), and the same result DTO,
 * whose scatter draws a seeded sample of the rows and which says the file was streamed and what each pass cost.
 * Numeric columns only (mixed-data fits need the table).
 * `fitRowSource` is the part a large in-memory table shares (`tableFit.ts`): it is fitted through the same passes.
 */
import { imputeMissing, isModelList, type GaussianFit, type Matrix } from '../../core';
import { componentCounts, isComponentRange } from '../../protocol/components';
import { fitGaussianStreamed, type StreamedFit } from '../../core/gaussian/stream/fitStreamed';
import type { PassCost, RowSource } from '../../core/gaussian/stream/types';
import type { Table } from '../../data';
import { ColumnarTable } from '../../data/columnar';
import type { FitResultDto, FitSettingsDto } from '../../protocol/model';
import { WorkerError, workerMessages } from '../messages';
import { checkModelSize, fullLayout, sampleLimit, selectionFits } from '../dtoBudget';
import { buildResultDto, gaussianParts, rowDto } from '../resultDto';
import { planColumns, type ColumnPlan } from '../columnPlan';
import { progressHooks, type FitOutcome, type RunFitHooks } from '../fitHooks';
import { openFileRows, type PassProgress } from './fileRows';
import { openRowGroupRows } from './rowGroupRows';
import type { StreamedFile } from './streamedFile';

/** runFit's hooks, and where each pass's progress goes. */
export interface StreamFitHooks extends RunFitHooks {
  onPass(progress: PassProgress): void;
}

/** Fits the columns of `settings` to every row of the streamed file. Throws as `runFit` does. */
export function runStreamedFit(file: StreamedFile, settings: FitSettingsDto, hooks: StreamFitHooks): FitOutcome {
  return fitInPasses(file.head, file.fileName, settings, hooks, workerMessages.streamedMixed(file.fileName), (plan, names) => openFileRows({
    fileName: file.fileName, path: file.path, stamp: file.stamp, format: file.format, delimiter: file.delimiter, decimalComma: file.decimalComma,
    fields: plan.numeric, names, isCancelled: hooks.isCancelled, onProgress: hooks.onPass,
  }), { sizeBytes: file.stamp.size, tableBytes: file.tableBytes });
}

/**
 * Whether a fit of `settings` reads the Parquet table by row groups: its fitted columns, decoded (8 bytes a cell),
 * would be larger than the memory budget. Returns the table's decoded size then, or undefined.
 */
export function rowGroupBytes(table: Table, settings: FitSettingsDto, budget: number | undefined): number | undefined {
  if (budget === undefined || !(table instanceof ColumnarTable) || table.rowGroups === undefined) return undefined;
  const fitted = table.columns.filter((c) => settings.columns.includes(c.name)).length;
  const bytes = 8 * table.nRows * fitted;
  return bytes > budget ? bytes : undefined;
}

/** The table, when a fit of `settings` reads it by row groups (`rowGroupBytes`). */
export function rowGroupTable(table: Table, settings: FitSettingsDto, budget: number | undefined): ColumnarTable | undefined {
  return rowGroupBytes(table, settings, budget) !== undefined ? table as ColumnarTable : undefined;
}

/**
 * Fits the columns of `settings` to every row of a Parquet table read one row group at a time (see `rowGroupBytes`),
 * as a streamed file is fitted. Throws as `runFit` does.
 */
export function runRowGroupFit(table: ColumnarTable, fileName: string, sizeBytes: number, budget: number, settings: FitSettingsDto, hooks: StreamFitHooks): FitOutcome {
  const decoded = rowGroupBytes(table, settings, budget) ?? 0;
  const mb = (n: number) => Math.ceil(n / 2 ** 20);
  return fitInPasses(table, fileName, settings, hooks, workerMessages.rowGroupMixed(fileName, mb(decoded), mb(budget)),
    (plan) => openRowGroupRows(table, { columns: plan.numeric, isCancelled: hooks.isCancelled, onProgress: hooks.onPass }),
    { sizeBytes, decodedBytes: decoded });
}

/** The checks and result of a fit made in passes over a source that `open` makes for the plan's numeric columns. */
function fitInPasses(
  table: Table, fileName: string, settings: FitSettingsDto, hooks: StreamFitHooks, mixedMessage: string,
  open: (plan: ColumnPlan, names: string[]) => RowSource & { readonly costs: PassCost[] },
  streamed: { sizeBytes: number; tableBytes?: number; decodedBytes?: number },
): FitOutcome {
  const started = Date.now();
  const plan = planColumns(table, fileName, settings);
  if (plan.categorical.length + plan.counts.length > 0) throw new WorkerError('streamed-mixed', mixedMessage);
  if (!isComponentRange(settings.components)) throw new WorkerError('bad-k', workerMessages.badK(settings.components));
  if (!isModelList(settings.models)) throw new WorkerError('bad-model', workerMessages.badModels(settings.models));
  checkModelSize(fileName, settings.components.max, plan.numeric.length, fullLayout(settings.models));
  const names = plan.numeric.map((c) => table.columns[c].name);
  const source = open(plan, names);
  const { result, dto, shown, display } = fitRowSource(source, names, settings, hooks, started);
  // Also when the rows used were few enough to be fitted in memory: the file was still read in passes, not held, so
  // the panel's rows views are not available (the worker holds no rows).
  dto.streamed = { ...streamed, passes: source.costs.map((c) => ({ ...c })) };
  return {
    dto, fit: shown, numeric: { columns: plan.numeric, x: display, ...(shown.imputed ? { imputed: shown.imputed } : {}), missingColumns: result.missingColumns },
    categorical: { columns: [], levels: [], codes: new Int32Array(0) },
    sampleLines: { rows: result.display.inputRows, lines: result.display.lines },
  };
}

/** A fit of the rows of a source, and its result DTO drawn from the scatter's rows. */
export interface SourceFit {
  result: StreamedFit;
  dto: FitResultDto;
  /** The chosen fit with per-row arrays for the scatter's rows only (row j = display row j). */
  shown: GaussianFit;
  /** The scatter's rows (file units, NaN = missing). */
  display: Matrix;
}

/** Fits `settings` (checked by the caller) to the rows of `source`, whose columns are `names`. */
export function fitRowSource(source: RowSource, names: string[], settings: FitSettingsDto, hooks: RunFitHooks, started: number): SourceFit {
  const counts = componentCounts(settings.components);
  const d = names.length;
  const full = fullLayout(settings.models);
  const result = fitGaussianStreamed(source, {
    tol: settings.tol, maxIter: settings.maxIter, regCovar: settings.regCovar, nInit: settings.nInit, init: settings.init,
    seed: settings.seed, missing: settings.missing, standardize: settings.standardize, recordHistory: hooks.forDisplay ?? true,
    columnNames: names, nComponents: counts, models: settings.models, displayRows: sampleLimit(Math.max(1, settings.maxPoints), settings.components.max, d),
  }, progressHooks(settings, hooks));
  const best = result.best;
  // The scatter's rows stand in for the table: the fit's per-row arrays are theirs (row j = display row j).
  const display = result.display;
  const m = display.inputRows.length;
  const x: Matrix = { data: display.values, rows: m, cols: d };
  const rowsUsed = Int32Array.from({ length: m }, (_, j) => j);
  const shown: GaussianFit = {
    ...best, rowsUsed, resp: display.resp, labels: display.labels, logDensity: new Float64Array(m),
    ...(best.nImputedRows > 0 ? { imputed: imputeMissing(best.params, x, rowsUsed, display.resp) } : {}),
  };
  const sweep = result.selection
    ? { rows: result.selection.table.map((r) => rowDto(r, selectionFits(counts, d, full))), chosen: result.selection.bestIndex }
    : undefined;
  const lines = { lineNumbers: display.lines } as unknown as Table;
  const dto = buildResultDto(lines, names, settings, gaussianParts(shown, x), sweep, started);
  dto.sample.rowIndex = dto.sample.rowIndex.map((j) => display.inputRows[j]);
  dto.sample.total = best.nSamples;
  dto.nRowsUsed = best.nSamples;
  dto.counts = result.counts;
  return { result, dto, shown, display: x };
}
