import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../../src/core/numeric/rng';

const draw = (seed: number, stream: number, n = 50): number[] => { const r = createRng(seed, stream); return Array.from({ length: n }, () => r.next()); };

describe('createRng', () => {
  it('repeats the same stream for the same seed and stream', () => {
    assert.deepEqual(draw(42, 3), draw(42, 3));
  });
  it('gives different streams for different seeds or stream numbers', () => {
    assert.notDeepEqual(draw(42, 0), draw(43, 0));
    assert.notDeepEqual(draw(42, 0), draw(42, 1));
  });
  it('draws uniforms in [0, 1) with mean near ½ and integers in range', () => {
    const r = createRng(1);
    let s = 0;
    for (let j = 0; j < 20000; j++) { const u = r.next(); assert.ok(u >= 0 && u < 1); s += u; }
    assert.ok(Math.abs(s / 20000 - 0.5) < 0.01);
    for (let j = 0; j < 1000; j++) { const k = r.int(7); assert.ok(Number.isInteger(k) && k >= 0 && k < 7); }
  });
  it('draws normals with mean 0 and variance 1', () => {
    const r = createRng(2);
    let s = 0, s2 = 0;
    const n = 40000;
    for (let j = 0; j < n; j++) { const z = r.normal(); s += z; s2 += z * z; }
    assert.ok(Math.abs(s / n) < 0.03);
    assert.ok(Math.abs(s2 / n - 1) < 0.03);
  });
});
