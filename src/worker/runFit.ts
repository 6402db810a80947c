/**
 * One fit request: panel settings → matrix of the chosen columns → the engine (one model, or a sweep over
 * K and covariance structures chosen by BIC) → the result DTO the panel draws. Pure apart from the
 * optional helper threads; progress and cancellation come in through `hooks`.
 */
import { fitGaussianMixture, COVARIANCE_TYPES, type CovarianceType, type FitOptions, type FitResult, type IterationReport, type Matrix } from '../core';
import { extractMatrix, type Table } from '../data';
import type { FitResultDto, FitSettingsDto, ProgressDto, SelectionRowDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';
import { createThreadedExecutor, type ThreadedExecutor } from './parallel/threadedExecutor';

/** Below this many rows a pass takes well under a millisecond and helper threads cost more than they save. */
const THREADED_MIN_ROWS = 20_000;
import { buildResultDto, countLabels, paramsDto } from './resultDto';

export interface RunFitHooks {
  isCancelled(): boolean;
  /** `force` marks a message that must not be throttled away (a new model or run). */
  onProgress(progress: ProgressDto, force: boolean): void;
  threads: number;
  distDir: string;
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
  const kMin = settings.kMin;
  const kMax = settings.kMax;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMax < kMin) {
    throw new WorkerError('bad-k', workerMessages.badK(kMin, kMax));
  }
  const m = extractMatrix(table, columnIndices);
  const x: Matrix = { data: m.data, rows: m.rows, cols: m.cols };
  const types: CovarianceType[] = settings.covarianceType === 'all' ? [...COVARIANCE_TYPES] : [settings.covarianceType];
  const candidates: { k: number; covarianceType: CovarianceType }[] = [];
  for (const covarianceType of types) {
    for (let k = kMin; k <= kMax; k++) candidates.push({ k, covarianceType });
  }

  // Shards are summed in a fixed order, so a given thread count always gives the same bits.
  const executor: ThreadedExecutor | undefined = hooks.threads > 1 && x.rows >= THREADED_MIN_ROWS
    ? createThreadedExecutor(hooks.threads, hooks.distDir) : undefined;
  try {
    return fitCandidates(table, x, columnIndices, candidates, settings, hooks, executor);
  } finally {
    void executor?.dispose();
  }
}

function fitCandidates(
  table: Table, x: Matrix, columnIndices: number[], candidates: { k: number; covarianceType: CovarianceType }[],
  settings: FitSettingsDto, hooks: RunFitHooks, executor: ThreadedExecutor | undefined,
): FitOutcome {
  let best: { fit: FitResult; index: number } | undefined;
  let firstError: unknown;
  const rows: SelectionRowDto[] = [];
  candidates.forEach(({ k, covarianceType }, index) => {
    const options: Partial<FitOptions> = {
      nComponents: k,
      covarianceType,
      tol: settings.tol,
      maxIter: settings.maxIter,
      regCovar: settings.regCovar,
      nInit: settings.nInit,
      init: settings.init,
      seed: settings.seed,
      missing: settings.missing,
      standardize: settings.standardize,
      recordHistory: true,
    };
    const progress = (report: IterationReport, force: boolean) => hooks.onProgress({
      phase: 'fitting', model: index, nModels: candidates.length, k, covarianceType,
      run: report.run, nRuns: settings.nInit, iteration: report.iteration, logLikelihood: report.logLikelihood,
    }, force);
    let lastRun = -1;
    try {
      const fit = fitGaussianMixture(x, options, {
        isCancelled: hooks.isCancelled,
        executor,
        onIteration: (report) => {
          progress(report, report.run !== lastRun);
          lastRun = report.run;
        },
      });
      rows.push({
        k, covarianceType, logLikelihood: fit.logLikelihood, bic: fit.bic, aic: fit.aic, icl: fit.icl,
        nParameters: fit.nParameters, iterations: fit.iterations, converged: fit.converged, params: paramsDto(fit.params),
        counts: countLabels(fit.labels, k),
      });
      if (!best || fit.bic < best.fit.bic) best = { fit, index: rows.length - 1 };
    } catch (e) {
      if ((e as { code?: unknown }).code === 'cancelled') throw e;
      if (candidates.length === 1) throw e;
      firstError ??= e;
      rows.push(failedRow(k, covarianceType, e));
    }
  });
  if (!best) throw firstError;

  const names = columnIndices.map((c) => table.columns[c].name);
  const sweep = candidates.length > 1 ? { rows, chosen: best.index } : undefined;
  const dto = buildResultDto(table, x, names, settings, best.fit, sweep);
  return { dto, fit: best.fit, columnIndices, x };
}

function failedRow(k: number, covarianceType: CovarianceType, e: unknown): SelectionRowDto {
  const nan = Number.NaN;
  return {
    k, covarianceType, logLikelihood: nan, bic: nan, aic: nan, icl: nan, nParameters: 0, iterations: 0,
    converged: false, params: { covarianceType, nComponents: k, nFeatures: 0, weights: [], means: [], covariances: [] }, counts: [],
    failure: e instanceof Error ? e.message : String(e),
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
