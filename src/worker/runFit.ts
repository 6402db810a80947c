/**
 * One fit request: panel settings → matrix of the chosen columns → the engine's model selection (one
 * model, or a sweep over K and covariance structures chosen by BIC) → the result DTO the panel draws.
 * Pure apart from the optional helper threads; progress and cancellation come in through `hooks`.
 */
import { COVARIANCE_TYPES, selectModel, type CovarianceType, type FitResult, type Matrix, type PassExecutor, type SelectionRow } from '../core';
import { extractMatrix, type Table } from '../data';
import type { FitResultDto, FitSettingsDto, ProgressDto, SelectionRowDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';
import { checkModelSize, selectionFits } from './dtoBudget';
import { buildResultDto, paramsDto } from './resultDto';

export interface RunFitHooks {
  isCancelled(): boolean;
  /** `force` marks a message that must not be throttled away (a new model or run). */
  onProgress(progress: ProgressDto, force: boolean): void;
  /** The pass executor for a table of this many rows (helper threads for large ones); undefined = this thread. */
  executorFor(rows: number): PassExecutor | undefined;
  /** False when nothing will draw the result (the CLI): no replay history is recorded. Default true. */
  forDisplay?: boolean;
}

/** The fit of the chosen model plus what export needs. */
export interface FitOutcome {
  dto: FitResultDto;
  fit: FitResult;
  columnIndices: number[];
  x: Matrix;
}

export function runFit(table: Table, fileName: string, settings: FitSettingsDto, hooks: RunFitHooks): FitOutcome {
  const columnIndices = resolveColumns(table, fileName, settings.columns);
  const { kMin, kMax } = settings;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMax < kMin) {
    throw new WorkerError('bad-k', workerMessages.badK(kMin, kMax));
  }
  checkModelSize(fileName, kMax, columnIndices.length);
  const m = extractMatrix(table, columnIndices);
  const x: Matrix = { data: m.data, rows: m.rows, cols: m.cols };
  const kValues = Array.from({ length: kMax - kMin + 1 }, (_, j) => kMin + j);
  const covarianceTypes: CovarianceType[] = settings.covarianceType === 'all' ? [...COVARIANCE_TYPES] : [settings.covarianceType];

  const executor = hooks.executorFor(x.rows);
  let model = { index: 0, total: 1, k: kMin, covarianceType: covarianceTypes[0] };
  let lastRun = -1;
  const selection = selectModel(x, {
    kValues, covarianceTypes, tol: settings.tol, maxIter: settings.maxIter, regCovar: settings.regCovar,
    nInit: settings.nInit, init: settings.init, seed: settings.seed, missing: settings.missing,
    standardize: settings.standardize, recordHistory: hooks.forDisplay ?? true,
  }, {
    isCancelled: hooks.isCancelled,
    executor,
    onModel: (index, total, k, covarianceType) => {
      model = { index, total, k, covarianceType };
      lastRun = -1;
    },
    onIteration: (report) => {
      hooks.onProgress({
        phase: 'fitting', model: model.index, nModels: model.total, k: model.k, covarianceType: model.covarianceType,
        run: report.run, nRuns: settings.nInit, iteration: report.iteration, logLikelihood: report.logLikelihood,
        ...(report.phase === 'refine' ? { refining: true } : {}),
      }, report.run !== lastRun);
      lastRun = report.run;
    },
  });
  const names = columnIndices.map((c) => table.columns[c].name);
  const keepParams = selectionFits(selection.table.map((r) => r.nComponents), x.cols);
  const sweep = selection.table.length > 1 ? { rows: selection.table.map((r) => rowDto(r, keepParams)), chosen: selection.bestIndex } : undefined;
  const dto = buildResultDto(table, x, names, settings, selection.best, sweep);
  return { dto, fit: selection.best, columnIndices, x };
}

/** A sweep candidate; its parameters only when `keepParams` (wide sweeps leave them out: see dtoBudget.ts). */
function rowDto(row: SelectionRow, keepParams: boolean): SelectionRowDto {
  const { nComponents: k, covarianceType } = row;
  return {
    k, covarianceType, logLikelihood: row.logLikelihood, bic: row.bic, aic: row.aic, icl: row.icl,
    nParameters: row.error ? 0 : row.nParameters, iterations: row.iterations, converged: row.converged,
    params: row.params && keepParams ? paramsDto(row.params) : { covarianceType, nComponents: k, nFeatures: 0, weights: [], means: [], covariances: [] },
    counts: row.counts ?? [],
    ...(row.error ? { failure: row.error.message } : {}),
    ...(row.degenerate ? { degenerate: true } : {}),
  };
}

function resolveColumns(table: Table, fileName: string, names: string[]): number[] {
  if (names.length === 0) throw new WorkerError('no-columns', workerMessages.noColumns(fileName));
  return names.map((name) => {
    const index = table.columns.findIndex((c) => c.name === name);
    if (index < 0) throw new WorkerError('unknown-column', workerMessages.unknownColumn(fileName, name));
    const column = table.columns[index];
    if (column.type !== 'numeric') {
      throw new WorkerError('unusable-column', workerMessages.unusableColumn(fileName, name, column.reason ?? `it is a ${column.type} column`));
    }
    return index;
  });
}
