/**
 * The clusters against a column of the file (a label the person already has, or any other column): the clusters ×
 * groups table with totals, each group's colour as the scatter draws it, and the adjusted Rand index and normalized
 * mutual information, with what they mean. Shown while the scatter is coloured by a column.
 */
import { MAX_GROUP_COLOURS } from './charts/scatterData';
import { paint } from './dom';
import { parseColor, shade, withAlpha } from './colors';
import { el, replaceChildren } from './dom';
import { formatCount } from './format';
import { componentMarker } from './marker';
import { comparisonNote } from './comparisonText';
import type { ComparisonDto } from '../protocol/model';
import type { Theme } from './theme';

export class ComparisonView {
  readonly root: HTMLElement;
  private readonly title = el('h2', {}, 'Clusters against a column');
  private readonly summary = el('p', { id: 'comparison-summary' });
  private readonly table = el('table', { id: 'comparison-table', class: 'data-table' });
  private readonly note = el('p', { class: 'muted' });

  constructor(private readonly theme: () => Theme) {
    this.root = el('section', { class: 'card', id: 'comparison', hidden: true },
      el('div', { class: 'card-header' }, this.title), this.summary, el('div', { class: 'table-scroll' }, this.table), this.note);
  }

  /**
   * Shows the comparison; `pending` names the column while it is being read, `problem` says why it could not be.
   * `fitted`: whether the fit used the column.
   */
  update(column: string | null, comparison: ComparisonDto | null, problem: string | null, fitted: boolean): void {
    this.root.hidden = column === null;
    if (column === null) return;
    this.title.textContent = `Clusters against ${column}`;
    if (!comparison) {
      this.summary.textContent = problem ?? `Reading ${column}…`;
      replaceChildren(this.table);
      this.note.textContent = '';
      return;
    }
    const c = comparison;
    const quality = c.ari >= 0.9 ? 'nearly the same grouping' : c.ari >= 0.6 ? 'largely the same grouping' : c.ari >= 0.2 ? 'a partial match' : 'little agreement';
    this.summary.textContent = `Adjusted Rand index ${c.ari.toFixed(3)}, normalized mutual information ${c.nmi.toFixed(3)}: ${quality}, ` +
      `over ${formatCount(c.nRows)} rows${c.nMissing > 0 ? ` (${formatCount(c.nMissing)} rows with ${column} missing left out)` : ''}.`;
    this.note.textContent = comparisonNote(column, c.binned, fitted);
    this.renderTable(c);
  }

  private renderTable(c: ComparisonDto): void {
    const theme = this.theme();
    const grey = parseColor(theme.lines) ?? { r: 128, g: 128, b: 128, a: 1 };
    const colTotals = c.levels.map((_, l) => c.table.reduce((s, row) => s + row[l], 0));
    const key = (l: number) => {
      const s = el('span', { class: 'group-key', 'aria-hidden': 'true' });
      s.style.backgroundColor = withAlpha(l < MAX_GROUP_COLOURS ? theme.component(l) : grey, 0.85);
      return s;
    };
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Cluster'),
      ...c.levels.map((level, l) => el('th', { scope: 'col', class: 'num', 'data-level': level }, key(l), level)), el('th', { scope: 'col', class: 'num' }, 'Total'));
    const body = el('tbody');
    c.table.forEach((row, k) => {
      const total = row.reduce((s, v) => s + v, 0);
      body.append(el('tr', { 'data-component': k }, el('th', { scope: 'row' }, componentMarker(k, theme), String(k + 1)),
        ...row.map((v, l) => {
          const td = el('td', { class: 'num', 'data-level': c.levels[l], 'data-value': String(v) }, formatCount(v));
          // Shade by the share of the cluster's rows, so the dominant group of each cluster stands out.
          if (total > 0 && v > 0) paint(td, shade(theme.component(k), 0.08 + 0.5 * (v / total), theme));
          return td;
        }),
        el('td', { class: 'num', 'data-field': 'total' }, formatCount(total))));
    });
    body.append(el('tr', { class: 'overall' }, el('th', { scope: 'row' }, 'Total'),
      ...colTotals.map((v) => el('td', { class: 'num' }, formatCount(v))), el('td', { class: 'num' }, formatCount(c.nRows))));
    replaceChildren(this.table, el('thead', {}, head), body);
    this.table.setAttribute('aria-label', `Rows of each cluster in each value of ${c.column}`);
  }
}
