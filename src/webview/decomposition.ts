/**
 * Volume, shape and orientation of each component (mclust's Σ_k = λ_k D_k A_k D_kᵀ), for the parameter tables:
 * which of them the model holds equal across components, and their values. Pure (no DOM), unit-tested.
 */
import { decomposeCovariance } from '../core/gaussian/models/decompose';
import { modelInfo } from '../core/gaussian/models/catalog';
import type { ModelName, GaussianParamsDto as ParamsDto } from '../protocol/model';

export interface DecompositionRow {
  component: number;
  /** λ_k = |Σ_k|^{1/d}: the component's size (a variance, in the columns' units to the power 2). */
  volume: number;
  /** The shape: variances along the principal axes divided by the volume, largest first (product 1). */
  shape: number[];
  /** Loadings of the principal axis (the direction of the largest variance), one per column. */
  mainAxis: number[];
}

export interface Decomposition {
  rows: DecompositionRow[];
  /** Which parts the model holds equal across components ('fixed' for the identity: round or axis-aligned). */
  volume: 'equal' | 'varying';
  shape: 'equal' | 'varying' | 'fixed';
  orientation: 'equal' | 'varying' | 'fixed';
}

const word = { E: 'equal', V: 'varying', I: 'fixed' } as const;

/** The decomposition of every component of `params`; undefined when a covariance cannot be decomposed. */
export function decompositionOf(params: ParamsDto): Decomposition | undefined {
  const info = modelInfo(params.model as ModelName);
  const d = params.nFeatures;
  const c = params.covariance;
  const rows: DecompositionRow[] = [];
  try {
    for (let k = 0; k < params.nComponents; k++) {
      const sigma = c.layout === 'full' ? Float64Array.from(c.matrices[k].flat()) : Float64Array.from(c.variances[k]);
      const dec = decomposeCovariance(sigma, 0, d, c.layout);
      rows.push({ component: k, volume: dec.volume, shape: dec.shape, mainAxis: Array.from({ length: d }, (_, a) => dec.orientation[a * d]) });
    }
  } catch {
    return undefined;
  }
  return { rows, volume: word[info.volume] as 'equal' | 'varying', shape: word[info.shape], orientation: word[info.orientation] };
}
