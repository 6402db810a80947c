import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { logSumExp } from '../../../../src/core/numeric/logsumexp';

describe('logSumExp', () => {
  it('agrees with the naive log of a sum for moderate values', () => {
    const a = [-1.5, 0.25, 3, -7];
    const naive = Math.log(a.reduce((s, v) => s + Math.exp(v), 0));
    assert.ok(Math.abs(logSumExp(a) - naive) < 1e-14);
  });
  it('stays finite for +1000 and −1000 where exp over- and underflows', () => {
    assert.ok(Math.abs(logSumExp([1000, 1000]) - (1000 + Math.log(2))) < 1e-12);
    assert.ok(Math.abs(logSumExp([-1000, -1000]) - (-1000 + Math.log(2))) < 1e-12);
    assert.equal(logSumExp([1000, -1000]), 1000);
  });
  it('gives −∞ for an all −∞ row, not NaN', () => {
    assert.equal(logSumExp([-Infinity, -Infinity, -Infinity]), -Infinity);
  });
  it('gives +∞ when an entry is +∞', () => {
    assert.equal(logSumExp([0, Infinity]), Infinity);
  });
  it('reads a slice at an offset', () => {
    assert.ok(Math.abs(logSumExp([99, 0, 0, 99], 1, 2) - Math.log(2)) < 1e-15);
  });
  it('lies between the maximum and the maximum + log n, and shifts with its input (property)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (a, c) => {
      const m = Math.max(...a), v = logSumExp(a);
      const tol = 1e-12 * Math.max(1, Math.abs(m));
      if (!(v >= m - tol && v <= m + Math.log(a.length) + tol)) return false;
      return Math.abs(logSumExp(a.map((x) => x + c)) - (v + c)) <= 1e-9 * Math.max(1, Math.abs(v) + Math.abs(c));
    }));
  });
});
