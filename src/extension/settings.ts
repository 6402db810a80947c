/** Fit settings: defaults from the `emExplorer.*` configuration, remembered per file in workspace state. */
import * as vscode from 'vscode';
import { isComponentRange, isModelList, parseComponentRange, parseModelList } from '../core';
import type { DatasetDto, FitSettingsDto, MissingStrategy, ModelName } from '../protocol/model';

/** The `emExplorer.covarianceType` setting as a model list (VVV when it names none). */
export function configuredModels(text: string): ModelName[] {
  const parsed = parseModelList(text);
  return 'models' in parsed ? parsed.models : ['VVV'];
}

/** Settings for a file seen for the first time: every usable numeric column, the rest from configuration. */
export function defaultSettings(dataset: DatasetDto | null): FitSettingsDto {
  const c = vscode.workspace.getConfiguration('emExplorer');
  return {
    columns: dataset ? dataset.columns.filter((col) => col.usable).map((col) => col.name) : [],
    components: parseComponentRange(c.get<string>('defaultComponents', '1-6')) ?? { min: 1, max: 6 },
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
  };
}

const key = (uri: vscode.Uri) => `emExplorer.settings:${uri.toString()}`;

/** The settings last used for this file, checked against its current columns; else the defaults. */
export function settingsFor(state: vscode.Memento, uri: vscode.Uri, dataset: DatasetDto | null): FitSettingsDto {
  const defaults = defaultSettings(dataset);
  const saved = state.get<Partial<FitSettingsDto>>(key(uri));
  if (!saved) return defaults;
  const merged = { ...defaults, ...saved, maxPoints: defaults.maxPoints };
  // Settings saved by an older version (or edited by hand) fall back field by field.
  if (!isComponentRange(merged.components)) merged.components = defaults.components;
  if (!isModelList(merged.models)) merged.models = defaults.models;
  if (dataset) {
    const usable = new Set(dataset.columns.filter((col) => col.usable).map((col) => col.name));
    merged.columns = (saved.columns ?? []).filter((name) => usable.has(name));
    if (merged.columns.length === 0) merged.columns = defaults.columns;
  }
  return merged;
}

export function rememberSettings(state: vscode.Memento, uri: vscode.Uri, settings: FitSettingsDto): Thenable<void> {
  return state.update(key(uri), settings);
}

export function maxFileBytes(): number {
  const mb = vscode.workspace.getConfiguration('emExplorer').get<number>('maxFileSizeMB', 1024);
  return Math.max(1, mb) * 1024 * 1024;
}

export function threadCount(): number {
  const n = vscode.workspace.getConfiguration('emExplorer').get<number>('threads', 0);
  return n > 0 ? n : 0;
}
