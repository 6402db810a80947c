/**
 * The covariance menu of the options form, as data (no DOM, so it is unit-tested in node): every mclust model with
 * its one plain line ("EVE — equal volume, varying shape, equal orientation"), scikit-learn's four, all 14, and a
 * list the menu does not have (e.g. "VVV,EEE" from the `emExplorer.covarianceType` setting) as a choice of its own.
 */
import type { ModelName } from '../protocol/model';
import { MODEL_NAMES, modelInfo } from '../core/gaussian/models/catalog';
import { formatModelList, parseModelList } from '../core/gaussian/modelList';

/** One option: `value` is a model list as `parseModelList` reads it; `label` is what the menu shows; `title` its tooltip. */
export interface ModelChoice {
  readonly value: string;
  readonly label: string;
  readonly title: string;
}

const SKLEARN_HINT = 'VVV, EEE, VVI and VII (full, tied, diag, spherical), the best by BIC';
const ALL_HINT = "every one of mclust's 14 models, the best by BIC";

/** The fixed choices: each model with its scikit-learn name beside it and its description, then the two groups. */
export const MODEL_CHOICES: readonly ModelChoice[] = [
  ...MODEL_NAMES.map((m): ModelChoice => {
    const info = modelInfo(m);
    return { value: m, label: `${m}${info.alias ? ` (${info.alias})` : ''} — ${info.description}`, title: info.description };
  }),
  { value: 'sklearn', label: "scikit-learn's 4", title: SKLEARN_HINT },
  { value: 'all', label: 'all 14', title: ALL_HINT },
];

/** The choices for settings holding `models`: the fixed ones, plus that list when none of them is it. */
export function modelChoices(models: readonly ModelName[]): ModelChoice[] {
  const value = formatModelList(models);
  if (MODEL_CHOICES.some((c) => c.value === value)) return [...MODEL_CHOICES];
  const title = modelsHint(value);
  return [...MODEL_CHOICES, { value, label: `${models.join(', ')} — ${models.length} models`, title }];
}

/** The value of the choice that shows `models` (in `modelChoices(models)`). */
export function modelChoice(models: readonly ModelName[]): string {
  return formatModelList(models);
}

/** One plain line on what a choice means. */
export function modelsHint(choice: string): string {
  if (choice === 'sklearn') return SKLEARN_HINT;
  if (choice === 'all') return ALL_HINT;
  const parsed = parseModelList(choice);
  if (!('models' in parsed)) return '';
  return parsed.models.length === 1 ? modelInfo(parsed.models[0]).description : `${parsed.models.join(', ')}, the best by BIC`;
}
