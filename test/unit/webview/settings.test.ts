import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clampSettings, initialColumns, settingsToShow } from '../../../src/webview/settings';
import { dataset, settings } from './fixtures';

describe('webview settings', () => {
  it('pre-selects the usable columns when the saved ones are gone', () => {
    assert.deepEqual(initialColumns(dataset, { ...settings, columns: [] }), ['x', 'y']);
    assert.deepEqual(initialColumns(dataset, { ...settings, columns: ['nope', 'label'] }), ['x', 'y']);
  });

  it('keeps the saved usable columns', () => {
    assert.deepEqual(initialColumns(dataset, { ...settings, columns: ['y', 'label'] }), ['y']);
  });

  it('raises the largest number of components when the smallest is typed above it, and the other way round', () => {
    assert.deepEqual(clampSettings({ ...settings, components: { min: 5, max: 3 } }, settings, 'min').components, { min: 5, max: 5 });
    assert.deepEqual(clampSettings({ ...settings, components: { min: 5, max: 3 } }, settings, 'max').components, { min: 3, max: 3 });
  });

  it('snaps empty or out-of-range numbers back', () => {
    const s = clampSettings({ ...settings, nInit: NaN, seed: -4, maxIter: 2.6, tol: -1, components: { min: 0, max: 2 } }, settings);
    assert.equal(s.nInit, settings.nInit);
    assert.equal(s.seed, 0);
    assert.equal(s.maxIter, 3);
    assert.equal(s.tol, settings.tol);
    assert.equal(s.components.min, 1);
    assert.equal(clampSettings({ ...settings, components: { min: 1, max: 500 } }, settings).components.max, 100);
  });

  it("keeps the options the person changed when the host's older copy of them arrives for the same file", () => {
    const sweep = { ...settings, components: { min: 1, max: 8 }, nInit: 10 };
    const hostCopy = { ...settings, components: { min: 2, max: 2 } };
    // A late answer to `ready` (or a re-read) after the person set a sweep: the form keeps the sweep.
    assert.deepEqual(settingsToShow(sweep, dataset.uri, dataset, hostCopy), { settings: sweep, own: true });
    // Nothing changed in this document, another file, or no dataset yet: the host's settings.
    assert.deepEqual(settingsToShow(undefined, dataset.uri, dataset, hostCopy), { settings: hostCopy, own: false });
    assert.deepEqual(settingsToShow(sweep, 'file:///other.csv', dataset, hostCopy), { settings: hostCopy, own: false });
    assert.deepEqual(settingsToShow(sweep, dataset.uri, null, hostCopy), { settings: hostCopy, own: false });
  });
});
