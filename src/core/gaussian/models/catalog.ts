/**
 * INTERIM (replaced by the models branch): mclust's covariance models, their layouts and parameter counts.
 */
export type ModelName = 'EII' | 'VII' | 'EEI' | 'VEI' | 'EVI' | 'VVI' | 'EEE' | 'VEE' | 'EVE' | 'VVE' | 'EEV' | 'VEV' | 'EVV' | 'VVV';
export const MODEL_NAMES: readonly ModelName[] = ['EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV'];
export type SklearnName = 'full' | 'tied' | 'diag' | 'spherical';
export const MODEL_ALIASES: Record<SklearnName, ModelName> = { full: 'VVV', tied: 'EEE', diag: 'VVI', spherical: 'VII' };

export interface CovarianceModelInfo {
  readonly name: ModelName;
  readonly layout: 'diag' | 'full';
  readonly volume: 'E' | 'V';
  readonly shape: 'E' | 'V' | 'I';
  readonly orientation: 'E' | 'V' | 'I';
  readonly iterative: boolean;
  readonly description: string;
  readonly alias?: SklearnName;
}

export function modelInfo(name: ModelName): CovarianceModelInfo {
  const [volume, shape, orientation] = name.split('') as ['E' | 'V', 'E' | 'V' | 'I', 'E' | 'V' | 'I'];
  const alias = (Object.keys(MODEL_ALIASES) as SklearnName[]).find((a) => MODEL_ALIASES[a] === name);
  return {
    name, layout: orientation === 'I' ? 'diag' : 'full', volume, shape, orientation,
    iterative: ['VEI', 'VEE', 'VEV', 'EVE', 'VVE'].includes(name), description: name, ...(alias ? { alias } : {}),
  };
}

export function resolveModelName(text: string): ModelName | undefined {
  const t = text.trim();
  if (t.toLowerCase() in MODEL_ALIASES) return MODEL_ALIASES[t.toLowerCase() as SklearnName];
  const u = t.toUpperCase() as ModelName;
  return MODEL_NAMES.includes(u) ? u : undefined;
}

export function nCovarianceParameters(model: ModelName, K: number, d: number): number {
  const rot = (d * (d - 1)) / 2;
  switch (model) {
    case 'EII': return 1;
    case 'VII': return K;
    case 'EEI': return d;
    case 'VEI': return K + d - 1;
    case 'EVI': return 1 + K * (d - 1);
    case 'VVI': return K * d;
    case 'EEE': return d + rot;
    case 'VEE': return K + d - 1 + rot;
    case 'EVE': return 1 + K * (d - 1) + rot;
    case 'VVE': return K * d + rot;
    case 'EEV': return d + K * rot;
    case 'VEV': return K + d - 1 + K * rot;
    case 'EVV': return 1 + K * (d - 1) + K * rot;
    case 'VVV': return K * (d + rot);
  }
}
