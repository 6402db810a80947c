/**
 * The bounds of every fit setting, in one place: the webview message validator, the settings the extension reads
 * and the CLI all check or clamp against these, so no source of settings can ask for unbounded work.
 */
import type { CodeLanguage, FitSettingsDto, MissingStrategy, ModelName, StartStrategy } from './model';
import { MAX_COMPONENTS } from './components';

/** The default of `emExplorer.maxFileSizeMB` and of the CLI's `--max-file-size`. */
export const DEFAULT_MAX_FILE_MB = 1024;
/** The largest `emExplorer.maxFileSizeMB` honoured (64 GiB); larger values are clamped to it. */
export const MAX_FILE_MB = 65_536;

/** The default of `emExplorer.memoryBudgetMB` and of the CLI's `--memory-budget`: larger files are streamed. */
export const DEFAULT_MEMORY_BUDGET_MB = 1024;
/** Bounds of `emExplorer.memoryBudgetMB` (values outside are clamped) and of `--memory-budget` (refused). */
export const MEMORY_BUDGET_MB = { min: 1, max: 1_048_576 } as const;

/** Bytes of the memory budget for a setting of `mb` megabytes (clamped to MEMORY_BUDGET_MB; not a number: the default). */
export function memoryBudgetBytes(mb: unknown): number {
  const v = typeof mb === 'number' && Number.isFinite(mb) ? mb : DEFAULT_MEMORY_BUDGET_MB;
  return Math.round(Math.min(MEMORY_BUDGET_MB.max, Math.max(MEMORY_BUDGET_MB.min, v)) * 2 ** 20);
}

/** Most columns a fit may name (the readers read at most this many). */
export const MAX_FIT_COLUMNS = 10_000;
/** Longest column name a message may carry. */
export const MAX_NAME_LENGTH = 100_000;

/** mclust's covariance models (the protocol carries their names; kept here so this file imports only types). */
export const MODEL_CHOICES: readonly ModelName[] = ['EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV'];
/** The languages of "Export Fit as Code", in the order offered. */
export const CODE_LANGUAGES: readonly CodeLanguage[] = ['python', 'r', 'pyspark'];
export const MISSING_CHOICES: readonly MissingStrategy[] = ['em', 'drop'];
export const INIT_CHOICES: readonly StartStrategy[] = ['portfolio', 'hierarchical', 'hierarchical-sphered', 'full-model', 'kmeans++', 'kmeans', 'random-points', 'random-resp'];

/** Inclusive bounds of the numeric settings (`integer`: whole numbers only). */
export const SETTING_BOUNDS = {
  components: { min: 1, max: MAX_COMPONENTS, integer: true },
  nInit: { min: 1, max: 1000, integer: true },
  seed: { min: -(2 ** 31), max: 2 ** 32 - 1, integer: true },
  maxIter: { min: 1, max: 100_000, integer: true },
  tol: { min: 0, max: 1e6, integer: false },
  regCovar: { min: 0, max: 1e6, integer: false },
  maxPoints: { min: 100, max: 1_000_000, integer: true },
} as const;

export type BoundedSetting = keyof typeof SETTING_BOUNDS;

/** `value` inside the setting's bounds (rounded for whole-number settings); `fallback` when it is not a number. */
export function clampSetting(name: BoundedSetting, value: unknown, fallback: number): number {
  const b = SETTING_BOUNDS[name];
  const v = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const inRange = Math.min(b.max, Math.max(b.min, v));
  return b.integer ? Math.round(inRange) : inRange;
}

/** The models of a list that are mclust's names, each once, in mclust's order (`fallback` when none is). */
export function clampModels(models: unknown, fallback: readonly ModelName[]): ModelName[] {
  const given = Array.isArray(models) ? models : [];
  const kept = MODEL_CHOICES.filter((m) => given.includes(m));
  return kept.length > 0 ? kept : [...fallback];
}

/**
 * Settings with every number clamped to its bounds, the largest number of components at least the smallest, and
 * unknown choices replaced by `fallback`'s (for settings from configuration or storage, which a person or a workspace
 * may have set to anything).
 */
export function clampFitSettings(s: FitSettingsDto, fallback: FitSettingsDto): FitSettingsDto {
  const pick = <T>(v: T, choices: readonly T[], f: T): T => (choices.includes(v) ? v : f);
  const range = (s.components ?? {}) as { min?: unknown; max?: unknown };
  const min = clampSetting('components', range.min, fallback.components.min);
  return {
    columns: Array.isArray(s.columns) ? s.columns.filter((c) => typeof c === 'string').slice(0, MAX_FIT_COLUMNS) : fallback.columns,
    categorical: names(s.categorical),
    counts: names(s.counts),
    components: { min, max: Math.max(min, clampSetting('components', range.max, fallback.components.max)) },
    models: clampModels(s.models, fallback.models),
    standardize: typeof s.standardize === 'boolean' ? s.standardize : fallback.standardize,
    nInit: clampSetting('nInit', s.nInit, fallback.nInit),
    seed: clampSetting('seed', s.seed, fallback.seed),
    maxIter: clampSetting('maxIter', s.maxIter, fallback.maxIter),
    tol: clampSetting('tol', s.tol, fallback.tol),
    regCovar: clampSetting('regCovar', s.regCovar, fallback.regCovar),
    missing: pick(s.missing, MISSING_CHOICES, fallback.missing),
    init: pick(s.init, INIT_CHOICES, fallback.init),
    maxPoints: clampSetting('maxPoints', s.maxPoints, fallback.maxPoints),
  };
}

/** A list of column names (strings), at most MAX_FIT_COLUMNS; [] for anything else. */
function names(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string').slice(0, MAX_FIT_COLUMNS) : [];
}

/** Threads to use for a setting of `requested` (0 = every core) on a machine with `cores` cores: 1…cores. */
export function clampThreads(requested: unknown, cores: number): number {
  const n = typeof requested === 'number' && Number.isFinite(requested) ? Math.floor(requested) : 0;
  return n <= 0 ? cores : Math.min(n, cores);
}

/** Bytes read at most for a setting of `mb` megabytes (1 MB … MAX_FILE_MB; not a number: the default). */
export function clampMaxFileBytes(mb: unknown): number {
  const v = typeof mb === 'number' && Number.isFinite(mb) ? mb : DEFAULT_MAX_FILE_MB;
  return Math.round(Math.min(MAX_FILE_MB, Math.max(1, v)) * 2 ** 20);
}
