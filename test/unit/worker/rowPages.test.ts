import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTable, type Table } from '../../../src/data';
import { RowPages, type RowsSource } from '../../../src/worker/rowPages';
import { MAX_CELL_CHARS, MAX_ROW_COLUMNS, type RowsSortKey, type RowsViewDto } from '../../../src/protocol/rows';

const read = (name: string, text: string): Table => readTable(new TextEncoder().encode(text), { fileName: name });

// Four rows; the blank line puts row 3 ("d") on line 6. The fit used rows 0, 1 and 3 (row 2 was dropped).
const CSV = 'name,x,y\na,1,10\nb,2,20\nc,3,\n\nd,=cmd,40\n';
const source = (): RowsSource => ({
  fit: {
    rowsUsed: Int32Array.from([0, 1, 3]),
    resp: Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]),
    labels: Int32Array.from([0, 1, 0]),
    logDensity: Float64Array.from([-1, -3, -2]),
  },
  nComponents: 2,
  fittedColumns: ['y', 'x'],
});

const sort = (key: RowsSortKey, descending = false) => ({ key, descending });
const pageOf = (pages: RowPages, view: RowsViewDto, offset = 0, limit = 100, selection?: number[]) =>
  pages.page({ requestId: 1, view, offset, limit, ...(selection ? { selection } : {}) });

describe('the rows view of a fit, served in pages', () => {
  it('lists a cluster\'s rows with their line, probability of that cluster, uncertainty and log density', () => {
    const pages = new RowPages(read('t.csv', CSV), source());
    const p = pageOf(pages, { kind: 'cluster', component: 0, sort: sort('probability', true) });
    assert.equal(p.total, 2);
    assert.deepEqual(p.rows.map((r) => r.row), [0, 3]);
    assert.deepEqual(p.rows.map((r) => r.line), [2, 6]);
    assert.deepEqual(p.rows.map((r) => r.probability), [0.9, 0.6]);
    assert.deepEqual(p.rows.map((r) => r.cluster), [0, 0]);
    assert.ok(Math.abs(p.rows[1].uncertainty - 0.4) < 1e-12);
    assert.deepEqual(p.rows.map((r) => r.logDensity), [-1, -2]);
    const other = pageOf(pages, { kind: 'cluster', component: 1, sort: sort('probability', true) });
    assert.deepEqual(other.rows.map((r) => [r.row, r.probability]), [[1, 0.8]]);
  });

  it('shows the fitted columns first, then the others, with the cells as the file has them', () => {
    const pages = new RowPages(read('t.csv', CSV), source());
    const p = pageOf(pages, { kind: 'all', sort: sort('row') });
    assert.deepEqual(p.columns, ['y', 'x', 'name']);
    assert.equal(p.nColumns, 3);
    assert.deepEqual(p.rows.map((r) => r.cells), [['10', '1', 'a'], ['20', '2', 'b'], ['40', '=cmd', 'd']]);
  });

  it('sorts by log density, uncertainty or file order, either way', () => {
    const pages = new RowPages(read('t.csv', CSV), source());
    const rows = (key: RowsSortKey, descending = false) => pageOf(pages, { kind: 'all', sort: sort(key, descending) }).rows.map((r) => r.row);
    assert.deepEqual(rows('logDensity'), [1, 3, 0], 'most unusual first');
    assert.deepEqual(rows('logDensity', true), [0, 3, 1]);
    assert.deepEqual(rows('uncertainty'), [0, 1, 3]);
    assert.deepEqual(rows('uncertainty', true), [3, 1, 0]);
    assert.deepEqual(rows('probability', true), [0, 1, 3], 'probability of each row\'s own cluster');
    assert.deepEqual(rows('row', true), [3, 1, 0]);
  });

  it('keeps equal values in row order in both directions', () => {
    const s = source();
    s.fit.logDensity = Float64Array.from([-2, -2, -2]);
    const pages = new RowPages(read('t.csv', CSV), s);
    for (const descending of [false, true]) {
      assert.deepEqual(pageOf(pages, { kind: 'all', sort: sort('logDensity', descending) }).rows.map((r) => r.row), [0, 1, 3]);
    }
  });

  it('serves the slice asked for, and an empty page past the end', () => {
    const pages = new RowPages(read('t.csv', CSV), source());
    const view: RowsViewDto = { kind: 'all', sort: sort('logDensity') };
    const p = pageOf(pages, view, 1, 1);
    assert.deepEqual([p.total, p.offset, p.rows.map((r) => r.row)], [3, 1, [3]]);
    const past = pageOf(pages, view, 50, 10);
    assert.deepEqual([past.total, past.offset, past.rows.length], [3, 3, 0]);
  });

  it('keeps only selected rows the fit used, each once, and lists them in the order asked', () => {
    const pages = new RowPages(read('t.csv', CSV), source());
    const view: RowsViewDto = { kind: 'selection', sort: sort('row') };
    assert.equal(pageOf(pages, view).total, 0, 'nothing selected yet');
    const p = pageOf(pages, view, 0, 100, [3, 2, 0, 99, 3]);
    assert.deepEqual(p.rows.map((r) => r.row), [0, 3]);
    assert.deepEqual(pageOf(pages, { kind: 'selection', sort: sort('logDensity') }).rows.map((r) => r.row), [3, 0]);
    // A new selection replaces the old one, also for orders sorted before.
    assert.deepEqual(pageOf(pages, { kind: 'selection', sort: sort('logDensity') }, 0, 100, [1]).rows.map((r) => r.row), [1]);
  });

  it('refuses a component the model does not have', () => {
    const pages = new RowPages(read('t.csv', CSV), source());
    assert.throws(() => pageOf(pages, { kind: 'cluster', component: 2, sort: sort('row') }), /has 2 components, so there is no component 3/);
  });

  it('shortens long cells and shows at most MAX_ROW_COLUMNS columns', () => {
    const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const long = 'x'.repeat(1000);
    const text = `${names.join(',')}\n${names.map((_, i) => (i === 39 ? long : String(i))).join(',')}\n`;
    const pages = new RowPages(read('wide.csv', text), {
      fit: { rowsUsed: Int32Array.from([0]), resp: Float64Array.from([1]), labels: Int32Array.from([0]), logDensity: Float64Array.from([0]) },
      nComponents: 1, fittedColumns: ['c39', 'c5'],
    });
    const p = pageOf(pages, { kind: 'all', sort: sort('row') });
    assert.equal(p.columns.length, MAX_ROW_COLUMNS);
    assert.deepEqual(p.columns.slice(0, 4), ['c39', 'c5', 'c0', 'c1']);
    assert.equal(p.nColumns, 40);
    const cell = p.rows[0].cells[0] ?? '';
    assert.equal(cell.length, MAX_CELL_CHARS);
    assert.ok(cell.endsWith('…'));
  });

  it('exports a view as CSV with every column, cluster, probabilities and line, formulas guarded', () => {
    const text = 'cluster,x\n=1+1,1\nb,2\n';
    const pages = new RowPages(read('t.csv', text), {
      fit: { rowsUsed: Int32Array.from([0, 1]), resp: Float64Array.from([0.25, 0.75, 1, 0]), labels: Int32Array.from([1, 0]), logDensity: Float64Array.from([-4, -1]) },
      nComponents: 2, fittedColumns: ['x'],
    });
    const csv = pages.csv({ kind: 'all', sort: sort('logDensity') }, true);
    assert.equal(csv, [
      'cluster,x,cluster_2,p_1,p_2,uncertainty,log_density,line',
      `"'=1+1",1,2,0.25,0.75,0.25,-4,2`,
      'b,2,1,1,0,0,-1,3',
      '',
    ].join('\n'));
    assert.match(pages.csv({ kind: 'cluster', component: 0, sort: sort('row') }, false).split('\n')[1], /^b,2,1,/);
    assert.match(pages.csv({ kind: 'all', sort: sort('row') }, false).split('\n')[1], /^=1\+1,1,2,/);
  });
});
