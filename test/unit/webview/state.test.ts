import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_UI, mergeState, mergeUi, restoreState, uiForResult } from '../../../src/webview/state';
import { dataset, result } from './fixtures';

describe('webview state', () => {
  it('restores defaults from nothing or junk', () => {
    assert.deepEqual(restoreState(undefined), { ui: DEFAULT_UI, dataset: null, settings: null, result: null });
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
    assert.equal(next.plane, 'columns', 'no PCA in this result');
    assert.equal(next.shownModel, null);
    assert.equal(next.replayIteration, null);
    assert.deepEqual(next.hiddenComponents, [0]);
  });

  it('never puts the same column on both axes when there are two', () => {
    const next = uiForResult({ ...DEFAULT_UI, xColumn: 'y', yColumn: 'y' }, result());
    assert.notEqual(next.xColumn, next.yColumn);
  });
});
