import { describe, it } from 'node:test';
import { runPass, scratchLength, sumsLayout, type PassParams } from '../../../../src/core/gaussian/pass';
import { precisionOf, type CovarianceType } from '../helpers';
import { assertClose } from '../helpers';
import { problem } from './passProblem';

/** Runs the pass over all rows (E-step mode) with the specialised kernels or only the general ones. */
function run(pr: ReturnType<typeof problem>, n: number, d: number, K: number, t: CovarianceType, specialised: boolean) {
  const buf = { x: pr.x, resp: Float64Array.from(pr.resp), logProbNorm: new Float64Array(n) };
  const params: PassParams = { mode: 0, means: pr.means, precFactor: pr.precFactor, logNorm: pr.logNorm };
  const sums = new Float64Array(sumsLayout(K, d, precisionOf(t)).length);
  runPass({ nUsed: n, nComplete: n, nFeatures: d, nComponents: K, precision: precisionOf(t) }, buf, params, 0, n, sums, new Float64Array(scratchLength(K, d)), specialised);
  return { sums, resp: buf.resp, logProbNorm: buf.logProbNorm };
}

describe('specialised pass kernels match the general ones', () => {
  const types: CovarianceType[] = ['diag', 'spherical', 'full', 'tied'];
  for (const t of types) {
    for (const d of [1, 2, 3, 5]) {
      for (const K of [1, 3, 8]) {
        it(`'${t}', d = ${d}, K = ${K}, even and odd row counts`, () => {
          for (const n of [1, 2, 7, 64, 2051]) {
            const pr = problem(n * 7 + d, n, d, K, t);
            const a = run(pr, n, d, K, t, true), b = run(pr, n, d, K, t, false);
            const what = `${t} d=${d} K=${K} n=${n}`;
            // Sums about arbitrary centres can be near 0: an absolute floor at 1e-12 of the largest sum.
            const scale = Math.max(...Array.from(b.sums, Math.abs));
            assertClose(a.sums, b.sums, { rtol: 1e-12, atol: 1e-12 * scale }, `${what} sums`);
            assertClose(a.resp, b.resp, { rtol: 1e-12, atol: 1e-300 }, `${what} resp`);
            assertClose(a.logProbNorm, b.logProbNorm, { rtol: 1e-12 }, `${what} log p(x)`);
          }
        });
      }
    }
  }
});
