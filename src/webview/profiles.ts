/**
 * What sets each component apart: for numeric columns, each component's mean as a standardised difference from the
 * whole mixture's (columns that separate the components first); for a mixed model's categorical columns a heat table
 * per column of each component's category probabilities (the whole mixture's below, to compare against), and each
 * component's Poisson rate per count column.
 */
import type { GaussianParamsDto, MixedParamsDto } from '../protocol/model';
import { covarianceMatrix } from './projection';
import { shade } from './colors';
import type { DisplayModel } from './display';
import { componentMarker } from './marker';
import { el, paint, replaceChildren } from './dom';
import { formatNumber, formatPercent } from './format';
import type { Theme } from './theme';

/** Most numeric columns in the profile (those that differ most). */
const MAX_PROFILE_COLUMNS = 30;

export class ProfilesView {
  readonly root: HTMLElement;
  private readonly body = el('div', { class: 'profiles' });
  private readonly note = el('p', { class: 'muted', id: 'profiles-note' });

  constructor(private readonly theme: () => Theme) {
    this.root = el('section', { class: 'card', id: 'profiles', hidden: true },
      el('div', { class: 'card-header' }, el('h2', {}, 'Cluster profiles')),
      this.note,
      this.body);
  }

  update(columns: string[], model: DisplayModel): void {
    const p = model.source;
    const mixed = p.kind === 'mixed' && p.categorical.length + p.counts.length > 0 ? p : null;
    const numeric = model.params.nFeatures > 0 && model.params.nComponents > 1;
    if (!mixed && !numeric) {
      this.root.hidden = true;
      replaceChildren(this.body);
      return;
    }
    this.root.hidden = false;
    const notes: string[] = [];
    if (numeric) {
      notes.push('Numbers: each component’s mean minus the whole mixture’s, in standard deviations of the mixture (blue above, red below); ' +
        'the columns that set the components apart most come first.');
    }
    if (mixed) {
      notes.push('Categories: each row of a table is a component, with the share of its rows in each category (darker is more); the last row is ' +
        'the whole mixture. A category far more common in one component than overall is what sets it apart.' +
        (mixed.counts.length > 0 ? ' Counts show the component’s mean count (its Poisson rate).' : ''));
    }
    this.note.textContent = notes.join(' ');
    replaceChildren(this.body, numeric ? this.numericTable(columns, model.params) : null,
      ...(mixed ? mixed.categorical.map((_, j) => this.categoryTable(mixed, j)) : []), mixed && mixed.counts.length > 0 ? this.ratesTable(mixed) : null);
  }

  /** Standardised mean differences (μ_k − μ) / σ per column, μ and σ² the mixture's own mean and variance. */
  private numericTable(columns: string[], p: GaussianParamsDto): HTMLElement {
    const theme = this.theme();
    const d = p.nFeatures, K = p.nComponents;
    const diffs = Array.from({ length: d }, (_, a) => {
      const mean = p.weights.reduce((s, w, k) => s + w * p.means[k][a], 0);
      const second = p.weights.reduce((s, w, k) => s + w * (covarianceMatrix(p, k)[a][a] + p.means[k][a] ** 2), 0);
      const sd = Math.sqrt(Math.max(second - mean * mean, 0)) || 1;
      return p.means.map((m) => (m[a] - mean) / sd);
    });
    const order = diffs.map((_, a) => a).sort((a, b) => Math.max(...diffs[b].map(Math.abs)) - Math.max(...diffs[a].map(Math.abs))).slice(0, MAX_PROFILE_COLUMNS);
    const pos = theme.named('blue'), neg = theme.named('red');
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Component'), ...order.map((a) => el('th', { scope: 'col', class: 'num' }, columns[a])));
    const body = el('tbody');
    for (let k = 0; k < K; k++) {
      body.append(el('tr', { 'data-component': k }, el('th', { scope: 'row' }, this.swatch(k), String(k + 1)),
        ...order.map((a) => {
          const v = diffs[a][k];
          const td = el('td', { class: 'num heat', 'data-column': columns[a], 'data-value': String(v), title: `${columns[a]}: component ${k + 1}'s mean is ${v.toFixed(2)} standard deviations from the mixture's` },
            `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`);
          paint(td, shade(v >= 0 ? pos : neg, Math.min(0.75, 0.06 + 0.3 * Math.abs(v)), theme));
          return td;
        })));
    }
    const more = d > order.length ? el('p', { class: 'muted' }, `The ${order.length} columns that differ most of ${d}.`) : null;
    const table = el('table', { class: 'data-table', id: 'numeric-profile', 'aria-label': 'Standardised difference of each component’s mean from the mixture’s, per column' },
      el('thead', {}, head), body);
    return el('figure', { class: 'profile-card' }, el('figcaption', {}, 'Numbers: mean difference (standard deviations)'), el('div', { class: 'table-scroll' }, table), more);
  }

  private swatch(k: number): HTMLElement {
    return componentMarker(k, this.theme());
  }

  private categoryTable(p: MixedParamsDto, j: number): HTMLElement {
    const c = p.categorical[j];
    const theme = this.theme();
    const overall = c.levels.map((_, l) => p.weights.reduce((s, w, k) => s + w * c.probabilities[k][l], 0));
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Component'), ...c.levels.map((level) => el('th', { scope: 'col', class: 'num' }, level)));
    const body = el('tbody');
    for (let k = 0; k < p.nComponents; k++) {
      const color = theme.component(k);
      body.append(el('tr', { 'data-component': k },
        el('th', { scope: 'row' }, this.swatch(k), String(k + 1)),
        ...c.probabilities[k].map((v, l) => {
          const td = el('td', { class: 'num heat', 'data-level': c.levels[l], 'data-value': String(v), title: `${c.column} = ${c.levels[l]} in component ${k + 1}: ${formatPercent(v)}` }, formatPercent(v));
          paint(td, shade(color, 0.08 + 0.72 * v, theme));
          return td;
        })));
    }
    body.append(el('tr', { class: 'overall' }, el('th', { scope: 'row' }, 'All'),
      ...overall.map((v, l) => el('td', { class: 'num', 'data-level': c.levels[l], 'data-value': String(v) }, formatPercent(v)))));
    const table = el('table', { class: 'data-table profile category-profile', 'data-column': c.column, 'aria-label': `Category probabilities of ${c.column} per component` },
      el('thead', {}, head), body);
    return el('figure', { class: 'profile-card' }, el('figcaption', {}, c.column), el('div', { class: 'table-scroll' }, table));
  }

  private ratesTable(p: MixedParamsDto): HTMLElement {
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Component'), ...p.counts.map((c) => el('th', { scope: 'col', class: 'num' }, c.column)));
    const body = el('tbody');
    for (let k = 0; k < p.nComponents; k++) {
      body.append(el('tr', { 'data-component': k }, el('th', { scope: 'row' }, this.swatch(k), String(k + 1)),
        ...p.counts.map((c) => el('td', { class: 'num', 'data-column': c.column, 'data-value': String(c.rates[k]) }, formatNumber(c.rates[k], 4)))));
    }
    body.append(el('tr', { class: 'overall' }, el('th', { scope: 'row' }, 'All'),
      ...p.counts.map((c) => {
        const mean = p.weights.reduce((s, w, k) => s + w * c.rates[k], 0);
        return el('td', { class: 'num', 'data-column': c.column, 'data-value': String(mean) }, formatNumber(mean, 4));
      })));
    const table = el('table', { class: 'data-table', id: 'rates-table', 'aria-label': 'Poisson rate (mean count) of each count column per component' }, el('thead', {}, head), body);
    return el('figure', { class: 'profile-card' }, el('figcaption', {}, 'Counts: mean per component'), el('div', { class: 'table-scroll' }, table));
  }
}
