import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalLogDensity, cellIndex, levelCounts } from '../../../../src/core/mixed/cells';
import { thetaLayout } from '../../../../src/core/mixed/blocks';
import type { MixedData } from '../../../../src/core/mixed/prepare';
import { logNormalise, logSumExp } from '../../../../src/core/numeric/logsumexp';
import { createRng } from '../../../../src/core/numeric/rng';

/** Codes of N rows × the columns' levels, a share of them missing (−1), as the passes read them. */
function randomData(seed: number, N: number, levelCounts: number[], missing: number): MixedData {
  const rng = createRng(seed, 3);
  const J = levelCounts.length;
  const codes = new Int32Array(N * J);
  for (let i = 0; i < N * J; i++) codes[i] = rng.next() < missing ? -1 : Math.floor(rng.next() * levelCounts[i % J]);
  const levels = levelCounts.map((L) => Array.from({ length: L }, (_, l) => `l${l}`));
  return { nUsed: N, codes, levels } as unknown as MixedData;
}

describe('categorical cells', () => {
  for (const K of [1, 3, 4, 5, 8, 9]) {
    it(`give the plain loops' log densities and level counts to the last bit (K = ${K}, 20% missing)`, () => {
      const data = randomData(K, 157, [2, 5, 3, 7], 0.2);
      const { offsets, length } = thetaLayout(data, K);
      const index = cellIndex(data, offsets);
      const rng = createRng(K, 4);
      const logTheta = Float64Array.from({ length }, () => Math.log(rng.next() + 1e-3));
      const base = Float64Array.from({ length: data.nUsed }, () => rng.next());
      const resp = Float64Array.from({ length: data.nUsed * K }, () => rng.next());
      const J = data.levels.length;
      const out = new Float64Array(data.nUsed * K), counts = new Float64Array(length);
      categoricalLogDensity(index, data.nUsed, K, logTheta, base, out);
      levelCounts(index, K, resp, counts);
      const wantOut = new Float64Array(data.nUsed * K), wantCounts = new Float64Array(length);
      for (let i = 0; i < data.nUsed; i++) {
        for (let k = 0; k < K; k++) {
          let s = -base[i];
          for (let j = 0; j < J; j++) {
            const code = data.codes[i * J + j];
            if (code < 0) continue;
            const at = offsets[j] + k * data.levels[j].length + code;
            s += logTheta[at];
            wantCounts[at] += resp[i * K + k];
          }
          wantOut[i * K + k] = s;
        }
      }
      assert.deepEqual(out, wantOut);
      assert.deepEqual(counts, wantCounts);
    });
  }
  it('lists every observed cell once, by column and level, in row order', () => {
    const data = randomData(7, 40, [3, 4], 0.3);
    const index = cellIndex(data, thetaLayout(data, 2).offsets);
    const observed = [...data.codes].filter((c) => c >= 0).length;
    assert.equal(index.rows.length, observed);
    for (let j = 0; j < 2; j++) {
      for (let l = 0; l < data.levels[j].length; l++) {
        const s = index.levelStart[j] + l;
        const listed = [...index.rows.subarray(index.start[s], index.start[s + 1])];
        const want = [...Array(40).keys()].filter((i) => data.codes[i * 2 + j] === l);
        assert.deepEqual(listed, want);
      }
    }
  });
});

describe('logNormalise', () => {
  it('gives logSumExp and the normalised probabilities, within a few ulp', () => {
    const rng = createRng(1, 1);
    for (let t = 0; t < 200; t++) {
      const n = 1 + (t % 9);
      const a = Float64Array.from({ length: n }, () => 300 * (rng.next() - 0.5));
      const probs = new Float64Array(n);
      const v = logNormalise(a, n, probs);
      const want = logSumExp(a, 0, n);
      assert.ok(Math.abs(v - want) <= 4e-16 * Math.max(1, Math.abs(want)), `${v} vs ${want}`);
      let s = 0;
      for (let j = 0; j < n; j++) {
        // exp(a − want) itself carries want's rounding (|want| up to 150): relative 1e-13.
        const p = Math.exp(a[j] - want);
        assert.ok(Math.abs(probs[j] - p) <= 1e-13 * p + 1e-300, `prob ${j}: ${probs[j]} vs ${p}`);
        s += probs[j];
      }
      assert.ok(Math.abs(s - 1) < 1e-14);
    }
  });
  it('keeps logSumExp\'s guards: an all −∞ row gives −∞, a −∞ entry probability 0', () => {
    const probs = new Float64Array(3);
    assert.equal(logNormalise([-Infinity, -Infinity, -Infinity], 3, probs), -Infinity);
    assert.ok(probs.every((p) => Number.isNaN(p)));
    const v = logNormalise([-Infinity, 0, 0], 3, probs);
    assert.ok(Math.abs(v - Math.log(2)) < 1e-15);
    assert.deepEqual([...probs], [0, 0.5, 0.5]);
  });
});
