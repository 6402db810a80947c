import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clampSettings, initialColumns } from '../../../src/webview/settings';
import { dataset, settings } from './fixtures';

describe('webview settings', () => {
  it('pre-selects the usable columns when the saved ones are gone', () => {
    assert.deepEqual(initialColumns(dataset, { ...settings, columns: [] }), ['x', 'y']);
    assert.deepEqual(initialColumns(dataset, { ...settings, columns: ['nope', 'label'] }), ['x', 'y']);
  });

  it('keeps the saved usable columns', () => {
    assert.deepEqual(initialColumns(dataset, { ...settings, columns: ['y', 'label'] }), ['y']);
  });

  it('raises K max when K min is typed above it, and lowers K min when K max is typed below it', () => {
    assert.deepEqual([clampSettings({ ...settings, kMin: 5, kMax: 3 }, settings, 'kMin')].map((s) => [s.kMin, s.kMax])[0], [5, 5]);
    assert.deepEqual([clampSettings({ ...settings, kMin: 5, kMax: 3 }, settings, 'kMax')].map((s) => [s.kMin, s.kMax])[0], [3, 3]);
  });

  it('snaps empty or out-of-range numbers back', () => {
    const s = clampSettings({ ...settings, nInit: NaN, seed: -4, maxIter: 2.6, tol: -1, kMin: 0 }, settings);
    assert.equal(s.nInit, settings.nInit);
    assert.equal(s.seed, 0);
    assert.equal(s.maxIter, 3);
    assert.equal(s.tol, settings.tol);
    assert.equal(s.kMin, 1);
  });
});
