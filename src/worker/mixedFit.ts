/**
 * A fit with categorical or count columns: the table's columns by role → the mixed-data engine (one model, or a sweep
 * over numbers of components and the numeric block's covariance models) → the result DTO.
 */
import {
  fitMixedMixture, modelInfo, selectMixedModel,
  type GaussianHooks, type Matrix, type MixedFit, type MixedInput, type MixedParams,
} from '../core';
import { componentCounts } from '../protocol/components';
import { extractMatrix, type Table } from '../data';
import type { CovarianceDto, FitSettingsDto, MixedParamsDto, SelectionRowDto } from '../protocol/model';
import type { ColumnPlan } from './columnPlan';
import { selectionFits } from './dtoBudget';
import { buildResultDto, selectionRowDto, type ResultParts } from './resultDto';
import { WorkerError, workerMessages } from './messages';
import type { FitOutcome } from './fitHooks';

/** The engine's input from the table: numeric columns, category codes (levels sorted) and counts. */
export function mixedInput(table: Table, fileName: string, plan: ColumnPlan): MixedInput {
  const n = table.nRows;
  const numeric = plan.numeric.length > 0 ? extractMatrix(table, plan.numeric) : undefined;
  const J = plan.categorical.length, C = plan.counts.length;
  const codes = new Int32Array(n * J), levels: string[][] = [];
  plan.categorical.forEach((col, j) => {
    const c = table.categoryCodes(col);
    levels.push(c?.levels ?? []);
    for (let i = 0; i < n; i++) codes[i * J + j] = c ? c.codes[i] : -1;
  });
  const counts = new Float64Array(n * C);
  plan.counts.forEach((col, c) => {
    for (let i = 0; i < n; i++) {
      const v = table.number(i, col);
      if (v === v && !(v >= 0 && Number.isInteger(v))) {
        throw new WorkerError('bad-count', workerMessages.badCount(fileName, table.columns[col].name, table.lineNumbers[i], v));
      }
      counts[i * C + c] = v;
    }
  });
  return {
    rows: n,
    ...(numeric ? { numeric: { data: numeric.data, rows: numeric.rows, cols: numeric.cols } } : {}),
    numericNames: plan.numeric.map((c) => table.columns[c].name),
    categorical: { names: plan.categorical.map((c) => table.columns[c].name), levels, codes },
    counts: { names: plan.counts.map((c) => table.columns[c].name), values: counts },
  };
}

export function runMixedFit(
  table: Table, fileName: string, settings: FitSettingsDto, plan: ColumnPlan, engineHooks: GaussianHooks, forDisplay: boolean, started: number,
): FitOutcome {
  const input = mixedInput(table, fileName, plan);
  const counts = componentCounts(settings.components);
  const common = {
    tol: settings.tol, maxIter: settings.maxIter, regCovar: settings.regCovar, nInit: settings.nInit, init: settings.init,
    seed: settings.seed, missing: settings.missing, standardize: settings.standardize, recordHistory: forDisplay,
  };
  // The Gaussian hooks' executor and hierarchical switch do not apply: the mixed pass runs in this thread.
  const hooks = { ...(engineHooks.isCancelled ? { isCancelled: engineHooks.isCancelled } : {}), onIteration: engineHooks.onIteration, onModel: engineHooks.onModel } as Parameters<typeof fitMixedMixture>[2];
  let fit: MixedFit;
  let sweep: { rows: SelectionRowDto[]; chosen: number } | undefined;
  const d = input.numeric?.cols ?? 0;
  if (counts.length === 1 && (settings.models.length === 1 || d === 0)) {
    fit = fitMixedMixture(input, { ...common, nComponents: counts[0], model: settings.models[0] }, hooks);
  } else {
    const selection = selectMixedModel(input, { ...common, nComponents: counts, models: settings.models }, hooks);
    fit = selection.best;
    const keep = selectionFits(selection.table.map((r) => r.nComponents), d, settings.models.some((m) => modelInfo(m).layout === 'full'));
    sweep = { rows: selection.table.map((r) => selectionRowDto(r, keep ? mixedParamsDto : null)), chosen: selection.bestIndex };
  }
  const x: Matrix = input.numeric ?? { data: new Float64Array(0), rows: table.nRows, cols: 0 };
  const J = input.categorical.names.length;
  const parts: ResultParts<MixedParams> = {
    fit, nComponents: fit.params.nComponents, toDto: mixedParamsDto, paramsNumbers: numbersIn(fit.params), numeric: x,
    filled: fit.imputedNumeric ? { data: fit.imputedNumeric, rows: x.rows, cols: x.cols } : x,
    mixedRows: { codes: input.categorical.codes, nCategorical: J, counts: input.counts.values, nCounts: input.counts.names.length },
  };
  const dto = buildResultDto(table, input.numericNames as string[], settings, parts, sweep, started);
  return {
    dto, fit, numeric: { columns: plan.numeric, x, ...(fit.imputedNumeric ? { imputed: fit.imputedNumeric } : {}) },
    categorical: { columns: plan.categorical, levels: input.categorical.levels as string[][], codes: input.categorical.codes, ...(fit.imputedCodes ? { imputed: fit.imputedCodes } : {}) },
  };
}

/** Mixed parameters as the DTO sends them. */
export function mixedParamsDto(p: MixedParams): MixedParamsDto {
  const K = p.nComponents;
  const rows = (a: Float64Array, width: number): number[][] => Array.from({ length: K }, (_, k) => Array.from(a.subarray(k * width, (k + 1) * width)));
  let gaussian: MixedParamsDto['gaussian'];
  if (p.gaussian) {
    const { model, nFeatures: d, means, covariances: c } = p.gaussian;
    const covariance: CovarianceDto = modelInfo(model).layout === 'full'
      ? { layout: 'full', matrices: Array.from({ length: K }, (_, k) => Array.from({ length: d }, (_, a) => Array.from(c.subarray(k * d * d + a * d, k * d * d + (a + 1) * d)))) }
      : { layout: 'diag', variances: rows(c, d) };
    gaussian = { model, nFeatures: d, means: rows(means, d), covariance };
  }
  const C = p.counts.names.length;
  return {
    kind: 'mixed', nComponents: K, weights: Array.from(p.weights), ...(gaussian ? { gaussian } : {}),
    categorical: p.categorical.names.map((column, j) => ({
      column, levels: [...p.categorical.levels[j]], probabilities: rows(p.categorical.probabilities[j], p.categorical.levels[j].length),
    })),
    counts: p.counts.names.map((column, c) => ({ column, rates: Array.from({ length: K }, (_, k) => p.counts.rates[k * C + c]) })),
  };
}

function numbersIn(p: MixedParams): number {
  let n = p.weights.length + (p.gaussian ? p.gaussian.means.length + p.gaussian.covariances.length : 0) + p.counts.rates.length;
  for (const t of p.categorical.probabilities) n += t.length;
  return n;
}
