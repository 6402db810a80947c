/**
 * The most unusual rows: those with the lowest log density under the fitted mixture (the classic use of a mixture
 * to find anomalies). A short list, each row clickable to show it in the file; the rows view lists them all.
 */
import type { RowsPageDto } from '../../protocol/rows';
import { button, el, replaceChildren } from '../dom';
import type { Theme } from '../theme';
import { headerRow, rowElement } from './rowTable';
import type { RowsClient } from './rowsClient';

/** Rows in the list. */
export const UNUSUAL_ROWS = 20;

export class UnusualRowsView {
  readonly root: HTMLElement;
  private readonly table = el('table', { class: 'data-table rows-table', id: 'unusual-table' });
  private readonly note = el('p', { class: 'muted', id: 'unusual-note' });
  private generation = 0;
  private readonly listAll: HTMLButtonElement;

  constructor(private readonly client: RowsClient, private readonly theme: () => Theme, reveal: (row: number) => void, showAll: () => void) {
    this.listAll = button('List all, most unusual first', showAll, { class: 'secondary', id: 'unusual-all' });
    this.root = el('section', { class: 'card', id: 'unusual-card' },
      el('div', { class: 'card-header' }, el('h2', {}, 'Most unusual rows'), el('div', { class: 'toolbar' }, this.listAll)),
      this.note, el('div', { class: 'table-scroll' }, this.table));
    this.table.addEventListener('click', (e) => {
      const tr = (e.target as Element).closest('tr[data-row]');
      if (tr) reveal(Number(tr.getAttribute('data-row')));
    });
    this.table.addEventListener('keydown', (e) => {
      const tr = (e.target as Element).closest('tr[data-row]');
      if (tr && e.key === 'Enter') reveal(Number(tr.getAttribute('data-row')));
    });
  }

  /** Asks for the rows of the current result. */
  update(): void {
    this.listAll.hidden = false;
    const generation = ++this.generation;
    this.note.textContent = 'Finding the rows the model finds least likely…';
    this.client.request({ view: { kind: 'all', sort: { key: 'logDensity', descending: false } }, offset: 0, limit: UNUSUAL_ROWS }, (page, problem) => {
      if (generation === this.generation) this.draw(page, problem);
    });
  }

  /** A result whose rows cannot be listed: says why in place of the list, and asks for none. */
  setUnavailable(reason: string): void {
    this.generation++;
    this.listAll.hidden = true;
    this.note.textContent = reason;
    replaceChildren(this.table);
  }

  private draw(page: RowsPageDto | null, problem: string | undefined): void {
    if (!page) {
      this.note.textContent = `No rows: ${problem ?? 'they could not be listed'}`;
      replaceChildren(this.table);
      return;
    }
    this.note.textContent = `The ${page.rows.length} rows of ${page.total.toLocaleString('en-US')} with the lowest log density log p(x) under the fitted mixture: ` +
      'the least likely under the model, candidates for errors or anomalies. A row with missing cells is scored on the cells it has. Click a row to show it in the file.';
    const rows = page.rows.map((r) => {
      const tr = rowElement(r, this.theme());
      tr.tabIndex = 0;
      return tr;
    });
    replaceChildren(this.table, el('thead', {}, headerRow(page.columns, 'P(its cluster)')), el('tbody', {}, ...rows));
  }
}
