/** Rules for the options form: which columns start selected, and keeping numbers in range. Pure, unit-tested. */
import { clampSetting, type BoundedSetting } from '../protocol/limits';
import type { DatasetDto, FitSettingsDto } from '../protocol/model';
import { defaultColumns, isFittable } from '../data/columnChoice';

/**
 * The settings' columns that the dataset can fit (numbers, or categories: text and true/false columns of 2–100
 * values); when none is left, the default choice (`defaultColumns`: the numeric columns, or for a file without numbers its text columns).
 */
export function initialColumns(dataset: DatasetDto, settings: FitSettingsDto): string[] {
  const fittable = new Set(dataset.columns.filter(isFittable).map((c) => c.name));
  const kept = settings.columns.filter((c) => fittable.has(c));
  return kept.length > 0 ? kept : defaultColumns(dataset.columns);
}

/**
 * Which settings the form shows when the host sends a dataset with its copy of the settings (its answer to `ready`,
 * or a re-read). The host's copy follows the form through `settingsChanged`, so options the person changed in this
 * document (`edited`) for the same file are newer than any the host sends, which may have been sent before it heard
 * of them: those stay (`own`). Otherwise, the host's.
 */
export function settingsToShow(edited: FitSettingsDto | undefined, shownUri: string | undefined, dataset: DatasetDto | null,
  host: FitSettingsDto | null): { settings: FitSettingsDto | null; own: boolean } {
  if (edited && dataset !== null && shownUri === dataset.uri) return { settings: edited, own: true };
  return { settings: host, own: false };
}

/** The columns, and which numeric ones are fitted as categories or counts, that the dataset allows. */
export function initialRoles(dataset: DatasetDto, settings: FitSettingsDto): Pick<FitSettingsDto, 'columns' | 'categorical' | 'counts'> {
  const columns = initialColumns(dataset, settings);
  const info = new Map(dataset.columns.map((c) => [c.name, c]));
  const numeric = (name: string) => info.get(name)?.type === 'numeric';
  return {
    columns,
    categorical: (settings.categorical ?? []).filter((c) => columns.includes(c) && numeric(c) && info.get(c)?.levels !== undefined),
    counts: (settings.counts ?? []).filter((c) => columns.includes(c) && info.get(c)?.counts === true && !(settings.categorical ?? []).includes(c)),
  };
}

/**
 * Settings with every number in range (the bounds the host checks, SETTING_BOUNDS). `changed` says which end of the
 * components range the person just edited, so the other one follows it (typing 5 as the smallest over a largest of 3
 * raises the largest, not the other way round).
 */
export function clampSettings(s: FitSettingsDto, prev: FitSettingsDto, changed?: 'min' | 'max'): FitSettingsDto {
  const n = (key: Exclude<BoundedSetting, 'components'>) => clampSetting(key, s[key], prev[key]);
  let min = clampSetting('components', s.components.min, prev.components.min);
  let max = clampSetting('components', s.components.max, prev.components.max);
  if (min > max) {
    if (changed === 'max') min = max;
    else max = min;
  }
  return {
    ...s,
    components: { min, max },
    models: s.models.length > 0 ? s.models : prev.models,
    nInit: n('nInit'),
    seed: Math.max(0, n('seed')),
    maxIter: n('maxIter'),
    // A negative tolerance or regularisation is a typo: keep the previous value rather than snap to 0.
    tol: s.tol >= 0 ? n('tol') : prev.tol,
    regCovar: s.regCovar >= 0 ? n('regCovar') : prev.regCovar,
    maxPoints: n('maxPoints'),
  };
}
