/**
 * The rows view of a fit, served a page at a time: which rows a view holds (a cluster, every row used, the rows
 * selected in the scatter), in what order, and each row's line, cluster, probability, uncertainty, log density and
 * cells. Each order is sorted once and kept (the last few), so scrolling a million rows asks only for a slice.
 * Pure (no node, no vscode); unit-tested in test/unit/worker/rowPages.test.ts.
 */
import { formatCsvRow, type Table } from '../data';
import type { MixtureFit } from '../core';
import {
  MAX_CELL_CHARS, MAX_PAGE_ROWS, MAX_ROW_COLUMNS,
  type RowRecordDto, type RowsPageDto, type RowsRequestDto, type RowsSortKey, type RowsViewDto,
} from '../protocol/rows';
import { WorkerError, workerMessages } from './messages';
import { sortedOrder } from './radixOrder';

/** Sorted orders kept at once (each 4 bytes a row). */
const MAX_CACHED_ORDERS = 8;

/** What the rows view needs of a fit: its per-row arrays (input order, over `rowsUsed`) and the fitted columns. */
export interface RowsSource {
  fit: Pick<MixtureFit<unknown>, 'rowsUsed' | 'resp' | 'labels' | 'logDensity'>;
  nComponents: number;
  /** Names of the columns the fit used (shown first). */
  fittedColumns: string[];
}

export class RowPages {
  private readonly K: number;
  private readonly n: number;
  /** Table row → its index j in the fit's arrays, −1 when the fit did not use it (built when first needed). */
  private position: Int32Array | undefined;
  /** The selected rows as indices j, ascending. */
  private selection = new Int32Array(0);
  private readonly orders = new Map<string, Int32Array>();
  private readonly columns: number[];

  constructor(private readonly table: Table, private readonly source: RowsSource) {
    this.K = source.nComponents;
    this.n = source.fit.rowsUsed.length;
    this.columns = shownColumns(table, source.fittedColumns);
  }

  /** Rows [offset, offset + limit) of the view; a `selection` in the request replaces the stored one first. */
  page(request: RowsRequestDto): RowsPageDto {
    if (request.selection) this.select(request.selection);
    const order = this.order(request.view);
    const total = order.length;
    const offset = Math.min(request.offset, total);
    const end = Math.min(total, offset + Math.min(request.limit, MAX_PAGE_ROWS));
    const rows: RowRecordDto[] = [];
    for (let i = offset; i < end; i++) rows.push(this.record(order[i], request.view));
    return {
      requestId: request.requestId, view: request.view, total, offset,
      columns: this.columns.map((c) => this.table.columns[c].name), nColumns: this.table.columns.length, rows,
    };
  }

  /** The rows of a view, in its order, as CSV: every column of the file, then cluster (1-based), p_1…p_K, uncertainty, log density, line. */
  csv(view: RowsViewDto, csvFormulaGuard: boolean): string {
    const order = this.order(view);
    const { K, table } = this;
    const names = table.columns.map((c) => c.name);
    const taken = new Set(names);
    const unique = (base: string) => { let s = base; for (let j = 2; taken.has(s); j++) s = `${base}_${j}`; taken.add(s); return s; };
    const extra = [unique('cluster'), ...Array.from({ length: K }, (_, k) => unique(`p_${k + 1}`)), unique('uncertainty'), unique('log_density'), unique('line')];
    const lines = [formatCsvRow([...names, ...extra], ',', csvFormulaGuard)];
    const { resp, labels, logDensity, rowsUsed } = this.source.fit;
    // Only the file's cells need quoting or the formula guard; the numbers after them are written as they are.
    const num = (v: number) => (Number.isFinite(v) ? String(v) : '');
    const cells: (string | null)[] = new Array<string | null>(names.length);
    for (const j of order) {
      const row = rowsUsed[j];
      for (let c = 0; c < names.length; c++) cells[c] = table.cell(row, c);
      let line = `${formatCsvRow(cells, ',', csvFormulaGuard)},${labels[j] + 1}`;
      for (let k = 0; k < K; k++) line += `,${num(resp[j * K + k])}`;
      lines.push(`${line},${num(1 - this.maxResp(j))},${num(logDensity[j])},${table.lineNumbers[row]}`);
    }
    return lines.join('\n') + '\n';
  }

  /** Keeps the given table rows that the fit used, each once, in row order. */
  private select(rows: number[]): void {
    const position = this.positions();
    const picked = new Uint8Array(this.n);
    for (const row of rows) {
      const j = row >= 0 && row < position.length ? position[row] : -1;
      if (j >= 0) picked[j] = 1;
    }
    let m = 0;
    for (let j = 0; j < this.n; j++) m += picked[j];
    const out = new Int32Array(m);
    for (let j = 0, o = 0; j < this.n; j++) if (picked[j]) out[o++] = j;
    this.selection = out;
    for (const key of [...this.orders.keys()]) if (key.startsWith('selection:')) this.orders.delete(key);
  }

  /** The view's rows (indices j) in the order of its sort key and direction, ties in row order: sorted once, then kept. */
  private order(view: RowsViewDto): Int32Array {
    const component = view.kind === 'cluster' ? view.component : -1;
    if (view.kind === 'cluster' && component >= this.K) throw new WorkerError('bad-component', workerMessages.noSuchComponent(component, this.K));
    const cacheKey = `${view.kind}:${component}:${view.sort.key}:${view.sort.descending ? 'down' : 'up'}`;
    const kept = this.orders.get(cacheKey);
    if (kept) {
      // Most recently used last, so the oldest is the one dropped.
      this.orders.delete(cacheKey);
      this.orders.set(cacheKey, kept);
      return kept;
    }
    const members = this.members(view.kind, component);
    const order = view.sort.key === 'row' ? (view.sort.descending ? members.slice().reverse() : members) : this.sorted(members, view.sort.key, component, view.sort.descending);
    this.orders.set(cacheKey, order);
    if (this.orders.size > MAX_CACHED_ORDERS) this.orders.delete(this.orders.keys().next().value as string);
    return order;
  }

  private members(kind: RowsViewDto['kind'], component: number): Int32Array {
    if (kind === 'selection') return this.selection;
    if (kind === 'all') {
      const all = new Int32Array(this.n);
      for (let j = 0; j < this.n; j++) all[j] = j;
      return all;
    }
    const labels = this.source.fit.labels;
    let m = 0;
    for (let j = 0; j < this.n; j++) if (labels[j] === component) m++;
    const out = new Int32Array(m);
    for (let j = 0, o = 0; j < this.n; j++) if (labels[j] === component) out[o++] = j;
    return out;
  }

  /** `members` (ascending j) sorted by the key's value (a radix sort), equal values in row order either way; NaN (never expected) last. */
  private sorted(members: Int32Array, key: Exclude<RowsSortKey, 'row'>, component: number, descending: boolean): Int32Array {
    const m = members.length;
    const values = new Float64Array(m);
    for (let i = 0; i < m; i++) values[i] = this.value(members[i], key, component);
    const idx = sortedOrder(values, descending);
    const out = new Int32Array(m);
    for (let i = 0; i < m; i++) out[i] = members[idx[i]];
    return out;
  }

  private value(j: number, key: Exclude<RowsSortKey, 'row'>, component: number): number {
    if (key === 'logDensity') return this.source.fit.logDensity[j];
    if (key === 'uncertainty') return 1 - this.maxResp(j);
    return component >= 0 ? this.source.fit.resp[j * this.K + component] : this.maxResp(j);
  }

  private maxResp(j: number): number {
    const resp = this.source.fit.resp;
    let max = 0;
    for (let k = 0; k < this.K; k++) if (resp[j * this.K + k] > max) max = resp[j * this.K + k];
    return max;
  }

  private record(j: number, view: RowsViewDto): RowRecordDto {
    const { fit } = this.source;
    const row = fit.rowsUsed[j];
    const max = this.maxResp(j);
    return {
      row, line: this.table.lineNumbers[row], cluster: fit.labels[j],
      probability: view.kind === 'cluster' ? fit.resp[j * this.K + view.component] : max,
      uncertainty: 1 - max, logDensity: fit.logDensity[j],
      cells: this.columns.map((c) => shorten(this.table.cell(row, c))),
    };
  }

  private positions(): Int32Array {
    if (!this.position) {
      this.position = new Int32Array(this.table.nRows).fill(-1);
      const used = this.source.fit.rowsUsed;
      for (let j = 0; j < used.length; j++) this.position[used[j]] = j;
    }
    return this.position;
  }
}

/** The fitted columns (table indices, in the fit's order), then the others in file order, at most MAX_ROW_COLUMNS. */
export function shownColumns(table: Table, fitted: string[]): number[] {
  const index = new Map(table.columns.map((c, i) => [c.name, i]));
  const out = new Set<number>();
  for (const name of fitted) {
    if (out.size >= MAX_ROW_COLUMNS) break;
    const i = index.get(name);
    if (i !== undefined) out.add(i);
  }
  for (let i = 0; i < table.columns.length && out.size < MAX_ROW_COLUMNS; i++) out.add(i);
  return [...out];
}

function shorten(text: string | null): string | null {
  return text !== null && text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS - 1)}…` : text;
}
