/**
 * Run-time checks of every message the webview sends. The webview is a security boundary: a message is a value
 * of unknown shape until it passes here, and the host acts only on what passes. Nothing a message carries names
 * a path: exports and charts are named from fixed lists (`EXPORT_KINDS`, `CHART_NAMES`) and the host makes the
 * path. Pure (no vscode), unit-tested in test/unit/protocol/validate.test.ts.
 */
import type { FitSettingsDto, ModelName } from './model';
import {
  CODE_LANGUAGES, INIT_CHOICES, MODEL_CHOICES, MAX_FIT_COLUMNS, MAX_NAME_LENGTH, MISSING_CHOICES, SETTING_BOUNDS, type BoundedSetting,
} from './limits';
import type { ChartName, ExportKind, FromWebview } from './webview';
import { componentRangeProblem, MAX_COMPONENTS } from './components';
import { checkRowIndex, checkRowsRequest, checkRowsView } from './validateRows';

export const EXPORT_KINDS: readonly ExportKind[] = ['labels-csv', 'labels-json', 'params-json'];
/** The charts the panel saves as PNG; the host names the file `<data file>.<chart>.png`. */
export const CHART_NAMES: readonly ChartName[] = ['clusters', 'log-likelihood', 'model-selection', 'pairs'];
export const PNG_PREFIX = 'data:image/png;base64,';
/** Largest PNG data URL accepted (a chart is a few hundred kB). */
export const MAX_PNG_URL_LENGTH = 32 * 2 ** 20;
/** Largest text the panel may ask to copy (the parameter tables of a wide model). */
export const MAX_COPY_LENGTH = 64 * 2 ** 20;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

/** Checks a message from the webview. `problem` says what was wrong, for the log. */
export function checkFromWebview(raw: unknown): Checked<FromWebview> {
  if (!isRecord(raw)) return fail('the message is not an object');
  const type = raw.type;
  const only = (...keys: string[]) => extraKey(raw, ['type', ...keys]);
  switch (type) {
    case 'ready':
    case 'cancel':
    case 'pca':
    case 'cancelPca': {
      const extra = only();
      return extra ? fail(extra) : { ok: true, value: { type } };
    }
    case 'fit':
    case 'settingsChanged': {
      const extra = only('settings');
      if (extra) return fail(extra);
      const s = checkSettings(raw.settings);
      return s.ok ? { ok: true, value: { type, settings: s.value } } : fail(`${type}: ${s.problem}`);
    }
    case 'export': {
      const extra = only('kind');
      if (extra) return fail(extra);
      return isOneOf(raw.kind, EXPORT_KINDS) ? { ok: true, value: { type, kind: raw.kind } } : fail(`export: kind must be one of ${EXPORT_KINDS.join(', ')}`);
    }
    case 'exportCode': {
      const extra = only('language');
      if (extra) return fail(extra);
      if (raw.language === undefined) return { ok: true, value: { type } };
      return isOneOf(raw.language, CODE_LANGUAGES)
        ? { ok: true, value: { type, language: raw.language } }
        : fail(`exportCode: language must be one of ${CODE_LANGUAGES.join(', ')}`);
    }
    case 'savePng': {
      const extra = only('name', 'dataUrl');
      if (extra) return fail(extra);
      if (!isOneOf(raw.name, CHART_NAMES)) return fail(`savePng: name must be one of ${CHART_NAMES.join(', ')}`);
      const url = raw.dataUrl;
      if (typeof url !== 'string' || !url.startsWith(PNG_PREFIX) || url.length > MAX_PNG_URL_LENGTH) {
        return fail(`savePng: dataUrl must be a PNG data URL of at most ${MAX_PNG_URL_LENGTH} characters`);
      }
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(url.slice(PNG_PREFIX.length))) return fail('savePng: dataUrl is not base64');
      return { ok: true, value: { type, name: raw.name, dataUrl: url } };
    }
    case 'compare': {
      const extra = only('column');
      if (extra) return fail(extra);
      return typeof raw.column === 'string' && raw.column.length > 0 && raw.column.length <= MAX_NAME_LENGTH
        ? { ok: true, value: { type, column: raw.column } }
        : fail(`compare: column must be a name of 1 to ${MAX_NAME_LENGTH} characters`);
    }
    case 'copy': {
      const extra = only('text');
      if (extra) return fail(extra);
      return typeof raw.text === 'string' && raw.text.length <= MAX_COPY_LENGTH
        ? { ok: true, value: { type, text: raw.text } }
        : fail(`copy: text must be a string of at most ${MAX_COPY_LENGTH} characters`);
    }
    case 'rows': {
      const r = checkRowsRequest(raw);
      return r.ok ? { ok: true, value: { type, ...r.value } } : r;
    }
    case 'revealRow': {
      const extra = only('row');
      if (extra) return fail(extra);
      const row = checkRowIndex(raw.row);
      return row.ok ? { ok: true, value: { type, row: row.value } } : fail(`revealRow: ${row.problem}`);
    }
    case 'exportRows': {
      const extra = only('view');
      if (extra) return fail(extra);
      const view = checkRowsView(raw.view);
      return view.ok ? { ok: true, value: { type, view: view.value } } : fail(`exportRows: ${view.problem}`);
    }
    default:
      return fail(`unknown message type ${JSON.stringify(type)?.slice(0, 40) ?? typeof type}`);
  }
}

const SETTING_KEYS: readonly (keyof FitSettingsDto)[] = [
  'columns', 'categorical', 'counts', 'components', 'models', 'standardize', 'nInit', 'seed', 'maxIter', 'tol', 'regCovar', 'missing', 'init', 'maxPoints',
];

/** Checks fit settings exactly: every key present with a value in bounds, nothing else (no clamping). */
export function checkSettings(raw: unknown): Checked<FitSettingsDto> {
  if (!isRecord(raw)) return fail('settings must be an object');
  const extra = extraKey(raw, SETTING_KEYS);
  if (extra) return fail(`settings: ${extra}`);
  const columns = raw.columns;
  if (!Array.isArray(columns) || columns.length > MAX_FIT_COLUMNS) return fail(`settings.columns must be a list of at most ${MAX_FIT_COLUMNS} names`);
  const seen = new Set<string>();
  for (const c of columns) {
    if (typeof c !== 'string' || c.length > MAX_NAME_LENGTH) return fail('settings.columns must hold column names (strings)');
    if (seen.has(c)) return fail(`settings.columns names "${c.slice(0, 80)}" twice`);
    seen.add(c);
  }
  const roles: Record<'categorical' | 'counts', string[]> = { categorical: [], counts: [] };
  for (const key of ['categorical', 'counts'] as const) {
    const list = raw[key];
    if (!Array.isArray(list) || !list.every((c) => typeof c === 'string' && seen.has(c)) || new Set(list).size !== list.length) {
      return fail(`settings.${key} must be a list of distinct names from settings.columns`);
    }
    roles[key] = list.slice() as string[];
  }
  if (roles.categorical.some((c) => roles.counts.includes(c))) return fail('settings.categorical and settings.counts must not share a column');
  const range = raw.components;
  if (!isRecord(range) || extraKey(range, ['min', 'max'])) return fail('settings.components must be { min, max }');
  // The same rule as the settings, the worker and the CLI (`components.ts`).
  const problem = componentRangeProblem(range);
  if (problem === 'bounds') return fail(`settings.components must hold whole numbers from 1 to ${MAX_COMPONENTS}`);
  if (problem === 'order') return fail('settings.components.max must be at least components.min');
  const models = raw.models;
  if (!Array.isArray(models) || models.length === 0 || models.length > MODEL_CHOICES.length || new Set(models).size !== models.length
    || !models.every((m) => isOneOf(m, MODEL_CHOICES))) {
    return fail(`settings.models must be a list of distinct models among ${MODEL_CHOICES.join(', ')}`);
  }
  for (const key of (Object.keys(SETTING_BOUNDS) as BoundedSetting[]).filter((k) => k !== 'components')) {
    const v = raw[key];
    const b = SETTING_BOUNDS[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < b.min || v > b.max || (b.integer && !Number.isInteger(v))) {
      return fail(`settings.${key} must be ${b.integer ? 'a whole number' : 'a number'} from ${b.min} to ${b.max}`);
    }
  }
  if (!isOneOf(raw.missing, MISSING_CHOICES)) return fail(`settings.missing must be one of ${MISSING_CHOICES.join(', ')}`);
  if (!isOneOf(raw.init, INIT_CHOICES)) return fail(`settings.init must be one of ${INIT_CHOICES.join(', ')}`);
  if (typeof raw.standardize !== 'boolean') return fail('settings.standardize must be true or false');
  return {
    ok: true,
    value: {
      columns: columns.slice() as string[], categorical: roles.categorical, counts: roles.counts, components: { min: range.min as number, max: range.max as number }, models: models.slice() as ModelName[],
      standardize: raw.standardize, nInit: raw.nInit as number, seed: raw.seed as number, maxIter: raw.maxIter as number,
      tol: raw.tol as number, regCovar: raw.regCovar as number, missing: raw.missing, init: raw.init, maxPoints: raw.maxPoints as number,
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isOneOf<T extends string>(v: unknown, choices: readonly T[]): v is T {
  return typeof v === 'string' && (choices as readonly string[]).includes(v);
}

/** A complaint about the first key of `raw` that is not in `allowed`, or undefined. */
function extraKey(raw: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(raw).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `unexpected field ${JSON.stringify(extra.slice(0, 40))}`;
}
