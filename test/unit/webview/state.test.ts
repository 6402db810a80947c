import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_UI, mergeState, mergeUi, pcaFor, restoreState, resultKey, uiForResult } from '../../../src/webview/state';
import { dataset, result } from './fixtures';

describe('webview state', () => {
  it('restores defaults from nothing or junk', () => {
    assert.deepEqual(restoreState(undefined), { ui: DEFAULT_UI, dataset: null, settings: null, result: null, pca: null, comparison: null });
    assert.deepEqual(restoreState('junk').ui, DEFAULT_UI);
  });

  it('keeps saved choices and fills in ones added since', () => {
    const s = restoreState({ ui: { halfSteps: true }, dataset });
    assert.equal(s.ui.halfSteps, true);
    assert.equal(s.ui.matrix, DEFAULT_UI.matrix);
    assert.equal(s.dataset, dataset);
  });

  it('merges one key without touching the others or the previous state', () => {
    const a = restoreState({ dataset });
    const b = mergeState(a, 'result', result());
    assert.equal(b.dataset, dataset);
    assert.equal(a.result, null);
    const c = mergeUi(b, { matrix: 'covariance' });
    assert.equal(c.ui.matrix, 'covariance');
    assert.equal(c.ui.halfSteps, false);
    assert.equal(b.ui.matrix, DEFAULT_UI.matrix);
  });

  it('resets axes, model and replay choices that do not fit a new result', () => {
    const ui = { ...DEFAULT_UI, xColumn: 'gone', yColumn: 'y', plane: 'pca' as const, shownModel: 3, replayIteration: 1, hiddenComponents: [0, 5] };
    const next = uiForResult(ui, result());
    assert.equal(next.xColumn, 'x');
    assert.equal(next.yColumn, 'y');
    assert.equal(next.plane, 'pca', 'principal components are computed when shown, for any result of two columns');
    assert.equal(uiForResult(ui, result({ columns: ['x'] })).plane, 'columns', 'not for one column');
    assert.equal(next.shownModel, null);
    assert.equal(next.replayIteration, null);
    assert.deepEqual(next.hiddenComponents, [0]);
  });

  it('keeps principal components for the result they were computed for only', () => {
    const pca = { mean: [0, 0], axes: [[1, 0], [0, 1]], explained: [0.8, 0.2] };
    const r = result();
    const s = mergeState(restoreState({}), 'pca', { key: resultKey(r), value: pca });
    assert.equal(pcaFor(s, r), pca);
    assert.equal(pcaFor(s, result({ logLikelihood: -9 })), null, 'a refit of a changed file is another result');
    assert.equal(restoreState({ pca: { value: pca } }).pca, null, 'a kept value without its key is dropped');
  });

  it('never puts the same column on both axes when there are two', () => {
    const next = uiForResult({ ...DEFAULT_UI, xColumn: 'y', yColumn: 'y' }, result());
    assert.notEqual(next.xColumn, next.yColumn);
  });
});
