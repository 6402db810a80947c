/**
 * One fit request: panel settings → the chosen columns by role → the engine → the result DTO the panel draws.
 * Numeric columns only: the Gaussian family (one model, or a sweep over numbers of components and covariance models
 * chosen by BIC). Categorical or count columns among them: the mixed-data family (`mixedFit.ts`).
 * Pure apart from the optional helper threads; progress and cancellation come in through `hooks`.
 */
import {
  componentCounts, fitGaussianMixture, isComponentRange, isModelList, selectGaussianModel,
  type GaussianFit, type GaussianHooks, type GaussianParams, type MixtureFit, type NumericTable, type PassExecutor, type SelectionRow,
} from '../core';
import { numericColumns, type Table } from '../data';
import type { FitResultDto, FitSettingsDto, ProgressDto, SelectionRowDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';
import { checkModelSize, fullLayout, selectionFits } from './dtoBudget';
import { buildResultDto, gaussianParts, paramsDto } from './resultDto';
import { planColumns } from './columnPlan';
import { runMixedFit } from './mixedFit';

export interface RunFitHooks {
  isCancelled(): boolean;
  /** `force` marks a message that must not be throttled away (a new candidate or run). */
  onProgress(progress: ProgressDto, force: boolean): void;
  /** The pass executor for a table of this many rows (helper threads for large ones); undefined = this thread. */
  executorFor(rows: number): PassExecutor | undefined;
  /** False when nothing will draw the result (the CLI): no replay history is recorded. Default true. */
  forDisplay?: boolean;
}

/** The fit of the chosen model plus what export and the panel's later requests need. */
export interface FitOutcome {
  dto: FitResultDto;
  /** Per-row results in input order (rowsUsed, resp, labels, logDensity) and the parameters. */
  fit: MixtureFit<unknown>;
  /**
   * The numeric columns fitted (table indices), their values (NaN = missing; the table's own column arrays, not a
   * copy) and, when some were missing, imputed (rows × columns, row-major). A streamed fit, whose `x` holds only the
   * scatter's rows, says which fitted columns (0-based among them) have a missing cell among the rows used.
   */
  numeric: { columns: number[]; x: NumericTable; imputed?: Float64Array; missingColumns?: number[] };
  /** The categorical columns fitted: levels, each input row's codes (−1 missing) and, imputed, the most probable levels. */
  categorical: { columns: number[]; levels: string[][]; codes: Int32Array; imputed?: Int32Array };
}

export function runFit(table: Table, fileName: string, settings: FitSettingsDto, hooks: RunFitHooks): FitOutcome {
  const started = Date.now();
  const plan = planColumns(table, fileName, settings);
  if (!isComponentRange(settings.components)) throw new WorkerError('bad-k', workerMessages.badK(settings.components));
  if (!isModelList(settings.models)) throw new WorkerError('bad-model', workerMessages.badModels(settings.models));
  const full = fullLayout(settings.models);
  checkModelSize(fileName, settings.components.max, plan.numeric.length, full);
  const counts = componentCounts(settings.components);
  const executor = hooks.executorFor(table.nRows);
  const engineHooks: GaussianHooks = { ...progressHooks(settings, hooks), ...(executor ? { executor } : {}) };
  if (plan.categorical.length + plan.counts.length > 0) return runMixedFit(table, fileName, settings, plan, engineHooks, hooks.forDisplay ?? true, started);

  const x: NumericTable = numericColumns(table, plan.numeric);
  const names = plan.numeric.map((c) => table.columns[c].name);
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
  const dto = buildResultDto(table, names, settings, gaussianParts(fit, x), sweep, started);
  return {
    dto, fit, numeric: { columns: plan.numeric, x, ...(fit.imputed ? { imputed: fit.imputed } : {}) },
    categorical: { columns: [], levels: [], codes: new Int32Array(0) },
  };
}

/** The engine's hooks for a fit: cancel, and a progress message per iteration (forced at each new candidate or run). */
export function progressHooks(settings: FitSettingsDto, hooks: RunFitHooks): GaussianHooks {
  const counts = componentCounts(settings.components);
  let candidate = { index: 0, total: 1, nComponents: counts[0], model: settings.models[0] as string };
  let lastRun = -1;
  return {
    isCancelled: hooks.isCancelled,
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
}

/** A sweep candidate; its parameters only when `keepParams` (wide sweeps leave them out: see dtoBudget.ts). */
export function rowDto(row: SelectionRow<GaussianParams>, keepParams: boolean): SelectionRowDto {
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
