/** The options form: columns, the number of components (or a range), covariance models, standardise, starts, seed, advanced. */
import type { DatasetDto, FitSettingsDto, MissingStrategy, StartStrategy } from '../protocol/model';
import { formatModelList, parseModelList } from '../core/gaussian/modelList';
import { MODEL_CHOICES, modelChoice, modelChoices, modelsHint, type ModelChoice } from './modelChoices';
import { MAX_COMPONENTS } from '../protocol/components';
import { el, replaceChildren } from './dom';
import { clampSettings, initialRoles } from './settings';
import type { ColumnInfo } from '../data/types';

/** How a numeric column is fitted. */
type Role = 'numbers' | 'categories' | 'counts';

type NumberKey = 'kMin' | 'kMax' | 'nInit' | 'seed' | 'maxIter' | 'tol' | 'regCovar' | 'maxPoints';
type SettingsNumber = Exclude<NumberKey, 'kMin' | 'kMax'>;

/** A covariance menu option: the model and its plain description as text, the description again as its tooltip. */
const modelOption = (c: ModelChoice) => el('option', { value: c.value, title: c.title }, c.label);
const INIT_LABELS: [StartStrategy, string][] = [
  ['portfolio', 'portfolio (hierarchical, k-means++, random; screened)'], ['hierarchical', 'hierarchical (mclust)'],
  ['hierarchical-sphered', 'hierarchical on sphered data'], ['full-model', 'clusters of the full (VVV) fit'],
  ['kmeans++', 'k-means++'], ['kmeans', 'k-means'], ['random-points', 'random points'], ['random-resp', 'random responsibilities'],
];
const MISSING_LABELS: [MissingStrategy, string][] = [['em', 'fill in by EM (use observed cells)'], ['drop', 'drop rows with missing cells']];

export class OptionsForm {
  readonly root: HTMLElement;
  private settings: FitSettingsDto | undefined;
  /**
   * Whether the person changed an option since this document started. The host's copy of the settings follows the
   * form (settingsChanged), so a host message that carries settings and arrives after such a change (a late answer
   * to `ready`, a re-read) is older than the form and must not undo it.
   */
  edited = false;
  private dataset: DatasetDto | null = null;
  /** Whether the form takes input (false while a fit runs). */
  private enabled = true;
  private readonly columns = el('fieldset', { id: 'columns', class: 'columns' });
  /** The role chosen for each numeric column that can have another (kept while the column is unticked). */
  private readonly roles = new Map<string, Role>();
  private readonly numbers = new Map<NumberKey, HTMLInputElement>();
  private readonly covariance = el('select', { id: 'covariance' }, ...MODEL_CHOICES.map(modelOption));
  private readonly standardize = el('input', { type: 'checkbox', id: 'standardize' });
  private readonly missing = el('select', { id: 'missing' }, ...MISSING_LABELS.map(([v, l]) => el('option', { value: v }, l)));
  private readonly init = el('select', { id: 'init' }, ...INIT_LABELS.map(([v, l]) => el('option', { value: v }, l)));
  private readonly rangeNote = el('span', { class: 'hint', id: 'k-hint' });
  private readonly covarianceHint = el('span', { class: 'hint', id: 'covariance-hint' });
  private readonly advanced: HTMLDetailsElement;

  constructor(private readonly onChange: (s: FitSettingsDto) => void, onAdvancedToggle: (open: boolean) => void) {
    const num = (key: NumberKey, id: string, label: string, attrs: Record<string, string | number>, hint?: string) => {
      const input = el('input', { type: 'number', id, ...attrs });
      input.addEventListener('change', () => this.emit(key === 'kMin' || key === 'kMax' ? key : undefined));
      this.numbers.set(key, input);
      return el('div', { class: 'field' }, el('label', { for: id }, label), input, hint ? el('span', { class: 'hint' }, hint) : null);
    };
    const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
      el('div', { class: 'field' }, el('label', { for: id }, label), control, hint ? el('span', { class: 'hint' }, hint) : null);
    this.advanced = el(
      'details',
      { class: 'advanced' },
      el('summary', {}, 'Advanced'),
      el('div', { class: 'fields' },
        num('maxIter', 'max-iter', 'Max iterations', { min: 1, step: 1 }),
        num('tol', 'tol', 'Tolerance', { min: 0, step: 'any' }, 'per-row log-likelihood gain'),
        num('regCovar', 'reg-covar', 'Regularisation', { min: 0, step: 'any' }, 'added to covariance diagonals'),
        field('missing', 'Missing cells', this.missing),
        field('init', 'Starts', this.init),
        num('maxPoints', 'max-points', 'Points drawn', { min: 100, step: 1000 }, 'at most, in the scatter')),
    );
    this.advanced.addEventListener('toggle', () => onAdvancedToggle(this.advanced.open));
    this.root = el(
      'section',
      { class: 'card', id: 'options' },
      el('div', { class: 'card-header' }, el('h2', {}, 'Options')),
      el('div', { class: 'options-layout' },
        el('div', {}, el('div', { class: 'label' }, 'Columns'), this.columns),
        el('div', {},
          el('div', { class: 'fields' },
            num('kMin', 'k-min', 'Components from', { min: 1, max: MAX_COMPONENTS, step: 1 }),
            num('kMax', 'k-max', 'to', { min: 1, max: MAX_COMPONENTS, step: 1 }),
            el('div', { class: 'field wide' }, el('label', { for: 'covariance' }, 'Covariance model'), this.covariance, this.covarianceHint),
            num('nInit', 'restarts', 'Starts', { min: 1, step: 1 }, 'per model; the best is kept'),
            num('seed', 'seed', 'Seed', { min: 0, step: 1 }),
            el('div', { class: 'field check' }, el('label', { for: 'standardize' }, this.standardize, 'Standardise columns'), el('span', { class: 'hint' }, 'results stay in original units'))),
          this.rangeNote,
          this.advanced)),
    );
    for (const c of [this.covariance, this.standardize, this.missing, this.init]) c.addEventListener('change', () => this.emit());
  }

  /** Fills the form (after init/dataset messages or a restore). Returns the settings as the form holds them. */
  set(dataset: DatasetDto | null, settings: FitSettingsDto, advancedOpen: boolean): FitSettingsDto {
    const s = dataset ? { ...settings, ...initialRoles(dataset, settings) } : settings;
    this.settings = s;
    this.dataset = dataset;
    this.roles.clear();
    for (const c of s.categorical) this.roles.set(c, 'categories');
    for (const c of s.counts) this.roles.set(c, 'counts');
    this.renderColumns(dataset, s.columns);
    for (const [key, input] of this.numbers) input.value = String(numberOf(s, key));
    // A list the menu does not have (from the settings, e.g. "VVV,EEE") is offered as a choice of its own.
    replaceChildren(this.covariance, ...modelChoices(s.models).map(modelOption));
    this.covariance.value = modelChoice(s.models);
    this.standardize.checked = s.standardize;
    this.missing.value = s.missing;
    this.init.value = s.init;
    this.advanced.open = advancedOpen;
    this.updateHint(s);
    return s;
  }

  /** The settings as currently shown. */
  get(): FitSettingsDto | undefined {
    return this.settings;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    for (const c of this.root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      if (c.dataset.unusable === 'true') continue;
      c.disabled = !enabled;
    }
    if (this.settings) this.showNumericBlock(this.settings);
  }

  /** What the column list says while there is no dataset. */
  setPlaceholder(text: string): void {
    const p = this.columns.querySelector('.placeholder');
    if (p) p.textContent = text;
  }

  private renderColumns(dataset: DatasetDto | null, selected: string[]): void {
    if (!dataset) {
      replaceChildren(this.columns, el('legend', { class: 'visually-hidden' }, 'Columns to fit'), el('span', { class: 'muted placeholder' }, 'Reading the file…'));
      return;
    }
    const items = dataset.columns.map((c, i) => this.columnItem(c, i, selected));
    replaceChildren(this.columns, el('legend', { class: 'visually-hidden' }, 'Columns to fit'), ...items);
  }

  /**
   * One column of the list: its box, name and type; why it cannot be fitted; how many categories a text column has;
   * and for a numeric column of whole numbers the choice to fit it as numbers, categories or counts (a column of few
   * values is suggested as categories, never switched).
   */
  private columnItem(c: ColumnInfo, i: number, selected: string[]): HTMLElement {
    const id = `col-${i}`;
    const categories = c.type !== 'numeric' && c.levels !== undefined;
    const fittable = c.usable || categories;
    const box = el('input', { type: 'checkbox', id, 'data-column': c.name });
    box.checked = fittable && selected.includes(c.name);
    box.disabled = !fittable;
    if (!fittable) box.dataset.unusable = 'true';
    box.addEventListener('change', () => this.emit());
    let extra: HTMLElement | null = null;
    if (!fittable) extra = el('span', { class: 'hint' }, c.reason ?? 'not usable');
    else if (categories) extra = el('span', { class: 'hint' }, `${c.levels} categories`);
    else if (c.levels !== undefined || c.counts) {
      const role = el('select', { class: 'column-role', id: `${id}-role`, 'data-role-of': c.name, 'aria-label': `Fit ${c.name} as` },
        el('option', { value: 'numbers' }, 'as numbers'),
        c.levels !== undefined ? el('option', { value: 'categories' }, `as ${c.levels} categories`) : null,
        c.counts ? el('option', { value: 'counts' }, 'as counts') : null);
      role.value = this.roles.get(c.name) ?? 'numbers';
      const hint = c.suggestCategories ? el('span', { class: 'hint' }, `only ${c.levels} whole values: categories?`) : null;
      if (hint) hint.hidden = role.value !== 'numbers';
      role.addEventListener('change', () => {
        this.roles.set(c.name, role.value as Role);
        if (hint) hint.hidden = role.value !== 'numbers';
        this.emit();
      });
      extra = el('span', { class: 'column-role-box' }, role, hint);
    }
    // The label holds exactly the column name (tests and screen readers read it); the type badge sits beside it.
    return el('div', { class: fittable ? 'column-item' : 'column-item unusable' },
      box, el('label', { for: id, class: 'column-name' }, c.name), el('span', { class: 'type-badge', 'aria-hidden': 'true' }, c.type), extra);
  }

  private read(): FitSettingsDto | undefined {
    const prev = this.settings;
    if (!prev) return undefined;
    const n = (key: NumberKey) => parseFloat(this.numbers.get(key)?.value ?? '');
    const columns = [...this.columns.querySelectorAll<HTMLInputElement>('input[type=checkbox][data-column]')].filter((b) => b.checked).map((b) => b.dataset.column ?? '');
    return {
      ...prev,
      columns,
      categorical: columns.filter((c) => this.roles.get(c) === 'categories'),
      counts: columns.filter((c) => this.roles.get(c) === 'counts'),
      components: { min: n('kMin'), max: n('kMax') },
      nInit: n('nInit'), seed: n('seed'), maxIter: n('maxIter'), tol: n('tol'), regCovar: n('regCovar'), maxPoints: n('maxPoints'),
      models: modelsOf(this.covariance.value, prev),
      standardize: this.standardize.checked,
      missing: this.missing.value as MissingStrategy,
      init: this.init.value as StartStrategy,
    };
  }

  private emit(changed?: 'kMin' | 'kMax'): void {
    const raw = this.read();
    if (!raw || !this.settings) return;
    this.edited = true;
    const s = clampSettings(raw, this.settings, changed === 'kMin' ? 'min' : changed === 'kMax' ? 'max' : undefined);
    this.settings = s;
    // Show the clamped numbers (an empty or out-of-range box snaps back).
    for (const [key, input] of this.numbers) if (parseFloat(input.value) !== numberOf(s, key)) input.value = String(numberOf(s, key));
    this.updateHint(s);
    this.onChange(s);
  }

  private updateHint(s: FitSettingsDto): void {
    const { min, max } = s.components;
    const numeric = this.showNumericBlock(s);
    // Without a numeric column there is no covariance model: one model per K (a latent class model).
    const n = (max - min + 1) * (numeric ? s.models.length : 1);
    const what = numeric ? formatModelList(s.models) : 'latent class';
    this.rangeNote.textContent = n > 1
      ? `Fits ${n} models (K ${min === max ? min : `${min}–${max}`}, ${what}) and chooses by BIC.`
      : `Fits one model with K = ${min}${numeric ? '' : ' (latent class)'}. Set a range of components${numeric ? ', or several models,' : ''} to choose by BIC.`;
    if (s.columns.length === 0) this.rangeNote.textContent = 'Select at least one column to fit.';
  }

  /**
   * Whether the selected columns have a numeric block (a column fitted as numbers). Without one the covariance model
   * and standardising mean nothing: they are disabled, and the hint says why.
   */
  private showNumericBlock(s: FitSettingsDto): boolean {
    const info = new Map((this.dataset?.columns ?? []).map((c) => [c.name, c]));
    const numeric = this.dataset === null || s.columns.length === 0
      || s.columns.some((name) => info.get(name)?.type === 'numeric' && !s.categorical.includes(name) && !s.counts.includes(name));
    this.covariance.disabled = !this.enabled || !numeric;
    this.standardize.disabled = !this.enabled || !numeric;
    this.covarianceHint.textContent = numeric ? modelsHint(this.covariance.value) : 'no numeric column selected: a latent class model, without a covariance';
    return numeric;
  }
}

/** A number box's value in the settings. */
function numberOf(s: FitSettingsDto, key: NumberKey): number {
  if (key === 'kMin') return s.components.min;
  if (key === 'kMax') return s.components.max;
  return s[key as SettingsNumber];
}

function modelsOf(choice: string, prev: FitSettingsDto): FitSettingsDto['models'] {
  const parsed = parseModelList(choice);
  return 'models' in parsed ? parsed.models : prev.models;
}
