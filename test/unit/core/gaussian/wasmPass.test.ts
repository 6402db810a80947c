import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPass, scratchLength, sumsLayout, type PassLayout, type PassParams } from '../../../../src/core/gaussian/pass';
import { createShardPass } from '../../../../src/core/gaussian/shardPass';
import { createWasmPass } from '../../../../src/core/gaussian/wasmPass';
import { createSerialExecutor } from '../../../../src/core/gaussian/executor';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { MODEL_ALIASES } from '../../../../src/core/gaussian/models/catalog';
import { assertClose, plantedMixture, COVARIANCE_TYPES, precisionOf, type CovarianceType } from '../helpers';
import { problem } from './passProblem';

/** Index of the first element where a and b differ as bits (NaN equals NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) return j;
  return -1;
}

describe('WebAssembly pass kernels', () => {
  it('are available in this Node (so the other tests here run them, not the JavaScript fallback)', () => {
    const layout: PassLayout = { nUsed: 4, nComplete: 4, nFeatures: 2, nComponents: 2, precision: 'diag' };
    const pass = createWasmPass(layout, new Float64Array(8), new Float64Array(8), new Float64Array(4), 0, 4);
    assert.ok(pass, 'WebAssembly SIMD is not available: the engine would run its JavaScript kernels only');
    assert.equal(pass.rows, 4);
    assert.equal(createWasmPass(layout, new Float64Array(8), new Float64Array(8), new Float64Array(4), 1, 4), undefined); // fewer than four rows
  });

  for (const t of ['diag', 'spherical', 'full', 'tied'] as CovarianceType[]) {
    for (const d of [1, 2, 3, 5, 10]) {
      for (const K of [1, 3, 8]) {
        it(`'${t}', d = ${d}, K = ${K}: every row bit-identical to the JavaScript kernels, sums up to rounding`, () => {
          // 2051 rows span several blocks with a short last one; shard [3, n) leaves an odd tail to the JavaScript kernels.
          for (const [n, start] of [[4, 0], [7, 0], [64, 0], [2051, 3]]) {
            const pr = problem(n * 13 + d, n, d, K, t);
            const layout: PassLayout = { nUsed: n, nComplete: n, nFeatures: d, nComponents: K, precision: precisionOf(t) };
            const L = sumsLayout(K, d, precisionOf(t));
            const what = `${t} d=${d} K=${K} n=${n}`;
            const js = { x: pr.x, resp: Float64Array.from(pr.resp), logProbNorm: new Float64Array(n) };
            const ws = { x: pr.x, resp: Float64Array.from(pr.resp), logProbNorm: new Float64Array(n) };
            const shard = createShardPass(layout, ws, start, n);
            const scratch = new Float64Array(scratchLength(K, d));
            // Statistics of the given responsibilities (mode 1), then two E-steps: the second reads the first's q.
            for (const mode of [1, 0, 0] as const) {
              const p: PassParams = { mode, means: pr.means, precFactor: pr.precFactor, logNorm: pr.logNorm };
              const a = new Float64Array(L.length), b = new Float64Array(L.length);
              runPass(layout, js, p, start, n, a, scratch);
              shard.run(p, b);
              const scale = Math.max(...Array.from(a, Math.abs));
              assertClose(b, a, { rtol: 1e-12, atol: 1e-12 * scale }, `${what} mode ${mode} sums`);
            }
            shard.flush();
            assert.equal(firstDifference(ws.resp, js.resp), -1, `${what} resp`);
            assert.equal(firstDifference(ws.logProbNorm, js.logProbNorm), -1, `${what} log p(x)`);
          }
        });
      }
    }
  }

  for (const t of ['diag', 'full'] as CovarianceType[]) {
    it(`'${t}': moving the rows through a small window gives the same bits as keeping them resident, and writes resp back every pass`, () => {
      // 2051 rows from row 3: 2048 for the module, eight blocks; windows of 1, 2 and 4 blocks (the last window short too).
      const n = 2051, start = 3, d = 3, K = 4;
      const pr = problem(17, n, d, K, t);
      const layout: PassLayout = { nUsed: n, nComplete: n, nFeatures: d, nComponents: K, precision: precisionOf(t) };
      const L = sumsLayout(K, d, precisionOf(t));
      const runAll = (windowBlocks: number) => {
        const resp = Float64Array.from(pr.resp), logProbNorm = new Float64Array(n);
        const pass = createWasmPass(layout, pr.x, resp, logProbNorm, start, n, windowBlocks);
        assert.ok(pass);
        const out: Float64Array[] = [];
        for (const [step, mode] of ([1, 0, 0] as const).entries()) {
          const sums = new Float64Array(L.length);
          const p: PassParams = { mode, means: pr.means, precFactor: pr.precFactor, logNorm: pr.logNorm };
          if (mode === 1) pass.stats(p, sums);
          else pass.run(p, sums);
          const before = Float64Array.from(resp);
          pass.flush();
          // Staged, the first E-step wrote its responsibilities already; resident, only the flush does.
          if (step === 1) assert.equal(firstDifference(before, resp) === -1, windowBlocks < 8, `window ${windowBlocks}: written before flush`);
          out.push(sums, Float64Array.from(resp), Float64Array.from(logProbNorm));
        }
        return out;
      };
      const whole = runAll(1000);
      assert.notEqual(firstDifference(whole[4], pr.resp), -1);
      for (const w of [1, 2, 4]) {
        const parts = runAll(w);
        parts.forEach((a, j) => assert.equal(firstDifference(a, whole[j]), -1, `window ${w}, array ${j}`));
      }
    });
  }

  for (const t of COVARIANCE_TYPES) {
    it(`a whole fit ('${t}') follows the JavaScript-only fit to rounding, iteration by iteration`, () => {
      const { x } = plantedMixture(90, { nSamples: 1001, nFeatures: 3, nComponents: 3, covarianceType: t, separation: 3 });
      // Fixed length (a stop at tol could flip on rounding) and k-means++ starts (two starts at one maximum could trade places).
      const opts = { nComponents: 3, model: MODEL_ALIASES[t], nInit: 3, seed: 4, tol: 0, maxIter: 40, init: 'kmeans++' as const };
      const wasm = fitGaussianMixture(x, opts);
      const js = fitGaussianMixture(x, opts, { executor: createSerialExecutor(false) });
      assert.equal(wasm.iterations, js.iterations);
      for (let r = 0; r < 3; r++) assertClose(wasm.runs[r].logLikelihood, js.runs[r].logLikelihood, { rtol: 1e-12 }, `run ${r}`);
      assertClose(wasm.resp, js.resp, { atol: 1e-10 });
      assertClose(wasm.params.covariances, js.params.covariances, { rtol: 1e-9, atol: 1e-12 });
    });
  }
});
