import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chosenRun, halfSteps } from '../../../src/webview/charts/halfSteps';
import { result } from './fixtures';

describe('webview log-likelihood curve data', () => {
  it('picks the run the engine kept by its run number', () => {
    assert.equal(chosenRun(result())?.run, 1);
    assert.equal(chosenRun(result({ bestRun: 0 }))?.finalLogLikelihood, -11);
  });

  it('places the M-step at t − ½ and the E-step at t, with the gap closing at each E-step', () => {
    const run = result().runs[1];
    const h = halfSteps(run);
    assert.deepEqual(h.bound.map((p) => p.x), [0.5, 1, 1.5, 2, 2.5, 3]);
    assert.deepEqual(h.bound.map((p) => p.y), [-15, -13, -11, -10.5, -10.1, -10]);
    assert.deepEqual(h.logLik.map((p) => p.y), [-13, -13, -10.5, -10.5, -10, -10]);
    const atE = h.gap.filter((p) => Number.isInteger(p.x)).map((p) => p.y);
    assert.deepEqual(atE, [0, 0, 0]);
    for (const p of h.gap) assert.ok(p.y >= 0);
  });

  it('skips half-steps the engine did not record', () => {
    const run = { ...result().runs[0], lowerBoundAfterM: [NaN, -12.5, -11.2] };
    const h = halfSteps(run);
    assert.equal(h.bound.length, 5);
    assert.equal(h.logLik.length, 6);
  });
});
