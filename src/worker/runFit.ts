/**
 * One fit request: panel settings → the chosen columns by role → the engine → the result DTO the panel draws.
 * Numeric columns only: the Gaussian family (one model, or a sweep over numbers of components and covariance models
 * chosen by BIC). Categorical or count columns among them: the mixed-data family (`mixedFit.ts`).
 * Pure apart from the optional helper threads; progress and cancellation come in through `hooks`.
 */
import {
  fitGaussianMixture, isModelList, selectGaussianModel,
  type GaussianFit, type GaussianHooks, type NumericTable,
} from '../core';
import { componentCounts, isComponentRange } from '../protocol/components';
import { numericColumns, type Table } from '../data';
import type { FitSettingsDto, SelectionRowDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';
import { checkModelSize, fullLayout, selectionFits } from './dtoBudget';
import { buildResultDto, gaussianParts, rowDto } from './resultDto';
import { planColumns } from './columnPlan';
import { runMixedFit } from './mixedFit';
import { progressHooks, type FitOutcome, type RunFitHooks } from './fitHooks';
import { fitsInPasses, runTableFit } from './stream/tableFit';

export { progressHooks, type FitOutcome, type RunFitHooks } from './fitHooks';

export function runFit(table: Table, fileName: string, settings: FitSettingsDto, hooks: RunFitHooks): FitOutcome {
  const started = Date.now();
  const plan = planColumns(table, fileName, settings);
  if (!isComponentRange(settings.components)) throw new WorkerError('bad-k', workerMessages.badK(settings.components));
  if (!isModelList(settings.models)) throw new WorkerError('bad-model', workerMessages.badModels(settings.models));
  const full = fullLayout(settings.models);
  checkModelSize(fileName, settings.components.max, plan.numeric.length, full);
  const counts = componentCounts(settings.components);
  const mixed = plan.categorical.length + plan.counts.length > 0;
  if (!mixed && fitsInPasses(table.nRows, plan.numeric.length, settings.components.max, hooks.passesMinBytes)) return runTableFit(table, settings, plan, hooks, started);
  const executor = hooks.executorFor(table.nRows);
  const engineHooks: GaussianHooks = { ...progressHooks(settings, hooks), ...(executor ? { executor } : {}) };
  if (mixed) return runMixedFit(table, fileName, settings, plan, engineHooks, hooks.forDisplay ?? true, started);

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

