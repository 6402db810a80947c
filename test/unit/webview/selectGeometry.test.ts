import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enclosed, insideBox, insidePolygon } from '../../../src/webview/charts/selectGeometry';

const grid = Array.from({ length: 100 }, (_, i) => ({ id: i, x: i % 10, y: Math.floor(i / 10) }));

describe('box and lasso selection geometry', () => {
  it('takes the points in a box dragged either way, edges included', () => {
    const expected = grid.filter((p) => p.x >= 2 && p.x <= 4 && p.y >= 1 && p.y <= 3).map((p) => p.id);
    assert.deepEqual(enclosed(grid, { kind: 'box', path: [{ x: 2, y: 1 }, { x: 4, y: 3 }] }), expected);
    assert.deepEqual(enclosed(grid, { kind: 'box', path: [{ x: 4, y: 3 }, { x: 2, y: 1 }] }), expected);
    assert.equal(insideBox({ x: 5, y: 5 }, { x: 0, y: 0 }, { x: 4, y: 4 }), false);
  });

  it('takes the points inside a lasso and none outside it', () => {
    // A triangle with corners (0.5, 0.5), (8.5, 0.5), (0.5, 8.5): x + y < 9, x, y ≥ 1 on the grid.
    const lasso = [{ x: 0.5, y: 0.5 }, { x: 8.5, y: 0.5 }, { x: 0.5, y: 8.5 }];
    const got = enclosed(grid, { kind: 'lasso', path: lasso });
    const expected = grid.filter((p) => p.x >= 1 && p.y >= 1 && p.x + p.y < 9).map((p) => p.id);
    assert.deepEqual(got, expected);
  });

  it('handles a lasso that crosses itself by the even-odd rule', () => {
    const bowtie = [{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 10, y: 0 }, { x: 0, y: 10 }];
    // Two triangles meeting at (5, 5): left and right of it are inside, above and below are not.
    assert.equal(insidePolygon({ x: 8, y: 5 }, bowtie), true);
    assert.equal(insidePolygon({ x: 2, y: 5 }, bowtie), true);
    assert.equal(insidePolygon({ x: 5, y: 8 }, bowtie), false);
    assert.equal(insidePolygon({ x: 5, y: 2 }, bowtie), false);
    assert.equal(insidePolygon({ x: 20, y: 5 }, bowtie), false);
  });

  it('selects nothing for a click without a drag', () => {
    assert.deepEqual(enclosed(grid, { kind: 'lasso', path: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }), []);
    assert.deepEqual(enclosed(grid, { kind: 'box', path: [{ x: 1, y: 1 }] }), []);
  });
});
