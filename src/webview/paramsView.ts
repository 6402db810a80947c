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
