/**
 * One fit request: panel settings → matrix of the chosen columns → the engine (one model, or a sweep over numbers
 * of components and covariance models chosen by BIC) → the result DTO the panel draws.
 * Pure apart from the optional helper threads; progress and cancellation come in through `hooks`.
 */
import {
  componentCounts, fitGaussianMixture, isComponentRange, isModelList, selectGaussianModel,
  type GaussianFit, type GaussianHooks, type Matrix, type PassExecutor, type SelectionRow, type GaussianParams,
} from '../core';
import { extractMatrix, type Table } from '../data';
import type { FitResultDto, FitSettingsDto, ProgressDto, SelectionRowDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';
import { checkModelSize, fullLayout, selectionFits } from './dtoBudget';
import { buildResultDto, paramsDto } from './resultDto';

export interface RunFitHooks {
  isCancelled(): boolean;
  /** `force` marks a message that must not be throttled away (a new candidate or run). */
  onProgress(progress: ProgressDto, force: boolean): void;
  /** The pass executor for a table of this many rows (helper threads for large ones); undefined = this thread. */
  executorFor(rows: number): PassExecutor | undefined;
  /** False when nothing will draw the result (the CLI): no replay history is recorded. Default true. */
  forDisplay?: boolean;
}

/** The fit of the chosen model plus what export needs. */
export interface FitOutcome {
  dto: FitResultDto;
  fit: GaussianFit;
  columnIndices: number[];
  x: Matrix;
}

export function runFit(table: Table, fileName: string, settings: FitSettingsDto, hooks: RunFitHooks): FitOutcome {
  const started = Date.now();
  const columnIndices = resolveColumns(table, fileName, settings.columns);
  if (!isComponentRange(settings.components)) throw new WorkerError('bad-k', workerMessages.badK(settings.components));
  if (!isModelList(settings.models)) throw new WorkerError('bad-model', workerMessages.badModels(settings.models));
  const full = fullLayout(settings.models);
  checkModelSize(fileName, settings.components.max, columnIndices.length, full);
  const m = extractMatrix(table, columnIndices);
  const x: Matrix = { data: m.data, rows: m.rows, cols: m.cols };
  const names = columnIndices.map((c) => table.columns[c].name);
  const counts = componentCounts(settings.components);
  const executor = hooks.executorFor(x.rows);
  let candidate = { index: 0, total: 1, nComponents: counts[0], model: settings.models[0] as string };
  let lastRun = -1;
  const engineHooks: GaussianHooks = {
    isCancelled: hooks.isCancelled,
    ...(executor ? { executor } : {}),
    onModel: (index, total, nComponents, model) => {
      candidate = { index, total, nComponents, model };
      lastRun = -1;
    },
    onIteration: (report) => {
      hooks.onProgress({
        phase: 'fitting', candidate: candidate.index, nCandidates: candidate.total, nComponents: candidate.nComponents,
        model: candidate.model, run: report.run, nRuns: settings.nInit, iteration: report.iteration,
        logLikelihood: report.logLikelihood, stage: report.phase ?? 'restart',
      }, report.run !== lastRun);
      lastRun = report.run;
    },
  };
  const common = {
    tol: settings.tol, maxIter: settings.maxIter, regCovar: settings.regCovar, nInit: settings.nInit, init: settings.init,
    seed: settings.seed, missing: settings.missing, standardize: settings.standardize, recordHistory: hooks.forDisplay ?? true, columnNames: names,
  };
  let fit: GaussianFit;
  let sweep: { rows: SelectionRowDto[]; chosen: number } | undefined;
  if (counts.length === 1 && settings.models.length === 1) {
    fit = fitGaussianMixture(x, { ...common, nComponents: counts[0], model: settings.models[0] }, engineHooks);
  } else {
    const selection = selectGaussianModel(x, { ...common, nComponents: counts, models: settings.models }, engineHooks);
    fit = selection.best;
    const keepParams = selectionFits(selection.table.map((r) => r.nComponents), x.cols, full);
    sweep = { rows: selection.table.map((r) => rowDto(r, keepParams)), chosen: selection.bestIndex };
  }
  const dto = buildResultDto(table, x, names, settings, fit, sweep, started);
  return { dto, fit, columnIndices, x };
}

/** A sweep candidate; its parameters only when `keepParams` (wide sweeps leave them out: see dtoBudget.ts). */
function rowDto(row: SelectionRow<GaussianParams>, keepParams: boolean): SelectionRowDto {
  return {
    nComponents: row.nComponents, model: row.variant, logLikelihood: row.logLikelihood, bic: row.bic, aic: row.aic, icl: row.icl,
    nParameters: row.error ? 0 : row.nParameters, iterations: row.iterations, converged: row.converged,
    counts: row.counts ?? [], elapsedMs: row.elapsedMs,
    ...(row.params && keepParams ? { params: paramsDto(row.params) } : {}),
    ...(row.starts ? { starts: row.starts } : {}),
    ...(row.error ? { failure: row.error.message } : {}),
    ...(row.degenerate ? { degenerate: true, issues: row.issues ?? [] } : {}),
    ...(row.refined ? { refined: true } : {}),
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
