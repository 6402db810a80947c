/**
 * Which covariance models to fit, parsed once for every boundary (settings, the panel, the CLI): one name
 * (mclust's EII … VVV, or scikit-learn's full / tied / diag / spherical), a comma list, 'all' (the 14 models) or
 * 'sklearn' (the four scikit-learn structures).
 */
import { MODEL_ALIASES, MODEL_NAMES, resolveModelName, type ModelName } from './models/catalog';

/** The four structures scikit-learn has, as mclust models. */
export const SKLEARN_MODELS: readonly ModelName[] = [MODEL_ALIASES.full, MODEL_ALIASES.tied, MODEL_ALIASES.diag, MODEL_ALIASES.spherical];

/** The models named by `text` in mclust's order, or the first word that names none. */
export function parseModelList(text: string): { models: ModelName[] } | { unknown: string } {
  const words = text.split(',').map((w) => w.trim()).filter((w) => w.length > 0);
  if (words.length === 0) return { unknown: text };
  const chosen = new Set<ModelName>();
  for (const w of words) {
    const lower = w.toLowerCase();
    if (lower === 'all') MODEL_NAMES.forEach((m) => chosen.add(m));
    else if (lower === 'sklearn') SKLEARN_MODELS.forEach((m) => chosen.add(m));
    else {
      const m = resolveModelName(w);
      if (!m) return { unknown: w };
      chosen.add(m);
    }
  }
  return { models: MODEL_NAMES.filter((m) => chosen.has(m)) };
}

/** Whether `value` is a non-empty list of distinct model names. */
export function isModelList(value: unknown): value is ModelName[] {
  return Array.isArray(value) && value.length > 0 && value.length <= MODEL_NAMES.length
    && value.every((m) => MODEL_NAMES.includes(m as ModelName)) && new Set(value).size === value.length;
}

/** A model list as a person writes it: 'all', 'sklearn', or the names joined by commas. */
export function formatModelList(models: readonly ModelName[]): string {
  if (models.length === MODEL_NAMES.length) return 'all';
  if (models.length === SKLEARN_MODELS.length && SKLEARN_MODELS.every((m) => models.includes(m))) return 'sklearn';
  return models.join(',');
}
