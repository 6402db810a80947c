/** Fit settings: defaults from the `emExplorer.*` configuration, remembered per file in workspace state. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { parseModelList } from '../core';
import { parseComponentRange } from '../protocol/components';
import { clampFitSettings, clampMaxFileBytes, clampThreads, DEFAULT_MAX_FILE_MB, DEFAULT_MEMORY_BUDGET_MB, memoryBudgetBytes } from '../protocol/limits';
import { DEFAULT_FIT_SETTINGS } from '../protocol/defaults';
import { defaultColumns, isFittable } from '../data/columnChoice';
import type { DatasetDto, FitSettingsDto, MissingStrategy, ModelName } from '../protocol/model';

/** The `emExplorer.covarianceType` setting as a model list (VVV when it names none). */
export function configuredModels(text: string): ModelName[] {
  const parsed = parseModelList(text);
  return 'models' in parsed ? parsed.models : ['VVV'];
}

/** The defaults when the configuration holds nothing usable. */
const FALLBACK: FitSettingsDto = { ...DEFAULT_FIT_SETTINGS };

/**
 * Settings for a file seen for the first time: every usable numeric column, the rest from configuration, each
 * clamped to its bounds (a workspace's settings.json may hold anything).
 */
export function defaultSettings(dataset: DatasetDto | null): FitSettingsDto {
  const c = vscode.workspace.getConfiguration('emExplorer');
  return clampFitSettings({
    columns: dataset ? defaultColumns(dataset.columns) : [],
    categorical: [],
    counts: [],
    components: parseComponentRange(c.get<string>('defaultComponents', '1-6')) ?? FALLBACK.components,
    models: configuredModels(c.get<string>('covarianceType', 'full')),
    standardize: c.get<boolean>('standardize', false),
    nInit: c.get<number>('restarts', 10),
    seed: c.get<number>('seed', 0),
    maxIter: c.get<number>('maxIterations', 200),
    tol: c.get<number>('tolerance', 1e-4),
    regCovar: c.get<number>('regularization', 1e-6),
    missing: c.get<MissingStrategy>('missingValues', 'em'),
    init: 'portfolio',
    maxPoints: c.get<number>('maxPoints', 20000),
  }, FALLBACK);
}

const key = (uri: vscode.Uri) => `emExplorer.settings:${uri.toString()}`;

/** The settings last used for this file, checked against its current columns and clamped; else the defaults. */
export function settingsFor(state: vscode.Memento, uri: vscode.Uri, dataset: DatasetDto | null): FitSettingsDto {
  const defaults = defaultSettings(dataset);
  const saved = state.get<Partial<FitSettingsDto>>(key(uri));
  // Settings saved by an older version (or edited by hand) fall back field by field.
  if (!saved || typeof saved !== 'object') return defaults;
  const merged = clampFitSettings({ ...defaults, ...saved, maxPoints: defaults.maxPoints }, defaults);
  if (dataset) {
    // Numbers or categories the file still has (a text column ticked in the panel stays ticked).
    const fittable = new Set(dataset.columns.filter(isFittable).map((col) => col.name));
    merged.columns = merged.columns.filter((name) => fittable.has(name));
    if (merged.columns.length === 0) merged.columns = defaults.columns;
    merged.categorical = merged.categorical.filter((name) => merged.columns.includes(name));
    merged.counts = merged.counts.filter((name) => merged.columns.includes(name));
  }
  return merged;
}

export function rememberSettings(state: vscode.Memento, uri: vscode.Uri, settings: FitSettingsDto): Thenable<void> {
  return state.update(key(uri), settings);
}

/** `emExplorer.maxFileSizeMB` in bytes, clamped to 1 MB … 64 GiB. */
export function maxFileBytes(): number {
  return clampMaxFileBytes(vscode.workspace.getConfiguration('emExplorer').get<number>('maxFileSizeMB', DEFAULT_MAX_FILE_MB));
}

/** `emExplorer.memoryBudgetMB` in bytes, clamped to 1 MB … 1 TiB: local CSV, TSV and JSON Lines files above it are streamed. */
export function memoryBudget(): number {
  return memoryBudgetBytes(vscode.workspace.getConfiguration('emExplorer').get<number>('memoryBudgetMB', DEFAULT_MEMORY_BUDGET_MB));
}

/** `emExplorer.threads`, clamped to 1 … the cores there are (0 = every core). */
export function threadCount(): number {
  return clampThreads(vscode.workspace.getConfiguration('emExplorer').get<number>('threads', 0), os.availableParallelism());
}

/** `emExplorer.csvFormulaGuard`: neutralise formula-like cells in CSV exports (on unless turned off). */
export function csvFormulaGuard(): boolean {
  return vscode.workspace.getConfiguration('emExplorer').get<boolean>('csvFormulaGuard', true) !== false;
}
