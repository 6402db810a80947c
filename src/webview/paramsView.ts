/** The numeric (Gaussian) part of any family's parameters, which the scatter, ellipses and parameter tables draw. */
import type { GaussianParamsDto, ParamsDto } from '../protocol/model';

/**
 * A Gaussian mixture's own parameters, or a mixed model's numeric block with the mixture's weights (nFeatures 0 when
 * the model has no numeric column).
 */
export function gaussianOf(p: ParamsDto): GaussianParamsDto {
  switch (p.kind) {
    case 'gaussian': return p;
    case 'mixed': {
      const g = p.gaussian;
      if (g) return { kind: 'gaussian', model: g.model, nComponents: p.nComponents, nFeatures: g.nFeatures, weights: p.weights, means: g.means, covariance: g.covariance };
      return {
        kind: 'gaussian', model: 'VVV', nComponents: p.nComponents, nFeatures: 0, weights: p.weights,
        means: p.weights.map(() => []), covariance: { layout: 'diag', variances: p.weights.map(() => []) },
      };
    }
  }
}

/** The model's name as the panel shows it: the covariance model, "latent class" without numeric columns. */
export function modelName(p: ParamsDto): string {
  return p.kind === 'gaussian' ? p.model : p.gaussian ? p.gaussian.model : 'latent class';
}

/** One row of the category parameter table: a level of a categorical column and its probability in each component. */
export interface CategoryParamRow {
  column: string;
  level: string;
  /** The level's place in its column (0 for the row that carries the column's name). */
  levelIndex: number;
  /** How many levels the column has (the row span of its name). */
  nLevels: number;
  /** P(column = level | component k), one per component. */
  probabilities: number[];
}

/**
 * A mixed model's category probabilities as the parameter tables list them: one row per column and level, one value
 * per component (the model holds them K × L per column). Empty for a Gaussian mixture.
 */
export function categoryParamRows(p: ParamsDto): CategoryParamRow[] {
  if (p.kind !== 'mixed') return [];
  return p.categorical.flatMap((c) => c.levels.map((level, l) => ({
    column: c.column, level, levelIndex: l, nLevels: c.levels.length, probabilities: c.probabilities.map((row) => row[l]),
  })));
}

/** A mixed model's Poisson rates (mean count) per count column and component. Empty for a Gaussian mixture. */
export function countParamRows(p: ParamsDto): { column: string; rates: number[] }[] {
  return p.kind === 'mixed' ? p.counts.map((c) => ({ column: c.column, rates: [...c.rates] })) : [];
}
