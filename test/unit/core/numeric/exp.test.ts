import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fastExp, fastLog } from '../../../../src/core/numeric/exp';
import { createRng } from '../../../../src/core/numeric/rng';

const EPS = Number.EPSILON;

describe('fastExp', () => {
  it('is within 2 ulp of Math.exp over [−708, 709] and exact at 0', () => {
    const rng = createRng(1, 2);
    let worst = 0;
    for (let j = 0; j < 200_000; j++) {
      const x = j % 2 === 0 ? -708 + 1417 * rng.next() : -40 * rng.next();
      const want = Math.exp(x);
      worst = Math.max(worst, Math.abs(fastExp(x) - want) / want);
    }
    assert.ok(worst <= 2 * EPS, `worst relative error ${worst / EPS} ulp`);
    assert.equal(fastExp(0), 1);
    assert.equal(fastExp(-0), 1);
  });
  it('gives Math.exp outside the table range: underflow, overflow, ±∞ and NaN', () => {
    for (const x of [-709, -745.2, -800, 709.8, 710, -Infinity, Infinity, NaN]) assert.equal(fastExp(x), Math.exp(x), String(x));
  });
});

describe('fastLog', () => {
  it('is within 2 ulp of Math.log for x ≥ 1 and within 5e-16 absolute elsewhere', () => {
    const rng = createRng(3, 4);
    let worstRel = 0, worstAbs = 0;
    for (let j = 0; j < 200_000; j++) {
      const big = 1 + 63 * rng.next(), near = 1 + 1e-6 * rng.next(), any = Math.exp(1400 * (rng.next() - 0.5));
      worstRel = Math.max(worstRel, Math.abs(fastLog(big) - Math.log(big)) / Math.log(big), Math.abs(fastLog(near) - Math.log(near)) / Math.log(near));
      worstAbs = Math.max(worstAbs, Math.abs(fastLog(any) - Math.log(any)));
    }
    assert.ok(worstRel <= 2 * EPS, `worst relative error ${worstRel / EPS} ulp`);
    assert.ok(worstAbs <= 5e-16, `worst absolute error ${worstAbs}`);
    assert.equal(fastLog(1), 0);
    assert.equal(fastLog(2), Math.LN2);
  });
  it('gives Math.log for 0, negatives, subnormals, ∞ and NaN', () => {
    for (const x of [0, -0, -1, 5e-324, 1e-310, Infinity, NaN]) assert.equal(fastLog(x), Math.log(x), String(x));
  });
});
