/**
 * What a mixed model's components hold in its categorical and count columns: per categorical column a heat table
 * of each component's category probabilities (with the whole mixture's below, to compare against), and a table of
 * each component's Poisson rate per count column. Shown only for mixed models.
 */
import type { MixedParamsDto } from '../protocol/model';
import { withAlpha } from './colors';
import type { DisplayModel } from './display';
import { el, replaceChildren } from './dom';
import { formatNumber, formatPercent } from './format';
import type { Theme } from './theme';

export class ProfilesView {
  readonly root: HTMLElement;
  private readonly body = el('div', { class: 'profiles' });
  private readonly note = el('p', { class: 'muted', id: 'profiles-note' });

  constructor(private readonly theme: () => Theme) {
    this.root = el('section', { class: 'card', id: 'profiles', hidden: true },
      el('div', { class: 'card-header' }, el('h2', {}, 'Category profiles')),
      this.note,
      this.body);
  }

  update(model: DisplayModel): void {
    const p = model.source;
    if (p.kind !== 'mixed' || p.categorical.length + p.counts.length === 0) {
      this.root.hidden = true;
      replaceChildren(this.body);
      return;
    }
    this.root.hidden = false;
    this.note.textContent = 'Each row of a table is a component: the share of its rows in each category (darker is more), given the ' +
      'component. The last row is the whole mixture. A category far more common in one component than overall is what sets it apart.' +
      (p.counts.length > 0 ? ' Counts show the component’s mean count (its Poisson rate).' : '');
    replaceChildren(this.body, ...p.categorical.map((c, j) => this.categoryTable(p, j)), p.counts.length > 0 ? this.ratesTable(p) : null);
  }

  private swatch(k: number): HTMLElement {
    const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    s.style.backgroundColor = withAlpha(this.theme().component(k), 1);
    return s;
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
          td.style.backgroundColor = withAlpha(color, 0.08 + 0.72 * v);
          return td;
        })));
    }
    body.append(el('tr', { class: 'overall' }, el('th', { scope: 'row' }, 'All'),
      ...overall.map((v, l) => el('td', { class: 'num', 'data-level': c.levels[l], 'data-value': String(v) }, formatPercent(v)))));
    const table = el('table', { class: 'data-table profile', 'data-column': c.column, 'aria-label': `Category probabilities of ${c.column} per component` },
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
