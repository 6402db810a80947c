import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstRow, MAX_SCROLL_PX, pagesFor, scrollHeight, scrollTopFor } from '../../../src/webview/rows/virtualWindow';

describe('the virtualised rows window', () => {
  it('shows the rows under the scroll position pixel for pixel while they fit', () => {
    assert.equal(scrollHeight(1000, 24), 24_000);
    assert.equal(firstRow(0, 1000, 15, 24), 0);
    assert.equal(firstRow(24 * 10 + 5, 1000, 15, 24), 10);
    assert.equal(firstRow(24 * 5000, 1000, 15, 24), 985, 'never past the last full window');
    assert.equal(firstRow(100, 10, 15, 24), 0, 'fewer rows than fit: always from the first');
  });

  it('scales the scroll range for a million rows, reaching the last rows at the bottom', () => {
    const total = 1_000_000, visible = 16, rh = 24;
    const height = scrollHeight(total, rh);
    assert.equal(height, MAX_SCROLL_PX);
    assert.equal(firstRow(0, total, visible, rh), 0);
    assert.equal(firstRow(height - visible * rh, total, visible, rh), total - visible);
    const middle = firstRow((height - visible * rh) / 2, total, visible, rh);
    assert.ok(Math.abs(middle - (total - visible) / 2) <= 1, `the middle of the range shows the middle rows (${middle})`);
  });

  it('finds the scroll position that shows a row first, the inverse of firstRow', () => {
    for (const total of [500, 1_000_000]) {
      for (const row of [0, 1, 137, total - 16, total - 1]) {
        const top = scrollTopFor(row, total, 16, 24);
        assert.equal(firstRow(top, total, 16, 24), Math.min(row, total - 16), `total ${total}, row ${row}`);
      }
    }
  });

  it('asks for the pages that hold the rows in view, and none past the end', () => {
    assert.deepEqual(pagesFor(0, 16, 1000, 100), [0]);
    assert.deepEqual(pagesFor(95, 16, 1000, 100), [0, 1]);
    assert.deepEqual(pagesFor(990, 16, 1000, 100), [9]);
    assert.deepEqual(pagesFor(0, 16, 0, 100), []);
  });
});
