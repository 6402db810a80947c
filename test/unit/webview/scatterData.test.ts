import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildScatterData, certaintyLevel, LEVEL_ALPHA, planeFor } from '../../../src/webview/charts/scatterData';
import { displayModel } from '../../../src/webview/display';
import { DEFAULT_UI } from '../../../src/webview/state';
import type { Theme } from '../../../src/webview/colors';
import { result } from './fixtures';

const gray = { r: 128, g: 128, b: 128, a: 1 };
const theme: Theme = {
  foreground: '#cccccc', lines: '#444444', background: { r: 0, g: 0, b: 0, a: 1 }, isDark: true, highContrast: false,
  fontFamily: 'sans-serif', component: () => gray, named: () => gray,
};

describe('webview scatter data', () => {
  const r = result({
    sample: {
      total: 100, rowIndex: [0, 1, 2, 3, 4], line: [2, 3, 4, 5, 6],
      values: [[9, 0], [0, 0], [10, 5], [11, 5], [NaN, 1]],
      imputed: [[false, false], [false, false], [false, true], [false, false], [false, false]],
      labels: [1, 0, 1, 1, 0], resp: [[0.4, 0.6], [1, 0], [0, 1], [0.01, 0.99], [1, 0]],
    },
  });
  const ui = { ...DEFAULT_UI, xColumn: 'x', yColumn: 'y' };
  const data = buildScatterData(r, displayModel(r, null, null), ui, theme);

  it('places every finite sample point once and skips the rest', () => {
    assert.equal(data.nPoints, 4);
    const placed = data.roles.flatMap((role, i) => (role.role === 'points' ? data.rows[i] : [])).sort();
    assert.deepEqual(placed, [0, 1, 2, 3]);
  });

  it('keeps each points dataset sorted by x (parsing: false relies on it)', () => {
    data.datasets.forEach((d, i) => {
      if (data.roles[i].role !== 'points') return;
      const xs = d.data.map((p) => p.x);
      assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
    });
  });

  it('outlines imputed points, gives each component its own marker shape, a mean and two ellipses', () => {
    const points = data.datasets.filter((_, i) => data.roles[i].role === 'points');
    const outlined = points.filter((d) => d.borderWidth === 1);
    assert.equal(outlined.length, 1);
    assert.deepEqual(outlined[0].data, [{ x: 10, y: 5 }]);
    const shapes = (k: number) => new Set(data.datasets.filter((_, i) => data.roles[i].role === 'points' && data.roles[i].k === k).map((d) => d.pointStyle));
    assert.deepEqual([...shapes(0)], ['circle']);
    assert.deepEqual([...shapes(1)], ['rect']);
    for (const k of [0, 1]) {
      const roles = data.roles.filter((role) => role.k === k).map((role) => role.role);
      assert.equal(roles.filter((x) => x === 'mean').length, 1);
      assert.equal(roles.filter((x) => x === 'ellipse1').length, 1);
      assert.equal(roles.filter((x) => x === 'ellipse2').length, 1);
    }
  });

  it('colours points by a compared column\'s groups while the shape stays the component\'s', () => {
    const comparison = { column: 'kind', levels: ['a', 'b'], binned: false, sampleCodes: [0, 1, 1, -1, 0], table: [[1, 0], [0, 2]], nRows: 3, nMissing: 1, ari: 1, nmi: 1 };
    const byColumn = buildScatterData(r, displayModel(r, null, null), ui, theme, null, comparison);
    const points = byColumn.datasets.map((d, i) => ({ d, role: byColumn.roles[i], rows: byColumn.rows[i] })).filter((p) => p.role.role === 'points');
    const groupOf = (row: number) => points.find((p) => p.rows.includes(row))!.d.label;
    assert.equal(groupOf(1), 'Component 1, kind = b');
    assert.equal(groupOf(2), 'Component 2, kind = b');
    assert.equal(groupOf(3), 'Component 2, kind = other or missing');
    assert.equal(points.find((p) => p.rows.includes(2))!.d.pointStyle, 'rect');
    assert.equal(byColumn.nPoints, 4);
  });

  it('labels the axes with the chosen columns, or certainty for one column', () => {
    assert.equal(data.xLabel, 'x');
    assert.equal(data.yLabel, 'y');
    const one = planeFor(result({ columns: ['x'] }), ui);
    assert.ok(one.oneD);
    assert.match(one.yLabel, /certainty/);
  });

  it('shows principal components only once they have come, the columns until then', () => {
    const pcaUi = { ...ui, plane: 'pca' as const };
    assert.equal(planeFor(result(), pcaUi).key, '0|1');
    const pca = { mean: [0, 0], axes: [[1, 0], [0, 1]], explained: [0.8, 0.2] };
    const plane = planeFor(result(), pcaUi, pca);
    assert.equal(plane.key, 'pca');
    assert.match(plane.xLabel, /^PC1 \(80\.0% of the variance\)$/);
  });

  it('makes unsure points faint and sure points strong', () => {
    assert.equal(certaintyLevel(0.5, 2), 0);
    assert.equal(certaintyLevel(1, 2), LEVEL_ALPHA.length - 1);
    assert.ok(certaintyLevel(0.8, 2) > certaintyLevel(0.6, 2));
  });
});
