import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COVARIANCE_MODELS, MODEL_NAMES, type ModelName } from '../../../../../src/core/gaussian/models/catalog';
import { estimateCovariances, type ScatterInput } from '../../../../../src/core/gaussian/models/estimate';
import { covarianceObjective } from '../../../../../src/core/gaussian/models/objective';
import { createRng } from '../../../../../src/core/numeric/rng';
import { diagonals, inputFor, mclustFixture, relativeDifference, sigmaFor } from './mclustFixture';
import { perturbWithinModel, randomScatter } from './modelParameters';

const ITERATIVE = MODEL_NAMES.filter((m) => COVARIANCE_MODELS[m].iterative);
const cases = mclustFixture().cases.filter((c) => c.d > 1);

function layoutOf(model: ModelName, input: ScatterInput): ScatterInput {
  return COVARIANCE_MODELS[model].layout === 'full' ? input : { ...input, scatter: diagonals(input.scatter, input.K, input.d) };
}

function run(model: ModelName, input: ScatterInput, start?: Float64Array) {
  const sigma = start ? Float64Array.from(start) : new Float64Array(COVARIANCE_MODELS[model].layout === 'full' ? input.K * input.d * input.d : input.K * input.d);
  const outcome = estimateCovariances(model, input, sigma, start !== undefined);
  return { outcome, sigma, objective: covarianceObjective(COVARIANCE_MODELS[model].layout, input, sigma) };
}

describe("iterative models against R mclust's mstep (test/fixtures/mclust)", () => {
  for (const c of cases) {
    for (const model of ITERATIVE) {
      const fit = c.fits.find((f) => f.model === model)!;
      const input = inputFor(c, model);
      const layout = COVARIANCE_MODELS[model].layout;

      it(`${model} on ${c.name}: converges and reaches at least mclust's objective`, () => {
        const { outcome, objective } = run(model, input);
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        for (const sigma of [fit.sigma, fit.sigmaTight!]) {
          const theirs = covarianceObjective(layout, input, sigmaFor(c, model, sigma));
          assert.ok(objective >= theirs - 1e-9 * Math.abs(theirs), `${objective} < mclust ${theirs}`);
        }
      });

      if (model !== 'VVE') {
        it(`${model} on ${c.name}: equals mclust's estimate at inner tolerance 1e-15`, () => {
          const { sigma } = run(model, input);
          const diff = relativeDifference(sigma, sigmaFor(c, model, fit.sigmaTight!));
          assert.ok(diff < 1e-6, `relative difference ${diff}`);
        });
      }
    }
  }

  it("VVE: mclust's estimate is not a maximum (its orientation step leaves out the volumes); ours is higher and a fixed point", () => {
    let improved = 0;
    for (const c of cases) {
      const fit = c.fits.find((f) => f.model === 'VVE')!;
      const input = inputFor(c, 'VVE');
      const theirs = sigmaFor(c, 'VVE', fit.sigmaTight!);
      const cold = run('VVE', input);
      // Warm-started from mclust's estimate (which is a valid VVE), the iteration climbs to the same point.
      const fromMclust = run('VVE', input, theirs);
      assert.ok(relativeDifference(fromMclust.sigma, cold.sigma) < 1e-6, c.name);
      if (cold.objective > covarianceObjective('full', input, theirs) + 0.1) improved++;
    }
    // iris, the d = 3 and the d = 5 sets gain 0.2–0.55 in the objective; faithful only ~1e-5.
    assert.ok(improved >= 3, `${improved}`);
  });
});

describe('the estimate is the maximum within its model', () => {
  for (const model of MODEL_NAMES) {
    it(`${model}: no nearby or distant covariances of the same model score higher`, () => {
      const rng = createRng(MODEL_NAMES.indexOf(model) + 1);
      for (const input of [inputFor(cases[0], model), layoutOf(model, randomScatter(7, 3, 4)), layoutOf(model, randomScatter(8, 4, 3))]) {
        const { outcome, sigma, objective } = run(model, input);
        assert.equal(outcome.ok, true);
        const scale = Math.abs(objective) + input.nk.reduce((s, v) => s + v, 0) * input.d;
        for (const step of [0.3, 1e-2, 1e-4]) {
          for (let rep = 0; rep < 12; rep++) {
            const other = perturbWithinModel(model, sigma, input.K, input.d, rng, step);
            const value = covarianceObjective(COVARIANCE_MODELS[model].layout, input, other);
            assert.ok(value <= objective + 1e-13 * scale, `${model} step ${step}: ${value} > ${objective}`);
          }
        }
      }
    });
  }

  it('the estimates satisfy their constraints (a shared shape, a shared orientation, an equal volume)', () => {
    const input = randomScatter(31, 3, 4);
    const d = 4, K = 3;
    const det = (s: Float64Array, k: number) => {
      // Volumes via the perturbation helper's factorisation would be circular; use a direct 4×4 determinant by elimination.
      const m = Array.from({ length: d }, (_, i) => Array.from(s.subarray(k * 16 + i * 4, k * 16 + i * 4 + 4)));
      let v = 1;
      for (let c = 0; c < d; c++) {
        v *= m[c][c];
        for (let r = c + 1; r < d; r++) { const f = m[r][c] / m[c][c]; for (let j = c; j < d; j++) m[r][j] -= f * m[c][j]; }
      }
      return v;
    };
    const commutes = (s: Float64Array) => {
      for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
        let x = 0, y = 0;
        for (let p = 0; p < d; p++) { x += s[a * 16 + i * 4 + p] * s[b * 16 + p * 4 + j]; y += s[b * 16 + i * 4 + p] * s[a * 16 + p * 4 + j]; }
        if (Math.abs(x - y) > 1e-9 * (Math.abs(x) + 1)) return false;
      }
      return true;
    };
    const eve = run('EVE', input).sigma, vve = run('VVE', input).sigma, vee = run('VEE', input).sigma;
    assert.ok(commutes(eve) && commutes(vve) && commutes(vee), 'common orientation');
    for (let k = 1; k < K; k++) assert.ok(Math.abs(det(eve, k) / det(eve, 0) - 1) < 1e-9, 'EVE equal volume');
    // VEE: Σ_k / |Σ_k|^{1/d} is one matrix.
    for (let k = 1; k < K; k++) {
      const a = Math.pow(det(vee, 0), 1 / d), b = Math.pow(det(vee, k), 1 / d);
      for (let i = 0; i < 16; i++) assert.ok(Math.abs(vee[k * 16 + i] / b - vee[i] / a) < 1e-9);
    }
    assert.ok(!commutes(run('VVV', input).sigma), 'the data do not share an orientation by themselves');
  });
});

describe('warm starts', () => {
  it('never lower the objective from the previous estimate, and reach the cold-start optimum', () => {
    for (const model of ITERATIVE) {
      for (let seed = 0; seed < 6; seed++) {
        const full = randomScatter(100 + seed, 3, 4);
        const previous = run(model, layoutOf(model, full)).sigma;
        // The next EM iteration: responsibilities moved, so N_k and W_k change by a few percent.
        const extra = randomScatter(200 + seed, 3, 4);
        const b = layoutOf(model, {
          ...full,
          nk: Float64Array.from(full.nk, (v, k) => v + 0.05 * extra.nk[k]),
          scatter: Float64Array.from(full.scatter, (v, i) => v + 0.05 * extra.scatter[i]),
        });
        const before = covarianceObjective(COVARIANCE_MODELS[model].layout, b, previous);
        const warm = run(model, b, previous);
        assert.equal(warm.outcome.ok, true, JSON.stringify(warm.outcome));
        assert.ok(warm.objective >= before - 1e-13 * Math.abs(before), `${model} seed ${seed}: ${warm.objective} < ${before}`);
        const cold = run(model, b);
        assert.ok(Math.abs(warm.objective - cold.objective) <= 1e-10 * Math.abs(cold.objective), `${model}: warm ${warm.objective} vs cold ${cold.objective}`);
      }
    }
  });

  it('need few inner iterations when the scatter barely moves', () => {
    const input = inputFor(cases[0], 'EVE');
    const first = run('EVE', input);
    const next = run('EVE', { ...input, scatter: Float64Array.from(input.scatter, (v) => v * (1 + 1e-6)) }, first.sigma);
    assert.equal(next.outcome.ok, true);
    assert.ok(next.outcome.ok && first.outcome.ok && next.outcome.innerIterations < first.outcome.innerIterations, JSON.stringify([first.outcome, next.outcome]));
  });
});

describe('inner iteration counts on iris', () => {
  it('stay small for every iterative model (cold start)', () => {
    const c = cases.find((x) => x.name === 'iris')!;
    const counts: Record<string, number> = {};
    for (const model of ITERATIVE) {
      const { outcome } = run(model, inputFor(c, model));
      assert.equal(outcome.ok, true);
      if (outcome.ok) counts[model] = outcome.innerIterations;
    }
    // Observed: VEI 7, VEE 12, EVE 9, VVE 8, VEV 10.
    for (const [model, n] of Object.entries(counts)) assert.ok(n >= 2 && n <= 40, `${model}: ${n}`);
  });
});
