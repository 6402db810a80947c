import { describe, it } from 'node:test';
import { runPass, scratchLength, sumsLayout, CROSS_NEW, type PassParams } from '../../../../src/core/gaussian/pass';
import { allocWorkParams, weightsMeansScatter } from '../../../../src/core/gaussian/mStep';
import { estimateCovariances } from '../../../../src/core/gaussian/models/estimate';
import { MODEL_ALIASES } from '../../../../src/core/gaussian/models/catalog';
import { createRng } from '../../../../src/core/numeric/rng';
import { assertClose, COVARIANCE_TYPES, plantedMixture, precisionOf } from '../helpers';

/** sklearn's estimators written directly from X and resp (the independent computation of test_suffstat_sk_*). */
function direct(x: Float64Array, n: number, d: number, resp: Float64Array, K: number, reg: number) {
  const nk = new Array(K).fill(0), means = new Array(K * d).fill(0), covs: number[][] = [];
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) { nk[k] += resp[i * K + k]; for (let a = 0; a < d; a++) means[k * d + a] += resp[i * K + k] * x[i * d + a]; }
    for (let a = 0; a < d; a++) means[k * d + a] /= nk[k];
    const c = new Array(d * d).fill(0);
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++)
      c[a * d + b] += resp[i * K + k] * (x[i * d + a] - means[k * d + a]) * (x[i * d + b] - means[k * d + b]) / nk[k];
    for (let a = 0; a < d; a++) c[a * d + a] += reg;
    covs.push(c);
  }
  return { nk, means, covs };
}

describe('the M-step from the pass statistics', () => {
  // d = 3 and 5: the full statistics are taken row pair by row pair below d = 4 and component by component
  // from there on (an odd n leaves a row over for both ways).
  for (const [t, d, n] of COVARIANCE_TYPES.flatMap((t) => [[t, 3, 200], [t, 5, 203]] as const)) {
    it(`matches scikit-learn's direct weighted estimates for '${t}' (${MODEL_ALIASES[t]}), d = ${d}`, () => {
      const K = 3, reg = 1e-3, layout = precisionOf(t), model = MODEL_ALIASES[t];
      const { x } = plantedMixture(31, { nSamples: n, nFeatures: d, nComponents: K, covarianceType: 'full' });
      const rng = createRng(5);
      const resp = new Float64Array(n * K);
      for (let i = 0; i < n; i++) { let s = 0; for (let k = 0; k < K; k++) { resp[i * K + k] = rng.next(); s += resp[i * K + k]; } for (let k = 0; k < K; k++) resp[i * K + k] /= s; }
      // Statistics about arbitrary centres must give the same estimates as about 0.
      const centres = Float64Array.from({ length: K * d }, () => 3 * rng.normal());
      const params: PassParams = { mode: 1, means: centres, precFactor: new Float64Array(K * d * d), logNorm: new Float64Array(K) };
      const L = sumsLayout(K, d, layout), sums = new Float64Array(L.length);
      runPass({ nUsed: n, nComplete: n, nFeatures: d, nComponents: K, precision: layout }, { x: x.data, resp: Float64Array.from(resp), logProbNorm: new Float64Array(n) }, params, 0, n, sums, new Float64Array(scratchLength(K, d)));
      const negEntropy = Array.from(resp).reduce((s, r) => s + r * Math.log(r), 0);
      assertClose(sums[L.scalars + CROSS_NEW], negEntropy, { rtol: 1e-12 }, 'Σ r log r');
      const out = allocWorkParams(model, layout, K, d);
      const scatter = new Float64Array(out.covariances.length);
      weightsMeansScatter(sums, centres, layout, out, scatter);
      const outcome = estimateCovariances(model, { K, d, nk: out.nk, scatter, regCovar: reg }, out.covariances, false);
      assertClose(outcome.ok ? 1 : 0, 1, {}, 'estimated');
      const ref = direct(x.data, n, d, resp, K, reg);
      assertClose(out.means, ref.means, { rtol: 1e-10 }, 'means');
      assertClose(out.weights, ref.nk.map((v) => v / n), { rtol: 1e-12 }, 'weights');
      if (t === 'full') assertClose(out.covariances, ref.covs.flat(), { rtol: 1e-9 }, 'cov');
      if (t === 'tied') {
        const pooled = new Array(d * d).fill(0);
        for (let k = 0; k < K; k++) for (let j = 0; j < d * d; j++) pooled[j] += (ref.covs[k][j] - (j % (d + 1) === 0 ? reg : 0)) * ref.nk[k] / n;
        for (let a = 0; a < d; a++) pooled[a * d + a] += reg;
        assertClose(out.covariances, Array.from({ length: K }, () => pooled).flat(), { rtol: 1e-9 }, 'tied');
      }
      const diagonals = ref.covs.flatMap((c) => Array.from({ length: d }, (_, a) => c[a * d + a]));
      if (t === 'diag') assertClose(out.covariances, diagonals, { rtol: 1e-9 }, 'diag');
      if (t === 'spherical') {
        const mean = ref.covs.map((c) => Array.from({ length: d }, (_, a) => c[a * d + a]).reduce((u, v) => u + v, 0) / d);
        assertClose(out.covariances, mean.flatMap((v) => Array<number>(d).fill(v)), { rtol: 1e-9 }, 'spherical');
      }
    });
  }
});
