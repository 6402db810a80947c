/** The file's columns: type and statistics per column, and the reader's notices. */
import type { ColumnInfo, DatasetDto } from '../protocol/model';
import { el, replaceChildren } from './dom';
import { formatCount, formatNumber } from './format';

function topValues(c: ColumnInfo): string {
  const top = c.stats.top ?? [];
  return top.slice(0, 3).map((t) => `${t.value} (${formatCount(t.count)})`).join(', ');
}

export class DatasetView {
  readonly root: HTMLElement;
  private readonly table = el('table', { id: 'stats-table', class: 'data-table' });
  private readonly notices = el('ul', { class: 'notices', id: 'dataset-notices' });

  constructor() {
    this.root = el('section', { class: 'card', id: 'dataset' },
      el('div', { class: 'card-header' }, el('h2', {}, 'Data: column types and statistics')),
      el('div', { class: 'table-scroll' }, this.table),
      this.notices);
  }

  update(d: DatasetDto | null): void {
    if (!d) {
      replaceChildren(this.table);
      replaceChildren(this.notices);
      return;
    }
    const head = el('tr', {}, ...['Column', 'Type', 'Count', 'Missing', 'Min', 'Max', 'Mean', 'Std', 'Distinct / top values'].map((h, i) =>
      el('th', { scope: 'col', class: i >= 2 && i <= 7 ? 'num' : undefined }, h)));
    const rows = d.columns.map((c) => {
      const s = c.stats;
      const numeric = c.type === 'numeric';
      const stray = s.strayCount ? ` · ${formatCount(s.strayCount)} non-numeric cell(s) treated as missing${s.strayExamples?.length ? `, e.g. “${s.strayExamples[0].value}” on line ${s.strayExamples[0].line}` : ''}` : '';
      return el('tr', { 'data-column': c.name, class: c.usable || c.levels !== undefined ? undefined : 'unusable' },
        el('th', { scope: 'row' }, c.name),
        el('td', {}, el('span', { class: 'type-badge' }, c.type)),
        el('td', { class: 'num' }, formatCount(s.count)),
        el('td', { class: s.missing > 0 ? 'num warn' : 'num' }, formatCount(s.missing)),
        ...[s.min, s.max, s.mean, s.std].map((v) => el('td', { class: 'num' }, numeric ? formatNumber(v, 5) : '')),
        el('td', { class: 'wrap' }, (numeric ? '' : `${formatCount(s.distinct)} distinct${topValues(c) ? `: ${topValues(c)}` : ''}`) + stray + (c.usable ? '' : `${numeric ? '' : ' · '}${c.reason ?? 'not usable'}`)));
    });
    replaceChildren(this.table, el('thead', {}, head), el('tbody', {}, ...rows));
    replaceChildren(this.notices, ...d.notices.map((n) => el('li', { 'data-code': n.code }, n.message)));
  }
}
