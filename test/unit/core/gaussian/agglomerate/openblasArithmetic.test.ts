import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dotSelf, fma, rotg } from '../../../../../src/core/gaussian/agglomerate/openblasArithmetic';
import { exactFma } from '../../../../../src/core/gaussian/agglomerate/exactRounding';
import { crExp, crLog } from '../../../../../src/core/gaussian/agglomerate/correctlyRounded';
import { readFixture, seeded } from './support';

interface Vectors {
  fma: [number, number, number, number][];
  rotg: [number, number, number, number, number][];
  dot: [number[], number][];
  log: [number, number, number][];
  exp: [number, number, number][];
}
const vectors = readFixture<Vectors>('openblas-arithmetic.json');

describe('OpenBLAS arithmetic emulation (test/fixtures/mclust-hc/openblas-arithmetic.json)', () => {
  it('rounds a·b + c once, like a fused multiply-add, including cancellations and exact ties', () => {
    for (const [a, b, c, expected] of vectors.fma) assert.equal(fma(a, b, c), expected, `fma(${a}, ${b}, ${c})`);
  });

  it('agrees with the exact BigInt fused multiply-add on random and near-tie operands', () => {
    const rng = seeded(7);
    for (let k = 0; k < 20000; k++) {
      const a = (rng.uniform() - 0.5) * 2 ** (rng.int(40) - 20);
      const b = (rng.uniform() - 0.5) * 2 ** (rng.int(40) - 20);
      const near = rng.uniform() < 0.5;
      const c = near ? -(a * b) * (1 + (rng.int(5) - 2) * 2 ** -53) : (rng.uniform() - 0.5) * 2 ** (rng.int(40) - 20);
      assert.equal(fma(a, b, c), exactFma(a, b, c), `fma(${a}, ${b}, ${c})`);
    }
  });

  it("computes drotg's r, c and s exactly as OpenBLAS 0.3.21 does in x87 arithmetic", () => {
    const out = new Float64Array(3);
    for (const [a, b, r, c, s] of vectors.rotg) {
      rotg(a, b, out);
      assert.deepEqual([out[0], out[1], out[2]], [r, c, s], `drotg(${a}, ${b})`);
    }
  });

  it("sums squares in OpenBLAS ddot's order (a fused sequence below 16 entries, its SkylakeX lanes from 16 on)", () => {
    for (const [v, expected] of vectors.dot) assert.equal(dotSelf(Float64Array.from(v), 0, v.length), expected, `n = ${v.length}`);
  });
});

describe('correctly rounded log and exp', () => {
  it('equal the correctly rounded values (and so glibc, which R uses, on these arguments)', () => {
    for (const [x, rounded] of vectors.log) assert.equal(crLog(x), rounded, `log(${x})`);
    for (const [x, rounded] of vectors.exp) assert.equal(crExp(x), rounded, `exp(${x})`);
  });

  it('keep the special values of Math.log and Math.exp', () => {
    assert.equal(crLog(1), 0);
    assert.equal(crLog(0), -Infinity);
    assert.ok(Number.isNaN(crLog(-1)));
    assert.equal(crLog(Infinity), Infinity);
    assert.equal(crExp(0), 1);
    assert.equal(crExp(-Infinity), 0);
    assert.equal(crExp(800), Infinity);
  });

  it('are monotone and within half a unit of Math.log and Math.exp', () => {
    const rng = seeded(3);
    for (let k = 0; k < 20000; k++) {
      const x = rng.uniform() * 2 ** (rng.int(60) - 30);
      const y = crLog(x);
      assert.ok(Math.abs(y - Math.log(x)) <= 2 * Number.EPSILON * Math.max(1, Math.abs(y)), `log(${x})`);
      assert.ok(crLog(x * (1 + Number.EPSILON)) >= y);
      const e = (rng.uniform() - 0.5) * 100;
      const z = crExp(e);
      assert.ok(Math.abs(z - Math.exp(e)) <= 2 * Number.EPSILON * z, `exp(${e})`);
      assert.ok(crExp(e + Math.abs(e) * Number.EPSILON + 1e-300) >= z);
    }
  });
});
