import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignSample, displayModel, historyIteration, toGaussianParams } from '../../../src/webview/display';
import { candidateStatus, degenerateReason } from '../../../src/webview/candidateStatus';
import type { SelectionRowDto } from '../../../src/protocol/model';
import { params, result } from './fixtures';

describe('webview display model', () => {
  it('flattens ParamsDto into the engine layout with full covariances', () => {
    const g = toGaussianParams(params);
    assert.equal(g.model, 'VVV');
    assert.deepEqual(Array.from(g.means), [0, 0, 10, 5]);
    assert.deepEqual(Array.from(g.covariances), [1, 0, 0, 4, 4, 1, 1, 1]);
    assert.ok(g.weights instanceof Float64Array);
  });

  it('re-assigns sample points with the engine E-step', () => {
    const { resp, labels, certainty } = assignSample(params, result().sample);
    assert.deepEqual(Array.from(labels), [0, 1, 1, 1]);
    for (let i = 0; i < 4; i++) {
      assert.ok(Math.abs(resp[2 * i] + resp[2 * i + 1] - 1) < 1e-12);
      assert.equal(certainty[i], Math.max(resp[2 * i], resp[2 * i + 1]));
    }
  });

  it('shows the chosen model as the engine returned it, with counts over all rows', () => {
    const r = result();
    const m = displayModel(r, null, null);
    assert.equal(m.params, r.params);
    assert.equal(m.resp(1), r.sample.resp[1]);
    assert.deepEqual(Array.from(m.certainty), [1, 1, 1, 1]);
    assert.deepEqual(m.counts, [1, 3]);
    assert.equal(m.caption, '');
  });

  it('shows a replayed iteration with counts over the sample', () => {
    const moved = { ...params, means: [[10, 5], [0, 0]] };
    const r = result({ history: [moved, params, params] });
    const m = displayModel(r, null, 0);
    assert.equal(m.params, moved);
    assert.deepEqual(Array.from(m.labels), [1, 0, 0, 0]);
    assert.deepEqual(m.counts, [3, 1]);
    assert.ok(m.countsFromSample);
    assert.match(m.caption, /iteration 1 of 3/);
  });

  it('shows the counts over every row for another model of the sweep', () => {
    const row = { nComponents: 2, model: 'VVV', elapsedMs: 1, logLikelihood: 0, bic: 0, aic: 0, icl: 0, nParameters: 0, iterations: 1, converged: true, params, counts: [120, 152] };
    const r = result({ selection: [row, { ...row }], chosen: 1 });
    const m = displayModel(r, 0, null);
    assert.deepEqual(m.counts, [120, 152]);
    assert.equal(m.countsFromSample, false);
  });

  it('keeps the chosen model and reports the problem when a candidate cannot be drawn', () => {
    const bad = { ...params, covariance: { layout: 'full' as const, matrices: [[[0, 0], [0, 0]], [[0, 0], [0, 0]]] } };
    const row = { nComponents: 2, model: 'VVV', elapsedMs: 1, logLikelihood: 0, bic: 0, aic: 0, icl: 0, nParameters: 0, iterations: 1, converged: true, params: bad, counts: [2, 2] };
    const r = result({ selection: [row, { ...row, params }], chosen: 1 });
    const m = displayModel(r, 0, null);
    assert.equal(m.params, r.params);
    assert.ok(m.problem);
  });

  it("says which component of a degenerate candidate is affected and why, when it is shown and in the candidates' status", () => {
    const message = 'Component 2 is spurious: it rests on about 3.0 rows and its rows share a single value in "<b>x</b>", so its likelihood is inflated without bound (a spurious maximum). Other starts, fewer components or a larger regularisation avoid it.';
    const sound: SelectionRowDto = { nComponents: 2, model: 'VVV', elapsedMs: 1, logLikelihood: 0, bic: 0, aic: 0, icl: 0, nParameters: 0, iterations: 1, converged: true, params, counts: [1, 3] };
    const degenerate: SelectionRowDto = { ...sound, nComponents: 2, model: 'EEV', degenerate: true, issues: [{ component: 1, kind: 'spurious', rows: 3, message }] };
    const r = result({ selection: [sound, degenerate], chosen: 0 });
    const m = displayModel(r, 1, null);
    assert.equal(m.caption, 'K = 2, EEV (not the chosen model)');
    assert.equal(m.warning, `degenerate: ${message}`);
    assert.equal(displayModel(r, 0, null).warning, undefined);
    assert.equal(displayModel(result({ selection: [degenerate, sound], chosen: 1 }), 1, null).warning, undefined);
    // The table's status cell: the reason as text, beside 'chosen' when every candidate was degenerate.
    assert.equal(candidateStatus(degenerate, false), `degenerate: ${message}`);
    assert.equal(candidateStatus(degenerate, true), `chosen; degenerate: ${message}`);
    assert.equal(candidateStatus({ ...degenerate, issues: undefined }, false), 'degenerate');
    assert.equal(candidateStatus(sound, true), 'chosen');
    assert.equal(candidateStatus(sound, false), '');
    assert.equal(candidateStatus({ ...sound, converged: false }, false), 'not converged');
    assert.equal(candidateStatus({ ...sound, failure: 'too few rows' }, false), 'failed: too few rows');
    const two = { ...degenerate, issues: [degenerate.issues![0], { component: 0, kind: 'flat' as const, rows: 40, message: 'Component 1 is flat.' }] };
    assert.equal(degenerateReason(two), `degenerate: ${message} Component 1 is flat.`);
  });

  it('maps thinned replay snapshots back to iterations, first and last exact', () => {
    assert.equal(historyIteration(0, 400, 1000), 1);
    assert.equal(historyIteration(399, 400, 1000), 1000);
    assert.equal(historyIteration(5, 8, 8), 6);
    assert.equal(historyIteration(1, 3, 5), 3);
  });
});

describe('historyIteration with the host numbering', () => {
  it('uses the iteration numbers the host gave each snapshot', () => {
    assert.equal(historyIteration(1, 3, 1000, [1, 400, 1000]), 400);
    assert.equal(historyIteration(2, 3, 1000, [1, 400, 1000]), 1000);
  });
});
