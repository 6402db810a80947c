/**
 * The 14 Gaussian covariance models of mclust (Fraley & Raftery 2002; Celeux & Govaert 1995): every
 * Σ_k = λ_k · D_k A_k D_kᵀ with volume λ_k = |Σ_k|^{1/d}, a diagonal shape A_k with |A_k| = 1 and an orthogonal
 * orientation D_k, each of the three Equal across components (E), Variable (V) or the Identity (I).
 */

/** mclust's three-letter model names: volume, shape, orientation. */
export type ModelName =
  | 'EII' | 'VII' | 'EEI' | 'VEI' | 'EVI' | 'VVI' | 'EEE'
  | 'VEE' | 'EVE' | 'VVE' | 'EEV' | 'VEV' | 'EVV' | 'VVV';

/** Every model, in mclust's order (`mclust.options("emModelNames")`). */
export const MODEL_NAMES: readonly ModelName[] = [
  'EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV',
];

/** scikit-learn's `covariance_type` names. */
export type SklearnAlias = 'full' | 'tied' | 'diag' | 'spherical';

/** scikit-learn's names for the four models it has: full = VVV, tied = EEE, diag = VVI, spherical = VII. */
export const MODEL_ALIASES: Readonly<Record<SklearnAlias, ModelName>> = {
  full: 'VVV', tied: 'EEE', diag: 'VVI', spherical: 'VII',
};

/** How a model's Σ_k are stored: 'diag' keeps the d diagonal entries of each, 'full' the d×d matrix. */
export type CovarianceLayout = 'diag' | 'full';

/** One model of the catalogue. */
export interface CovarianceModelInfo {
  readonly name: ModelName;
  /** 'diag' when every Σ_k is diagonal (EII VII EEI VEI EVI VVI). */
  readonly layout: CovarianceLayout;
  /** λ_k: equal for all components or variable. */
  readonly volume: 'E' | 'V';
  /** A_k: equal, variable, or the identity (spherical components). */
  readonly shape: 'E' | 'V' | 'I';
  /** D_k: equal, variable, or the identity (axis-aligned components). */
  readonly orientation: 'E' | 'V' | 'I';
  /** true when the maximum-likelihood M-step has no closed form and is found by an inner iteration. */
  readonly iterative: boolean;
  /** One plain line, e.g. "equal volume, varying shape, equal orientation". */
  readonly description: string;
  /** The scikit-learn name of the same model, when it has one. */
  readonly alias?: SklearnAlias;
}

const ITERATIVE: ReadonlySet<ModelName> = new Set<ModelName>(['VEI', 'VEE', 'EVE', 'VVE', 'VEV']);

function word(letter: 'E' | 'V'): string {
  return letter === 'E' ? 'equal' : 'varying';
}

function describe(name: ModelName): string {
  const [v, s, o] = name as unknown as ['E' | 'V', 'E' | 'V' | 'I', 'E' | 'V' | 'I'];
  if (s === 'I') return `spherical, ${word(v)} volume`;
  const head = `${word(v)} volume, ${word(s)} shape`;
  return o === 'I' ? `diagonal (axis-aligned), ${head}` : `${head}, ${word(o)} orientation`;
}

function info(name: ModelName): CovarianceModelInfo {
  const [volume, shape, orientation] = name as unknown as ['E' | 'V', 'E' | 'V' | 'I', 'E' | 'V' | 'I'];
  const alias = (Object.keys(MODEL_ALIASES) as SklearnAlias[]).find((a) => MODEL_ALIASES[a] === name);
  return {
    name, volume, shape, orientation,
    layout: orientation === 'I' ? 'diag' : 'full',
    iterative: ITERATIVE.has(name),
    description: describe(name),
    ...(alias ? { alias } : {}),
  };
}

/** The catalogue entry of every model. */
export const COVARIANCE_MODELS: Readonly<Record<ModelName, CovarianceModelInfo>> = Object.fromEntries(
  MODEL_NAMES.map((m) => [m, info(m)]),
) as Record<ModelName, CovarianceModelInfo>;

/**
 * The model a user wrote: an mclust name in any case ("vvv", "EeV") or a scikit-learn alias ("full", "Tied").
 * @returns undefined for anything else.
 */
export function resolveModelName(text: string): ModelName | undefined {
  const t = text.trim();
  const upper = t.toUpperCase() as ModelName;
  if ((MODEL_NAMES as readonly string[]).includes(upper)) return upper;
  const lower = t.toLowerCase();
  return Object.prototype.hasOwnProperty.call(MODEL_ALIASES, lower) ? MODEL_ALIASES[lower as SklearnAlias] : undefined;
}

/**
 * Free covariance parameters of the model with K components in d dimensions: mclust's `nVarParams(model, d, G)`.
 * A shape has d − 1 free values (|A| = 1), an orientation d(d − 1)/2, a volume 1. The whole model has this plus
 * K·d means and K − 1 weights (mclust's `nMclustParams`).
 */
export function nCovarianceParameters(model: ModelName, K: number, d: number): number {
  const orient = (d * (d - 1)) / 2;
  switch (model) {
    case 'EII': return 1;
    case 'VII': return K;
    case 'EEI': return d;
    case 'VEI': return K + (d - 1);
    case 'EVI': return 1 + K * (d - 1);
    case 'VVI': return K * d;
    case 'EEE': return (d * (d + 1)) / 2;
    case 'VEE': return K + (d - 1) + orient;
    case 'EVE': return 1 + K * (d - 1) + orient;
    case 'VVE': return K + K * (d - 1) + orient;
    case 'EEV': return 1 + (d - 1) + K * orient;
    case 'VEV': return K + (d - 1) + K * orient;
    case 'EVV': return 1 - K + (K * d * (d + 1)) / 2;
    case 'VVV': return (K * d * (d + 1)) / 2;
  }
}

/** All free parameters of a K-component mixture of this model: covariances + K·d means + K − 1 weights (mclust's `nMclustParams`). */
export function nMixtureParameters(model: ModelName, K: number, d: number): number {
  return nCovarianceParameters(model, K, d) + K * d + (K - 1);
}

/** The catalogue entry of one model. */
export function modelInfo(name: ModelName): CovarianceModelInfo {
  return COVARIANCE_MODELS[name];
}
