/**
 * The rows view: the rows of one cluster, of every row, or of a selection made in the scatter, as a table that
 * is virtualised (only the rows in view are in the DOM; the worker serves pages of PAGE_ROWS on request) and
 * sortable by probability, uncertainty, log density or file order. Clicking a row (or Enter on it) shows it in
 * the file. The view can be exported as CSV beside the file.
 */
import type { RowRecordDto, RowsSortKey, RowsViewDto } from '../../protocol/rows';
import { button, el, replaceChildren } from '../dom';
import { formatCount } from '../format';
import type { Theme } from '../theme';
import { post } from '../vscodeApi';
import { FIRST_DIRECTION, headerRow, placeholderRow, rowElement } from './rowTable';
import type { RowsClient } from './rowsClient';
import { firstRow, pagesFor, scrollHeight, scrollTopFor } from './virtualWindow';

/** Rows per page request. */
export const PAGE_ROWS = 100;
/** Height of a row in px (fixed in rows.css, so the scroll position says which rows are in view). */
const ROW_HEIGHT = 24;
/** Pages kept; the oldest are dropped beyond. */
const MAX_PAGES = 200;

/** A selection from the scatter: the table rows, and what to say about where they came from. */
export interface RowsSelection {
  rows: number[];
  note: string;
}

export class RowsView {
  readonly root: HTMLElement;
  private readonly viewSelect = el('select', { id: 'rows-view', 'aria-label': 'Rows to list' });
  private readonly note = el('p', { class: 'muted', id: 'rows-note', 'aria-live': 'polite' });
  private readonly scroller = el('div', { class: 'rows-scroll', id: 'rows-scroll', tabindex: 0, role: 'region', 'aria-label': 'Rows (arrow keys move, Enter shows the row in the file)' });
  private readonly sizer = el('div', { class: 'rows-sizer' });
  private readonly sticky = el('div', { class: 'rows-sticky' });
  private readonly thead = el('thead');
  private readonly tbody = el('tbody');
  private view: RowsViewDto = { kind: 'cluster', component: 0, sort: { key: 'probability', descending: true } };
  private K = 0;
  private counts: number[] = [];
  private selection: (RowsSelection & { sent: boolean }) | null = null;
  /** Rows in the view once the first page has come (−1 before). */
  private total = -1;
  private columns: string[] = [];
  private nColumns = 0;
  private readonly pages = new Map<number, RowRecordDto[]>();
  private readonly pending = new Set<number>();
  /** Bumped when the view changes: pages asked for an earlier view are dropped. */
  private generation = 0;
  private cursor = -1;
  private frame = 0;
  private problem = '';
  private headerKey = '';
  /** Why this fit's rows cannot be listed (a streamed file); empty when they can. */
  private unavailable = '';
  private readonly toolbar: HTMLElement;

  constructor(private readonly client: RowsClient, private readonly theme: () => Theme, private readonly reveal: (row: number) => void) {
    this.sticky.append(el('table', { class: 'data-table rows-table', id: 'rows-table' }, this.thead, this.tbody));
    this.sizer.append(this.sticky);
    this.scroller.append(this.sizer);
    this.toolbar = el('div', { class: 'toolbar' },
      el('label', { class: 'inline' }, 'Show ', this.viewSelect),
      button('Export CSV', () => post({ type: 'exportRows', view: this.view }), {
        class: 'secondary', id: 'rows-export', title: 'Write these rows (the file’s cells, cluster, p_1…p_K, uncertainty, log density) to a new CSV beside the file',
      }));
    this.root = el('section', { class: 'card', id: 'rows-card' },
      el('div', { class: 'card-header' }, el('h2', {}, 'Rows'), this.toolbar),
      this.note, this.scroller);
    this.viewSelect.addEventListener('change', () => this.pick(this.viewSelect.value));
    this.scroller.addEventListener('scroll', () => this.schedule());
    this.scroller.addEventListener('keydown', (e) => this.key(e));
    this.tbody.addEventListener('click', (e) => {
      const tr = (e.target as Element).closest('tr[data-row]');
      if (tr) this.reveal(Number(tr.getAttribute('data-row')));
    });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  /** A new result: the first cluster, no selection. */
  setResult(K: number, counts: number[]): void {
    this.unavailable = '';
    this.toolbar.hidden = false;
    this.scroller.hidden = false;
    this.K = K;
    this.counts = counts;
    this.selection = null;
    const component = this.view.kind === 'cluster' && this.view.component < K ? this.view.component : 0;
    this.show({ kind: 'cluster', component, sort: this.view.kind === 'cluster' ? this.view.sort : { key: 'probability', descending: true } });
  }

  /** A result whose rows cannot be listed: says why in place of the table, and asks for no page. */
  setUnavailable(reason: string): void {
    this.unavailable = reason;
    this.generation++;
    this.pages.clear();
    this.pending.clear();
    this.selection = null;
    this.total = -1;
    this.toolbar.hidden = true;
    this.scroller.hidden = true;
    replaceChildren(this.tbody);
    this.note.textContent = reason;
  }

  /** Lists the rows selected in the scatter (table row indices), in file order. */
  showSelection(selection: RowsSelection): void {
    this.selection = { ...selection, sent: false };
    this.show({ kind: 'selection', sort: { key: 'row', descending: false } });
  }

  /** Lists a view (e.g. every row, most unusual first). */
  show(view: RowsViewDto): void {
    this.view = view;
    this.fillViewSelect();
    this.load();
  }

  private fillViewSelect(): void {
    const options = Array.from({ length: this.K }, (_, k) =>
      el('option', { value: `cluster:${k}` }, `Component ${k + 1} (${formatCount(this.counts[k] ?? 0)} rows)`));
    options.push(el('option', { value: 'all' }, 'All rows'));
    if (this.selection) options.push(el('option', { value: 'selection' }, `Selection (${formatCount(this.selection.rows.length)} points)`));
    replaceChildren(this.viewSelect, ...options);
    this.viewSelect.value = this.view.kind === 'cluster' ? `cluster:${this.view.component}` : this.view.kind;
  }

  private pick(value: string): void {
    const sort = this.view.sort;
    if (value.startsWith('cluster:')) this.show({ kind: 'cluster', component: Number(value.slice(8)), sort });
    else if (value === 'all' || value === 'selection') this.show({ kind: value, sort });
  }

  private sortBy(key: RowsSortKey): void {
    const descending = key === this.view.sort.key ? !this.view.sort.descending : FIRST_DIRECTION[key];
    this.show({ ...this.view, sort: { key, descending } });
  }

  /** Starts the view afresh: no pages, at the top, and asks for the first page. */
  private load(): void {
    this.generation++;
    this.pages.clear();
    this.pending.clear();
    this.total = -1;
    this.cursor = -1;
    this.problem = '';
    this.scroller.scrollTop = 0;
    this.fetch(0);
    this.render();
  }

  private fetch(page: number): void {
    if (this.pending.has(page) || this.pages.has(page)) return;
    this.pending.add(page);
    const generation = this.generation;
    const selection = this.view.kind === 'selection' && this.selection && !this.selection.sent ? this.selection.rows : undefined;
    if (selection && this.selection) this.selection.sent = true;
    this.client.request({ view: this.view, offset: page * PAGE_ROWS, limit: PAGE_ROWS, ...(selection ? { selection } : {}) }, (p, problem) => {
      if (generation !== this.generation) return;
      this.pending.delete(page);
      if (!p) {
        this.problem = problem ?? 'the rows could not be listed';
        this.render();
        return;
      }
      this.total = p.total;
      this.columns = p.columns;
      this.nColumns = p.nColumns;
      this.pages.set(page, p.rows);
      if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
      this.render();
    });
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** How many rows fit in the scroll area under the header. */
  private visibleRows(): number {
    const height = this.scroller.clientHeight || 400;
    return Math.max(1, Math.floor((height - (this.thead.offsetHeight || ROW_HEIGHT)) / ROW_HEIGHT));
  }

  private render(): void {
    if (this.unavailable) return;
    const total = Math.max(0, this.total);
    const visible = this.visibleRows();
    const headerHeight = this.thead.offsetHeight || ROW_HEIGHT;
    this.sticky.style.height = `${this.scroller.clientHeight || 400}px`;
    this.sizer.style.height = `${Math.max(this.scroller.clientHeight, headerHeight + scrollHeight(total, ROW_HEIGHT) + ROW_HEIGHT)}px`;
    const first = firstRow(this.scroller.scrollTop, total, visible, ROW_HEIGHT);
    for (const page of pagesFor(first, visible, total, PAGE_ROWS)) this.fetch(page);
    const probability = this.view.kind === 'cluster' ? `P(component ${this.view.component + 1})` : 'P(its cluster)';
    // The header only when it changes, so a focused sort button keeps its focus while the rows scroll.
    const headerKey = JSON.stringify([this.columns, probability, this.view.sort]);
    if (headerKey !== this.headerKey) {
      this.headerKey = headerKey;
      replaceChildren(this.thead, headerRow(this.columns, probability, this.view.sort, (key) => this.sortBy(key)));
    }
    const rows: HTMLTableRowElement[] = [];
    for (let i = first; i < Math.min(total, first + visible); i++) {
      const record = this.pages.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS];
      const tr = record ? rowElement(record, this.theme()) : placeholderRow(this.columns.length);
      tr.setAttribute('data-index', String(i));
      if (i === this.cursor) {
        tr.classList.add('cursor');
        tr.setAttribute('aria-selected', 'true');
      }
      rows.push(tr);
    }
    replaceChildren(this.tbody, ...rows);
    this.scroller.setAttribute('data-total', String(this.total));
    this.scroller.setAttribute('data-view', this.view.kind === 'cluster' ? `cluster:${this.view.component}` : this.view.kind);
    this.scroller.setAttribute('data-sort', `${this.view.sort.key}:${this.view.sort.descending ? 'descending' : 'ascending'}`);
    this.note.textContent = this.describe();
  }

  private describe(): string {
    if (this.problem) return `No rows: ${this.problem}`;
    if (this.total < 0) return 'Listing the rows…';
    const what = this.view.kind === 'cluster' ? `in component ${this.view.component + 1}` : this.view.kind === 'all' ? 'in the fit' : 'selected';
    const order: Record<RowsSortKey, [string, string]> = {
      row: ['in file order', 'last line first'], probability: ['least probable first', 'most probable first'],
      uncertainty: ['least uncertain first', 'most uncertain first'], logDensity: ['most unusual (lowest log density) first', 'most typical first'],
    };
    const from = this.view.kind === 'selection' && this.selection ? ` ${this.selection.note}` : '';
    const cols = this.nColumns > this.columns.length ? ` Showing ${this.columns.length} of ${this.nColumns} columns (the fitted ones first); the export has them all.` : '';
    return `${formatCount(this.total)} rows ${what}, ${order[this.view.sort.key][this.view.sort.descending ? 1 : 0]}.${from} Click a row to show it in the file.${cols}`;
  }

  /** Arrow keys, Page Up/Down, Home and End move the highlighted row; Enter shows it in the file. */
  private key(e: KeyboardEvent): void {
    const total = Math.max(0, this.total);
    if (total === 0) return;
    const visible = this.visibleRows();
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: visible, PageUp: -visible, Home: -Infinity, End: Infinity };
    if (e.key === 'Enter' && this.cursor >= 0) {
      const record = this.pages.get(Math.floor(this.cursor / PAGE_ROWS))?.[this.cursor % PAGE_ROWS];
      if (record) this.reveal(record.row);
      e.preventDefault();
      return;
    }
    const move = moves[e.key];
    if (move === undefined) return;
    e.preventDefault();
    const next = Math.min(total - 1, Math.max(0, (this.cursor < 0 ? (move > 0 ? -1 : 0) : this.cursor) + (Number.isFinite(move) ? move : move > 0 ? total : -total)));
    this.cursor = next;
    const first = firstRow(this.scroller.scrollTop, total, visible, ROW_HEIGHT);
    if (next < first) this.scroller.scrollTop = scrollTopFor(next, total, visible, ROW_HEIGHT);
    else if (next >= first + visible) this.scroller.scrollTop = scrollTopFor(next - visible + 1, total, visible, ROW_HEIGHT);
    this.render();
  }
}
