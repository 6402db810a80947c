import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { columnPlane, correlation, ellipsePoints, pcaPlane, stdDevs } from '../../../src/webview/projection';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≉ ${b}`);

describe('webview projection', () => {
  const sigma = [
    [4, 1, 0.5],
    [1, 9, -2],
    [0.5, -2, 1],
  ];

  it('takes the 2 × 2 marginal of the two shown columns', () => {
    const plane = columnPlane(['a', 'b', 'c'], 2, 0);
    assert.deepEqual(plane.point([1, 2, 3]), [3, 1]);
    assert.deepEqual(plane.cov(sigma), { xx: 1, xy: 0.5, yy: 4 });
    assert.equal(plane.xLabel, 'c');
  });

  it('projects points as P (x − mean) and covariances as P Σ Pᵀ', () => {
    const s = Math.SQRT1_2;
    const plane = pcaPlane({ mean: [1, 1, 0], axes: [[s, s, 0], [-s, s, 0]], explained: [0.7, 0.2] });
    const [p1, p2] = plane.point([2, 3, 5]);
    close(p1, s * (1 + 2));
    close(p2, s * (-1 + 2));
    const c = plane.cov(sigma);
    // P Σ Pᵀ by hand for the top-left 2 × 2 block [[4, 1], [1, 9]].
    close(c.xx, 0.5 * (4 + 2 + 9));
    close(c.yy, 0.5 * (4 - 2 + 9));
    close(c.xy, 0.5 * (-4 + 9));
    assert.match(plane.xLabel, /PC1 \(70\.0% of the variance\)/);
  });

  it('puts the 1σ ellipse of a diagonal Σ on its axes', () => {
    const pts = ellipsePoints([10, 20], { xx: 9, xy: 0, yy: 4 }, 1, 4);
    assert.equal(pts.length, 5);
    close(pts[0].x, 13);
    close(pts[0].y, 20);
    close(pts[1].x, 10);
    close(pts[1].y, 22);
    close(pts[4].x, pts[0].x);
  });

  it('puts every ellipse point at Mahalanobis distance r', () => {
    const c = { xx: 2, xy: 1.2, yy: 1 };
    const det = c.xx * c.yy - c.xy * c.xy;
    for (const r of [1, 2]) {
      for (const p of ellipsePoints([0, 0], c, r, 36)) {
        const m = (c.yy * p.x * p.x - 2 * c.xy * p.x * p.y + c.xx * p.y * p.y) / det;
        close(Math.sqrt(m), r, 1e-9);
      }
    }
  });

  it('turns a covariance into correlations and standard deviations', () => {
    const r = correlation([[4, 2], [2, 9]]);
    close(r[0][1], 2 / 6);
    close(r[0][0], 1);
    assert.deepEqual(stdDevs([[4, 2], [2, 9]]), [2, 3]);
    assert.deepEqual(correlation([[0, 0], [0, 1]]), [[1, 0], [0, 1]]);
  });
});
