import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emSteps, gainAhead } from '../../../../src/core/mixture/em';
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
  it('refines a slowly converging run to its maximum, not to its first small step; the runs to tol stop as sklearn does', () => {
    // ℓ_t = −50 − 10 · 0.97^t on 10 rows: each gain is 0.97 of the one before, the gains ahead 0.97 / 0.03 ≈ 32 times the last.
    const limit = -50, n = 10;
    const ll = Array.from({ length: 2000 }, (_, t) => limit - 10 * 0.97 ** t);
    const run = (tol: number) => {
      const gen = emSteps(scripted(ll, n), 0, 2000, tol);
      let r = gen.next();
      while (!r.done) r = gen.next();
      return r.value;
    };
    // To tol: one iteration after the first gain below tol, however much is left (sklearn's rule, unchanged).
    const first = run(1e-4);
    const stop = ll.findIndex((v, t) => t > 0 && (v - ll[t - 1]) / n < 1e-4);
    assert.equal(first.iterations, stop + 2);
    assert.ok((limit - ll[first.iterations - 1]) / n > 1e-3, 'a run to tol stops well short of its maximum');
    // Refined to 1e-6: until the gains still to come are below 1e-6 too, not at the first gain below 1e-6.
    const fam = scripted(ll, n);
    const restart = emSteps(fam, 0, 2000, 1e-4);
    let r = restart.next();
    while (!r.done) r = restart.next();
    assert.ok(r.value.state);
    const refine = emSteps(fam, 0, 2000, 1e-6, r.value.state);
    let s = refine.next();
    while (!s.done) s = refine.next();
    assert.equal(s.value.converged, true);
    const end = ll[s.value.iterations - 1];
    assert.ok((limit - end) / n < 1e-6, `refined to within 1e-6 per row of the maximum (${(limit - end) / n})`);
    const smallStep = ll.findIndex((v, t) => t > 0 && (v - ll[t - 1]) / n < 1e-6);
    assert.ok((limit - ll[smallStep]) / n > 1e-5, 'the first gain below 1e-6 comes more than 1e-5 per row short of the maximum');
  });
  it('counts the gains ahead by Aitken\'s rate: infinite while they do not shrink, none at rounding level', () => {
    assert.ok(Math.abs(gainAhead(0.5, 1, -50) - 0.5) < 1e-15, 'rate 0.5: as much again');
    assert.ok(Math.abs(gainAhead(0.09, 0.1, -50) - 0.81) < 1e-12, 'rate 0.9: nine times the last gain');
    assert.equal(gainAhead(0.1, 0.1, -50), Infinity);
    assert.equal(gainAhead(0.2, 0.1, -50), Infinity);
    assert.equal(gainAhead(0.1, NaN, -50), Infinity, 'no previous gain (after a re-seed): not yet');
    assert.equal(gainAhead(0.1, -0.1, -50), Infinity, 'after a decrease: not yet');
    assert.equal(gainAhead(-1e-9, 0.1, -50), 1e-9, 'a decrease (rounding) leaves nothing ahead');
    assert.equal(gainAhead(0, 0.1, -50), 0);
    assert.equal(gainAhead(1e-15, 1e-15, -50), 1e-15, 'a change at the rounding level of the log-likelihood is not progress');
  });
});
