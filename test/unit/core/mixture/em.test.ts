import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emSteps } from '../../../../src/core/mixture/em';
import type { MixtureFamily } from '../../../../src/core/mixture/family';

/** A family with a scripted log-likelihood sequence, to test the loop apart from any model. */
function scripted(ll: number[], n = 10, failAt = -1): MixtureFamily<number, number> & { calls: string[] } {
  let t = 0;
  const calls: string[] = [];
  return {
    nComponents: 1, nSamples: n, nParameters: 1, resp: new Float64Array(n), logDensity: new Float64Array(n), notices: [], calls,
    flush: () => undefined, beginRun: () => undefined, assess: () => [], end: () => undefined,
    save: () => t, restore: (s) => { t = s; },
    statsFromResp: () => { calls.push('init'); return -2; },
    mStep: () => { calls.push('m'); return t === failAt ? { failure: 'boom', code: 'ill-defined-covariance' } : { reseeded: 0 }; },
    eStep: () => { calls.push('e'); const v = ll[t++]; return { logLikelihood: v, crossOld: v - 1, crossNew: v - 0.5, boundAfterE: v }; },
    snapshot: () => t,
  };
}

describe('emSteps', () => {
  it('alternates M and E, reports both bounds, and stops one iteration after the gain falls below tol', () => {
    const fam = scripted([-100, -50, -49.99, -49.985, -49.98]);
    const gen = emSteps(fam, 0, 10, 0.01);
    const reports = [];
    let r = gen.next();
    while (!r.done) { reports.push(r.value); r = gen.next(); }
    assert.deepEqual(r.value, { iterations: 4, converged: true, state: { iteration: 4, logLikelihood: -49.985, gain: (-49.985 + 49.99) / 10, qLogQ: -0.5, converging: false } });
    assert.deepEqual(reports.map((x) => x.logLikelihood), [-100, -50, -49.99, -49.985]);
    assert.ok(reports.every((x) => x.phase === 'restart'));
    assert.deepEqual(fam.calls, ['init', 'm', 'e', 'm', 'e', 'm', 'e', 'm', 'e']);
    // Bound after M = cross term − Σ q log q of the previous q (−2 from init, then crossNew − boundAfterE = −0.5).
    assert.equal(reports[0].lowerBoundAfterM, -101 + 2);
    assert.equal(reports[1].lowerBoundAfterM, -51 + 0.5);
    assert.equal(reports[1].lowerBoundAfterE, -50);
  });
  it('continues a finished run from its state: same loop, iterations counted on, phase refine, maxIter in total', () => {
    const ll = [-100, -50, -49.99, -49.985, -49.98, -49.9799, -49.97989, -49.979889, -49.9798889];
    const fam = scripted(ll);
    const first = emSteps(fam, 0, 7, 0.01);
    let r = first.next();
    while (!r.done) r = first.next();
    assert.equal(r.value.iterations, 4);
    const state = r.value.state;
    assert.ok(state);
    const refine = emSteps(fam, 0, 7, 1e-4, state);
    const reports = [];
    let s = refine.next();
    while (!s.done) { reports.push(s.value); s = refine.next(); }
    // No second statsFromResp: the loop goes on from the family's last E-step.
    assert.deepEqual(fam.calls, ['init', ...Array<string[]>(7).fill(['m', 'e']).flat()]);
    assert.deepEqual(reports.map((x) => [x.iteration, x.phase, x.logLikelihood]), [[5, 'refine', -49.98], [6, 'refine', -49.9799], [7, 'refine', -49.97989]]);
    // The bound after M of the first refined iteration uses Σ q log q of the last restart E-step.
    assert.equal(reports[0].lowerBoundAfterM, -49.98 - 1 + 0.5);
    // Gain 1e-5 at iteration 6 is below 1e-4: one more iteration (7), which is also maxIter.
    assert.equal(s.value.iterations, 7);
    assert.equal(s.value.converged, true);
    // Capped by maxIter in total: a tighter tol stops at 7 without converging; a state at maxIter runs nothing.
    const capped = emSteps(scripted(ll), 0, 7, 1e-9, { iteration: 4, logLikelihood: -49.985, gain: 0.0005, qLogQ: -0.5, converging: false });
    assert.equal([...capped].length, 3);
    const none = emSteps(scripted(ll), 0, 4, 1e-9, { iteration: 4, logLikelihood: -49.985, gain: 0.0005, qLogQ: -0.5, converging: false });
    const end = none.next();
    assert.equal(end.done, true);
    assert.deepEqual(end.value, { iterations: 4, converged: false, state: { iteration: 4, logLikelihood: -49.985, gain: 0.0005, qLogQ: -0.5, converging: false } });
  });
  it('runs maxIter iterations when tol is 0, and returns a failure', () => {
    const r = [...emSteps(scripted([1, 1, 1, 1]), 0, 4, 0)];
    assert.equal(r.length, 4);
    const gen = emSteps(scripted([1, 2, 3], 10, 2), 0, 5, 0);
    let s = gen.next();
    while (!s.done) s = gen.next();
    assert.deepEqual(s.value, { iterations: 2, converged: false, failure: { failure: 'boom', code: 'ill-defined-covariance' } });
  });
});
