/**
 * The fitted Gaussian mixture as every target needs it: full d × d covariance matrices per component (every
 * covariance model's components are such matrices, so scoring with them is exact whatever the model), and how
 * scikit-learn can hold the model. Mixed-data fits are refused here, once for every target.
 */
import type { FitResultDto, GaussianParamsDto, ModelName } from '../../protocol/model';
import { covarianceMatrices } from '../modelSummary';
import { CodeExportError, codeMessages } from './messages';
import type { CodeLanguage } from './types';

/** scikit-learn's covariance types. */
export type SklearnType = 'full' | 'tied' | 'diag' | 'spherical';

export interface GaussianPlan {
  model: ModelName;
  nComponents: number;
  nFeatures: number;
  weights: number[];
  /** K × d, the file's units. */
  means: number[][];
  /** K × d × d, the file's units, regularization included (as EM Explorer scored them). */
  covariances: number[][][];
  /** The scikit-learn type that holds these covariances exactly. */
  sklearnType: SklearnType;
  /** Whether scikit-learn's refit keeps the model's constraints (VVV, EEE, VVI, VII are its four). */
  sklearnKeepsModel: boolean;
}

/** scikit-learn's name for each of its four models. */
const SKLEARN_OWN: Partial<Record<ModelName, SklearnType>> = { VVV: 'full', EEE: 'tied', VVI: 'diag', VII: 'spherical' };

/** The plan of a result's parameters; throws CodeExportError for a mixed-data fit. */
export function gaussianPlan(result: FitResultDto, language: CodeLanguage): GaussianPlan {
  const p = result.params;
  if (p.kind === 'mixed') {
    const parts = [
      p.categorical.length > 0 ? `categorical column${p.categorical.length > 1 ? 's' : ''} ${p.categorical.map((c) => `"${c.column}"`).join(', ')}` : '',
      p.counts.length > 0 ? `count column${p.counts.length > 1 ? 's' : ''} ${p.counts.map((c) => `"${c.column}"`).join(', ')}` : '',
    ].filter((s) => s !== '');
    throw new CodeExportError('not-expressible', codeMessages.mixedModel(language, parts.join(' and ') || 'categorical or count columns'));
  }
  return fromGaussian(p);
}

function fromGaussian(p: GaussianParamsDto): GaussianPlan {
  const own = SKLEARN_OWN[p.model];
  const spherical = p.model === 'EII' || p.model === 'VII';
  const sklearnType: SklearnType = own ?? (spherical ? 'spherical' : p.covariance.layout === 'diag' ? 'diag' : 'full');
  return {
    model: p.model, nComponents: p.nComponents, nFeatures: p.nFeatures, weights: p.weights, means: p.means,
    covariances: covarianceMatrices(p), sklearnType, sklearnKeepsModel: own !== undefined,
  };
}

/** What scikit-learn does with the model, in words for the script's header. */
export function sklearnNote(plan: GaussianPlan): string {
  if (plan.sklearnKeepsModel) return `scikit-learn's covariance_type='${plan.sklearnType}' is ${plan.model} exactly; a refit keeps the model.`;
  const kept: Record<SklearnType, string> = {
    spherical: 'each component spherical, but not of equal volume',
    diag: 'each component diagonal, but not the equal volumes or shapes',
    tied: 'one covariance shared',
    full: 'nothing of the shared volume, shape or orientation',
  };
  return `scikit-learn has no ${plan.model} model. Its covariance_type='${plan.sklearnType}' holds these covariances exactly, so ` +
    `scoring is exact, but a refit does not keep ${plan.model}'s constraints (it keeps ${kept[plan.sklearnType]}).`;
}
