/**
 * Parameter tables: weight, count, mean and std per component and column; a mixed model's category probabilities
 * (column and level × component) and Poisson rates (count column × component); covariance/correlation grids; copy.
 */
import type { FitResultDto } from '../protocol/model';
import { shade } from './colors';
import type { DisplayModel } from './display';
import { componentMarker } from './marker';
import { button, el, paint, replaceChildren } from './dom';
import { formatCount, formatNumber, formatPercent } from './format';
import { paramsCsv, paramsJson } from './paramsExport';
import { correlation, stdDevs, covarianceMatrix } from './projection';
import type { UiState } from './state';
import type { Theme } from './theme';
import { post } from './vscodeApi';
import { decompositionOf } from './decomposition';
import { categoryParamRows, countParamRows } from './paramsView';
import { modelInfo } from '../core/gaussian/models/catalog';
import type { ModelName } from '../protocol/model';

/** Above this many fitted columns the per-component matrices are not drawn as grids. */
export const MAX_GRID_COLUMNS = 40;

export class ParamsView {
  readonly root: HTMLElement;
  private readonly table = el('table', { id: 'params-table', class: 'data-table' });
  private readonly grids = el('div', { class: 'matrix-grid' });
  private readonly matrixSelect = el('select', { id: 'matrix-mode', 'aria-label': 'Matrix shown per component' },
    el('option', { value: 'correlation' }, 'Correlation'), el('option', { value: 'covariance' }, 'Covariance'));
  private readonly note = el('p', { class: 'muted' });
  /** Volume, shape and orientation per component (mclust's decomposition), with what the model holds equal. */
  private readonly decomposition = el('table', { id: 'decomposition-table', class: 'data-table' });
  private readonly decompositionNote = el('p', { class: 'muted', id: 'decomposition-note' });
  /** Each categorical column's level probabilities per component (a mixed model's). */
  private readonly categoryTable = el('table', { id: 'category-params-table', class: 'data-table', 'aria-label': 'Probability of each category per component' });
  /** Each count column's Poisson rate per component (a mixed model's). */
  private readonly countTable = el('table', { id: 'count-params-table', class: 'data-table', 'aria-label': 'Poisson rate (mean count) of each count column per component' });
  private readonly categoryPart = el('div', { hidden: true }, el('div', { class: 'card-header sub' }, el('h3', {}, 'Categories')),
    el('p', { class: 'muted' }, 'P(level | component): the share of a component’s rows in each category of a column; within a column, each component’s probabilities add up to 1.'),
    el('div', { class: 'table-scroll' }, this.categoryTable));
  private readonly countPart = el('div', { hidden: true }, el('div', { class: 'card-header sub' }, el('h3', {}, 'Counts')),
    el('p', { class: 'muted' }, 'Poisson rate λ: a component’s mean count in each count column.'),
    el('div', { class: 'table-scroll' }, this.countTable));
  /** The sections that describe the numeric block (hidden for a latent class model, which has none). */
  private readonly numericParts: HTMLElement[];
  private current: { columns: string[]; model: DisplayModel } | undefined;

  constructor(private readonly theme: () => Theme, onUi: (patch: Partial<UiState>) => void) {
    const copy = (make: (c: string[], m: DisplayModel) => string) => () => {
      if (this.current) post({ type: 'copy', text: make(this.current.columns, this.current.model) });
    };
    this.root = el(
      'section',
      { class: 'card', id: 'params' },
      el('div', { class: 'card-header' }, el('h2', {}, 'Parameters'), el('div', { class: 'toolbar' },
        button('Copy as CSV', copy((c, m) => paramsCsv(c, m.source, m.counts)), { class: 'secondary', id: 'copy-csv' }),
        button('Copy as JSON', copy((c, m) => paramsJson(c, m.source, m.counts)), { class: 'secondary', id: 'copy-json' }))),
      el('div', { class: 'table-scroll' }, this.table),
      this.note,
      this.categoryPart,
      this.countPart,
    );
    this.numericParts = [
      el('div', { class: 'card-header sub' }, el('h3', {}, 'Volume, shape and orientation')),
      this.decompositionNote,
      el('div', { class: 'table-scroll' }, this.decomposition),
      el('div', { class: 'card-header sub' }, el('h3', {}, 'Per component'), el('label', { class: 'inline' }, 'Matrix ', this.matrixSelect)),
      this.grids,
    ];
    this.root.append(...this.numericParts);
    this.matrixSelect.addEventListener('change', () => onUi({ matrix: this.matrixSelect.value === 'covariance' ? 'covariance' : 'correlation' }));
  }

  update(result: FitResultDto, model: DisplayModel, ui: UiState): void {
    this.current = { columns: result.columns, model };
    this.matrixSelect.value = ui.matrix;
    this.renderTable(result.columns, model);
    this.renderCategories(model);
    const numeric = model.params.nFeatures > 0;
    for (const part of this.numericParts) part.hidden = !numeric;
    if (numeric) {
      this.renderDecomposition(result.columns, model);
      this.renderGrids(result.columns, model, ui.matrix);
    }
    const units = result.settings.standardize ? 'Fitted on standardised data; shown in the file’s original units.' : 'In the file’s original units.';
    const counted = model.countsFromSample ? ' Counts are over the plotted sample.' : '';
    this.note.textContent = numeric ? `${units} Std is the square root of the covariance diagonal.${counted}`
      : `A latent class model: no numeric column was fitted; the category profiles show each component.${counted}`;
  }

  private swatch(k: number): HTMLElement {
    return componentMarker(k, this.theme());
  }

  private renderTable(columns: string[], model: DisplayModel): void {
    const p = model.params;
    const head1 = el('tr', {}, el('th', { rowspan: 2, scope: 'col' }, 'Component'), el('th', { rowspan: 2, scope: 'col', class: 'num' }, 'Weight'),
      el('th', { rowspan: 2, scope: 'col', class: 'num' }, model.countsFromSample ? 'Count (sample)' : 'Count'),
      ...columns.map((c) => el('th', { colspan: 2, scope: 'colgroup', class: 'group' }, c)));
    const head2 = el('tr', {}, ...columns.flatMap(() => [el('th', { scope: 'col', class: 'num sub' }, 'mean'), el('th', { scope: 'col', class: 'num sub' }, 'std')]));
    const body = el('tbody');
    for (let k = 0; k < p.nComponents; k++) {
      const sd = stdDevs(covarianceMatrix(p, k));
      body.append(el('tr', { 'data-component': k },
        el('th', { scope: 'row' }, this.swatch(k), String(k + 1)),
        el('td', { class: 'num', 'data-field': 'weight', 'data-value': String(p.weights[k]) }, formatPercent(p.weights[k])),
        el('td', { class: 'num', 'data-field': 'count', 'data-value': String(model.counts[k] ?? '') }, formatCount(model.counts[k])),
        ...columns.flatMap((c, a) => [
          el('td', { class: 'num', 'data-field': 'mean', 'data-column': c, 'data-value': String(p.means[k][a]) }, formatNumber(p.means[k][a], 5)),
          el('td', { class: 'num muted', 'data-field': 'std', 'data-column': c, 'data-value': String(sd[a]) }, formatNumber(sd[a], 4)),
        ])));
    }
    replaceChildren(this.table, el('thead', {}, head1, head2), body);
  }

  /** A mixed model's category probabilities and count rates; hidden when it has none (or for a Gaussian mixture). */
  private renderCategories(model: DisplayModel): void {
    const K = model.params.nComponents;
    const componentHeads = () => Array.from({ length: K }, (_, k) => el('th', { scope: 'col', class: 'num', 'data-component': k }, this.swatch(k), String(k + 1)));
    const levels = categoryParamRows(model.source);
    this.categoryPart.hidden = levels.length === 0;
    const catBody = el('tbody');
    for (const row of levels) {
      catBody.append(el('tr', { 'data-column': row.column, 'data-level': row.level, class: row.levelIndex === 0 ? 'group-start' : undefined },
        row.levelIndex === 0 ? el('th', { scope: 'rowgroup', rowspan: row.nLevels }, row.column) : null,
        el('th', { scope: 'row' }, row.level),
        ...row.probabilities.map((v, k) => el('td', { class: 'num', 'data-field': 'probability', 'data-component': k, 'data-value': String(v),
          title: `P(${row.column} = ${row.level} | component ${k + 1}) = ${v}` }, formatNumber(v, 4)))));
    }
    replaceChildren(this.categoryTable, levels.length ? el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Column'), el('th', { scope: 'col' }, 'Level'), ...componentHeads())) : null,
      levels.length ? catBody : null);
    const rates = countParamRows(model.source);
    this.countPart.hidden = rates.length === 0;
    const countBody = el('tbody');
    for (const row of rates) {
      countBody.append(el('tr', { 'data-column': row.column }, el('th', { scope: 'row' }, row.column),
        ...row.rates.map((v, k) => el('td', { class: 'num', 'data-field': 'rate', 'data-component': k, 'data-value': String(v),
          title: `Poisson rate of ${row.column} in component ${k + 1}: ${v}` }, formatNumber(v, 4)))));
    }
    replaceChildren(this.countTable, rates.length ? el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Column'), ...componentHeads())) : null,
      rates.length ? countBody : null);
  }

  private renderDecomposition(columns: string[], model: DisplayModel): void {
    const dec = decompositionOf(model.params);
    const info = modelInfo(model.params.model as ModelName);
    if (!dec) {
      this.decompositionNote.textContent = 'A covariance of this model cannot be decomposed (it is not positive definite).';
      replaceChildren(this.decomposition);
      return;
    }
    const held = (part: string, how: 'equal' | 'varying' | 'fixed', fixed: string) => (how === 'fixed' ? fixed : `${part} ${how === 'equal' ? 'equal across components' : 'varying'}`);
    this.decompositionNote.textContent = `${info.name}: ${info.description}. Σ_k = λ_k · D_k A_k D_kᵀ — the volume λ_k is the component's size ` +
      `(|Σ_k| to the power 1/d), the shape A_k its variances along its principal axes divided by λ_k (largest first, their product 1), ` +
      `the orientation D_k the directions of those axes (the main axis shown, as loadings on the columns). Here: ` +
      `${held('volume', dec.volume, '')}; ${held('shape', dec.shape, 'round (shape fixed to 1)')}; ${held('orientation', dec.orientation, 'axes along the columns')}.`;
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Component'), el('th', { scope: 'col', class: 'num' }, 'Volume λ'),
      el('th', { scope: 'col' }, 'Shape (largest → smallest)'), ...columns.map((c) => el('th', { scope: 'col', class: 'num', title: `loading of ${c} on the main axis` }, c)));
    const body = el('tbody');
    for (const row of dec.rows) {
      body.append(el('tr', { 'data-component': row.component },
        el('th', { scope: 'row' }, this.swatch(row.component), String(row.component + 1)),
        el('td', { class: 'num', 'data-field': 'volume', 'data-value': String(row.volume) }, formatNumber(row.volume, 4)),
        el('td', { 'data-field': 'shape' }, row.shape.map((v) => formatNumber(v, 3)).join(' · ')),
        ...row.mainAxis.map((v, a) => el('td', { class: 'num', 'data-field': 'axis', 'data-column': columns[a], 'data-value': String(v) }, formatNumber(v, 3)))));
    }
    replaceChildren(this.decomposition, el('thead', {}, head), body);
  }

  private renderGrids(columns: string[], model: DisplayModel, mode: UiState['matrix']): void {
    if (columns.length > MAX_GRID_COLUMNS) {
      // A d × d grid per component would be millions of cells: say so instead of freezing the panel.
      replaceChildren(this.grids, el('p', { class: 'muted', id: 'grid-too-wide' },
        `With ${columns.length} columns the ${columns.length} × ${columns.length} ${mode} matrices are too large to show here. ` +
        'Copy as JSON, or export the parameters, to get them.'));
      return;
    }
    const theme = this.theme();
    const pos = theme.named('blue');
    const neg = theme.named('red');
    const cards = model.params.weights.map((_w, k) => {
      const cov = covarianceMatrix(model.params, k);
      const corr = correlation(cov);
      const shown = mode === 'correlation' ? corr : cov;
      const grid = el('table', { class: 'matrix', 'data-component': k, 'aria-label': `${mode} matrix of component ${k + 1}` });
      grid.append(el('tr', {}, el('td'), ...columns.map((c) => el('th', { scope: 'col', title: c }, c))));
      columns.forEach((c, a) => {
        const tr = el('tr', {}, el('th', { scope: 'row', title: c }, c));
        columns.forEach((_, b) => {
          const r = corr[a][b];
          const td = el('td', { class: 'num', 'data-value': String(shown[a][b]), title: `${columns[a]} × ${columns[b]}: ${mode} ${shown[a][b]}` }, formatNumber(shown[a][b], 3));
          // Colour by correlation strength in both modes, so the grid reads the same whatever the units.
          paint(td, shade(r >= 0 ? pos : neg, 0.12 + 0.55 * Math.abs(r), theme));
          tr.append(td);
        });
        grid.append(tr);
      });
      return el('figure', { class: 'matrix-card' }, el('figcaption', {}, this.swatch(k), `Component ${k + 1}`), el('div', { class: 'table-scroll' }, grid));
    });
    replaceChildren(this.grids, ...cards);
  }
}
