/** Fit settings: defaults from the `emExplorer.*` configuration, remembered per file in workspace state. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { clampFitSettings, clampMaxFileBytes, clampThreads, DEFAULT_MAX_FILE_MB } from '../protocol/limits';
import type { CovarianceType, DatasetDto, FitSettingsDto, MissingStrategy } from '../protocol/model';

/** Parses "3" or "1-6" (as in the setting) into a K range; undefined when malformed. */
export function parseComponents(text: string): { kMin: number; kMax: number } | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!m) return undefined;
  const kMin = Number(m[1]);
  const kMax = m[2] === undefined ? kMin : Number(m[2]);
  return kMin >= 1 && kMax >= kMin ? { kMin, kMax } : undefined;
}

/** The defaults when the configuration holds nothing usable. */
const FALLBACK: FitSettingsDto = {
  columns: [], kMin: 1, kMax: 6, covarianceType: 'full', standardize: false, nInit: 10, seed: 0, maxIter: 200,
  tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'kmeans++', maxPoints: 20000,
};

/**
 * Settings for a file seen for the first time: every usable numeric column, the rest from configuration, each
 * clamped to its bounds (a workspace's settings.json may hold anything).
 */
export function defaultSettings(dataset: DatasetDto | null): FitSettingsDto {
  const c = vscode.workspace.getConfiguration('emExplorer');
  const k = parseComponents(c.get<string>('defaultComponents', '1-6')) ?? { kMin: 1, kMax: 6 };
  return clampFitSettings({
    columns: dataset ? dataset.columns.filter((col) => col.usable).map((col) => col.name) : [],
    kMin: k.kMin,
    kMax: k.kMax,
    covarianceType: c.get<CovarianceType | 'all'>('covarianceType', 'full'),
    standardize: c.get<boolean>('standardize', false),
    nInit: c.get<number>('restarts', 10),
    seed: c.get<number>('seed', 0),
    maxIter: c.get<number>('maxIterations', 200),
    tol: c.get<number>('tolerance', 1e-3),
    regCovar: c.get<number>('regularization', 1e-6),
    missing: c.get<MissingStrategy>('missingValues', 'em'),
    init: 'kmeans++',
    maxPoints: c.get<number>('maxPoints', 20000),
  }, FALLBACK);
}

const key = (uri: vscode.Uri) => `emExplorer.settings:${uri.toString()}`;

/** The settings last used for this file, checked against its current columns and clamped; else the defaults. */
export function settingsFor(state: vscode.Memento, uri: vscode.Uri, dataset: DatasetDto | null): FitSettingsDto {
  const defaults = defaultSettings(dataset);
  const saved = state.get<Partial<FitSettingsDto>>(key(uri));
  if (!saved || typeof saved !== 'object') return defaults;
  const merged = clampFitSettings({ ...defaults, ...saved, maxPoints: defaults.maxPoints }, defaults);
  if (dataset) {
    const usable = new Set(dataset.columns.filter((col) => col.usable).map((col) => col.name));
    merged.columns = merged.columns.filter((name) => usable.has(name));
    if (merged.columns.length === 0) merged.columns = defaults.columns;
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

/** `emExplorer.threads`, clamped to 1 … the cores there are (0 = every core). */
export function threadCount(): number {
  return clampThreads(vscode.workspace.getConfiguration('emExplorer').get<number>('threads', 0), os.availableParallelism());
}

/** `emExplorer.csvFormulaGuard`: neutralise formula-like cells in CSV exports (on unless turned off). */
export function csvFormulaGuard(): boolean {
  return vscode.workspace.getConfiguration('emExplorer').get<boolean>('csvFormulaGuard', true) !== false;
}
