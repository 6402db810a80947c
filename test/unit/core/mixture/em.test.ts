import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emSteps } from '../../../../src/core/mixture/em';
import type { MixtureFamily } from '../../../../src/core/mixture/family';

/** A family with a scripted log-likelihood sequence, to test the loop apart from any model. */
function scripted(ll: number[], n = 10, failAt = -1): MixtureFamily<number> & { calls: string[] } {
  let t = 0;
  const calls: string[] = [];
  return {
    kind: 'scripted', nSamples: n, notices: [], calls,
    statsFromResp: () => { calls.push('init'); return -2; },
    mStep: () => { calls.push('m'); return t === failAt ? { failure: 'boom' } : { reseeded: 0 }; },
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
    assert.deepEqual(r.value, { iterations: 4, converged: true });
    assert.deepEqual(reports.map((x) => x.logLikelihood), [-100, -50, -49.99, -49.985]);
    assert.deepEqual(fam.calls, ['init', 'm', 'e', 'm', 'e', 'm', 'e', 'm', 'e']);
    // Bound after M = cross term − Σ q log q of the previous q (−2 from init, then crossNew − boundAfterE = −0.5).
    assert.equal(reports[0].lowerBoundAfterM, -101 + 2);
    assert.equal(reports[1].lowerBoundAfterM, -51 + 0.5);
    assert.equal(reports[1].lowerBoundAfterE, -50);
  });
  it('runs maxIter iterations when tol is 0, and returns a failure', () => {
    const r = [...emSteps(scripted([1, 1, 1, 1]), 0, 4, 0)];
    assert.equal(r.length, 4);
    const gen = emSteps(scripted([1, 2, 3], 10, 2), 0, 5, 0);
    let s = gen.next();
    while (!s.done) s = gen.next();
    assert.deepEqual(s.value, { iterations: 2, converged: false, failure: 'boom' });
  });
});
