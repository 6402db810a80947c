/**
 * What the panel remembers across reloads (VS Code's `getState`/`setState`, no `retainContextWhenHidden`):
 * the person's view choices and the last DTOs. Merged per key, as hexeditor's `setWebviewState`, so one part
 * of the UI never overwrites another's. Pure (no DOM), unit-tested in test/unit/webview/state.test.ts.
 */
import { modelName } from './paramsView';
import type { ComparisonDto, DatasetDto, FitResultDto, FitSettingsDto, PcaDto } from '../protocol/model';

/** View choices that are not fit settings. */
export interface UiState {
  /** 'columns': two fitted columns; 'pca': the first two principal components. */
  plane: 'columns' | 'pca';
  /** Column names on the scatter's axes (when plane is 'columns'). */
  xColumn: string | null;
  yColumn: string | null;
  /** Components hidden in the scatter (legend toggles). */
  hiddenComponents: number[];
  /** Plot the E/M half-steps of the chosen run. */
  halfSteps: boolean;
  /** Grid shown per component. */
  matrix: 'covariance' | 'correlation';
  /** Index into result.selection of the model shown; null = the chosen one. */
  shownModel: number | null;
  /** Index into result.history for the replay; null = final parameters. */
  replayIteration: number | null;
  advancedOpen: boolean;
  /** A column of the file to colour the scatter by and compare the clusters with; null = colour by component. */
  colourBy: string | null;
}

export interface PanelState {
  ui: UiState;
  dataset: DatasetDto | null;
  settings: FitSettingsDto | null;
  result: FitResultDto | null;
  /** Principal components computed for the result whose `resultKey` is `key` (asked for when the scatter shows them). */
  pca: { key: string; value: PcaDto } | null;
  /** The clusters of the result whose `resultKey` is `key` against a column (asked for when colouring by it). */
  comparison: { key: string; value: ComparisonDto } | null;
}

export const DEFAULT_UI: UiState = {
  plane: 'columns',
  xColumn: null,
  yColumn: null,
  hiddenComponents: [],
  halfSteps: false,
  matrix: 'correlation',
  shownModel: null,
  replayIteration: null,
  advancedOpen: false,
  colourBy: null,
};

/** A full state from whatever `getState()` returned (undefined, an older shape, or junk). */
export function restoreState(saved: unknown): PanelState {
  const s = (saved && typeof saved === 'object' ? saved : {}) as Partial<PanelState>;
  const ui = s.ui && typeof s.ui === 'object' ? s.ui : {};
  return {
    ui: { ...DEFAULT_UI, ...ui },
    dataset: s.dataset ?? null,
    settings: s.settings ?? null,
    result: s.result ?? null,
    pca: s.pca && typeof s.pca === 'object' && typeof s.pca.key === 'string' ? s.pca : null,
    comparison: s.comparison && typeof s.comparison === 'object' && typeof s.comparison.key === 'string' ? s.comparison : null,
  };
}

/** Tells results apart (a new fit, another file), so principal components are never shown for the wrong one. */
export function resultKey(r: FitResultDto): string {
  return [r.columns.join('\u0000'), r.nRowsUsed, r.logLikelihood, r.elapsedMs, r.params.nComponents, modelName(r.params)].join('|');
}

/** The principal components kept for this result, if any. */
export function pcaFor(state: PanelState, r: FitResultDto): PcaDto | null {
  return state.pca !== null && state.pca.key === resultKey(r) ? state.pca.value : null;
}

/** The comparison kept for this result and the column being coloured by, if any. */
export function comparisonFor(state: PanelState, r: FitResultDto): ComparisonDto | null {
  const c = state.comparison;
  return c !== null && state.ui.colourBy !== null && c.key === resultKey(r) && c.value.column === state.ui.colourBy ? c.value : null;
}

/** The state with one key replaced (a new object; `prev` is not changed). */
export function mergeState<K extends keyof PanelState>(prev: PanelState, key: K, value: PanelState[K]): PanelState {
  return { ...prev, [key]: value };
}

/** The state with some UI choices changed. */
export function mergeUi(prev: PanelState, patch: Partial<UiState>): PanelState {
  return { ...prev, ui: { ...prev.ui, ...patch } };
}

/**
 * UI choices that still make sense for a new result: axes must be fitted columns (else the first two),
 * a model index and a replay step belong to the old result and are reset.
 */
export function uiForResult(ui: UiState, result: FitResultDto): UiState {
  const cols = result.columns;
  let xColumn = ui.xColumn !== null && cols.includes(ui.xColumn) ? ui.xColumn : (cols[0] ?? null);
  let yColumn = ui.yColumn !== null && cols.includes(ui.yColumn) ? ui.yColumn : (cols[1] ?? cols[0] ?? null);
  if (xColumn === yColumn && cols.length > 1) {
    xColumn = cols[0];
    yColumn = cols[1];
  }
  // Principal components are computed when shown, so the choice carries over to any result of two columns or more.
  const plane = ui.plane === 'pca' && result.columns.length >= 2 ? 'pca' : 'columns';
  return {
    ...ui,
    plane,
    xColumn,
    yColumn,
    hiddenComponents: ui.hiddenComponents.filter((k) => k < result.params.nComponents),
    shownModel: null,
    replayIteration: null,
  };
}
