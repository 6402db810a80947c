/** The parameter tables as CSV and JSON text for "Copy as …". Pure (no DOM), unit-tested. */
import type { GaussianParamsDto as ParamsDto } from '../protocol/model';
import { csvField, plainNumber } from './format';
import { covarianceMatrix, stdDevs } from './projection';

/** One row per component: component, weight, count, then mean_<col> and std_<col> per column. Full precision. */
export function paramsCsv(columns: readonly string[], params: ParamsDto, counts: readonly number[]): string {
  const header = ['component', 'weight', 'count', ...columns.flatMap((c) => [`mean_${c}`, `std_${c}`])];
  const lines = [header.map(csvField).join(',')];
  for (let k = 0; k < params.nComponents; k++) {
    const sd = stdDevs(covarianceMatrix(params, k));
    const cells = [String(k + 1), plainNumber(params.weights[k]), plainNumber(counts[k]), ...columns.flatMap((_, a) => [plainNumber(params.means[k][a]), plainNumber(sd[a])])];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** The parameters as JSON, components listed with their column-keyed means and full covariance matrices. */
export function paramsJson(columns: readonly string[], params: ParamsDto, counts: readonly number[]): string {
  const components = params.weights.map((w, k) => ({
    component: k + 1,
    weight: w,
    count: counts[k] ?? null,
    mean: Object.fromEntries(columns.map((c, a) => [c, params.means[k][a]])),
    std: Object.fromEntries(stdDevs(covarianceMatrix(params, k)).map((s, a) => [columns[a], s])),
    covariance: covarianceMatrix(params, k),
  }));
  return JSON.stringify({ model: params.model, columns, components }, null, 2) + '\n';
}
