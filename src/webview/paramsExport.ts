/** The parameter tables as CSV and JSON text for "Copy as …". Pure (no DOM), unit-tested. */
import type { ParamsDto } from '../protocol/model';
import { csvField, plainNumber } from './format';
import { gaussianOf } from './paramsView';
import { covarianceMatrix, stdDevs } from './projection';

/**
 * One row per component: component, weight, count, then mean_<col> and std_<col> per numeric column, and for a mixed
 * model `p_<col>=<level>` per categorical column and level and `rate_<col>` per count column. Full precision.
 */
export function paramsCsv(columns: readonly string[], source: ParamsDto, counts: readonly number[]): string {
  const params = gaussianOf(source);
  const mixed = source.kind === 'mixed' ? source : undefined;
  const header = ['component', 'weight', 'count', ...columns.flatMap((c) => [`mean_${c}`, `std_${c}`]),
    ...(mixed?.categorical.flatMap((c) => c.levels.map((l) => `p_${c.column}=${l}`)) ?? []), ...(mixed?.counts.map((c) => `rate_${c.column}`) ?? [])];
  const lines = [header.map(csvField).join(',')];
  for (let k = 0; k < params.nComponents; k++) {
    const sd = params.nFeatures > 0 ? stdDevs(covarianceMatrix(params, k)) : [];
    const cells = [String(k + 1), plainNumber(params.weights[k]), plainNumber(counts[k]), ...columns.flatMap((_, a) => [plainNumber(params.means[k][a]), plainNumber(sd[a])]),
      ...(mixed?.categorical.flatMap((c) => c.probabilities[k].map(plainNumber)) ?? []), ...(mixed?.counts.map((c) => plainNumber(c.rates[k])) ?? [])];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * The parameters as JSON, components listed with their column-keyed means and full covariance matrices, and for a
 * mixed model their category probabilities (keyed by column, then level) and count rates.
 */
export function paramsJson(columns: readonly string[], source: ParamsDto, counts: readonly number[]): string {
  const params = gaussianOf(source);
  const mixed = source.kind === 'mixed' ? source : undefined;
  const components = params.weights.map((w, k) => ({
    component: k + 1,
    weight: w,
    count: counts[k] ?? null,
    ...(params.nFeatures > 0 ? {
      mean: Object.fromEntries(columns.map((c, a) => [c, params.means[k][a]])),
      std: Object.fromEntries(stdDevs(covarianceMatrix(params, k)).map((s, a) => [columns[a], s])),
      covariance: covarianceMatrix(params, k),
    } : {}),
    ...(mixed ? {
      categories: Object.fromEntries(mixed.categorical.map((c) => [c.column, Object.fromEntries(c.levels.map((l, i) => [l, c.probabilities[k][i]]))])),
      rates: Object.fromEntries(mixed.counts.map((c) => [c.column, c.rates[k]])),
    } : {}),
  }));
  const model = source.kind === 'gaussian' ? source.model : source.gaussian?.model ?? 'latent class';
  return JSON.stringify({ model, columns, ...(mixed ? { categorical: mixed.categorical.map((c) => c.column), counts: mixed.counts.map((c) => c.column) } : {}), components }, null, 2) + '\n';
}
