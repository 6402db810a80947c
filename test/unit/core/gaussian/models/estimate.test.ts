import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COVARIANCE_MODELS, MODEL_NAMES, type ModelName } from '../../../../../src/core/gaussian/models/catalog';
import { createModelWorkspace, effectiveModel, estimateCovariances, type ScatterInput } from '../../../../../src/core/gaussian/models/estimate';
import { createRng } from '../../../../../src/core/numeric/rng';
import { assertClose } from '../../helpers';
import { diagonals, inputFor, mclustFixture, relativeDifference, sigmaFor } from './mclustFixture';
import { randomScatter } from './modelParameters';

function estimate(model: ModelName, input: ScatterInput, warm = false, out?: Float64Array) {
  const size = COVARIANCE_MODELS[model].layout === 'full' ? input.K * input.d * input.d : input.K * input.d;
  const sigma = out ?? new Float64Array(size);
  const outcome = estimateCovariances(model, input, sigma, warm);
  return { outcome, sigma };
}

const closedForm = MODEL_NAMES.filter((m) => !COVARIANCE_MODELS[m].iterative);

describe("closed-form models against R mclust's mstep (test/fixtures/mclust)", () => {
  for (const c of mclustFixture().cases.filter((c) => c.d > 1)) {
    for (const model of closedForm) {
      it(`gives mclust's sigma for ${model} on ${c.name} (d=${c.d}, G=${c.G})`, () => {
        const fit = c.fits.find((f) => f.model === model)!;
        const { outcome, sigma } = estimate(model, inputFor(c, model));
        assert.deepEqual(outcome, { ok: true, innerIterations: 0 });
        const expected = sigmaFor(c, model, fit.sigma);
        assert.ok(relativeDifference(sigma, expected) < 1e-10, `${relativeDifference(sigma, expected)}`);
        assertClose(sigma, expected, { rtol: 1e-10, atol: 1e-13 });
      });
    }
  }
});

describe("scikit-learn's four models, with reg_covar", () => {
  const input = randomScatter(21, 3, 4);
  const reg = 1e-3;
  const { K, d, nk, scatter } = input;
  const withReg = { ...input, regCovar: reg };
  const diagInput = { ...withReg, scatter: diagonals(scatter, K, d) };
  const n = nk.reduce((s, v) => s + v, 0);

  it("full = VVV: Σ_k = W_k / N_k + reg·I", () => {
    const { sigma } = estimate('VVV', withReg);
    const expected = Array.from(scatter, (w, i) => {
      const k = Math.floor(i / (d * d)), r = Math.floor((i % (d * d)) / d), col = i % d;
      return w / nk[k] + (r === col ? reg : 0);
    });
    assertClose(sigma, expected, { rtol: 1e-14 });
  });

  it('tied = EEE: Σ = Σ_k W_k / N + reg·I for every component', () => {
    const { sigma } = estimate('EEE', withReg);
    for (let k = 0; k < K; k++) for (let r = 0; r < d; r++) for (let col = 0; col < d; col++) {
      let w = 0;
      for (let l = 0; l < K; l++) w += scatter[l * d * d + r * d + col];
      assertClose(sigma[k * d * d + r * d + col], w / n + (r === col ? reg : 0), { rtol: 1e-14 });
    }
  });

  it('diag = VVI: σ²_kj = W_kjj / N_k + reg', () => {
    const { sigma } = estimate('VVI', diagInput);
    for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) assertClose(sigma[k * d + j], scatter[k * d * d + j * d + j] / nk[k] + reg, { rtol: 1e-14 });
  });

  it('spherical = VII: σ²_k = tr(W_k) / (d·N_k) + reg', () => {
    const { sigma } = estimate('VII', diagInput);
    for (let k = 0; k < K; k++) {
      let tr = 0;
      for (let j = 0; j < d; j++) tr += scatter[k * d * d + j * d + j];
      for (let j = 0; j < d; j++) assertClose(sigma[k * d + j], tr / (d * nk[k]) + reg, { rtol: 1e-14 });
    }
  });

  it('the full-layout models agree with the diagonal ones when every W_k is diagonal', () => {
    const diagonalInput = { ...withReg, scatter: Float64Array.from(scatter, (v, i) => (Math.floor((i % (d * d)) / d) === i % d ? v : 0)) };
    const pairs: [ModelName, ModelName][] = [['EEE', 'EEI'], ['VVV', 'VVI'], ['EVV', 'EVI'], ['VEE', 'VEI'], ['EVE', 'EVI'], ['VVE', 'VVI']];
    for (const [full, diag] of pairs) {
      const a = estimate(full, diagonalInput).sigma, b = estimate(diag, diagInput).sigma;
      assertClose(diagonals(a, K, d), b, { rtol: 1e-9 }, `${full} vs ${diag}`);
    }
  });
});

describe('the univariate and one-component cases', () => {
  const c = mclustFixture().cases.find((x) => x.d === 1)!;
  for (const model of MODEL_NAMES) {
    const volume = COVARIANCE_MODELS[model].volume;
    it(`${model} in one dimension is mclust's univariate '${volume}'`, () => {
      const expected = c.fits.find((f) => f.model === volume)!.sigma;
      const input: ScatterInput = { K: c.G, d: 1, nk: Float64Array.from(c.nk), scatter: Float64Array.from(c.scatter), regCovar: 0 };
      const { outcome, sigma } = estimate(model, input);
      assert.equal(outcome.ok, true);
      assertClose(sigma, expected, { rtol: 1e-12 });
    });
  }

  it('with one component every full model is W/N, every diagonal model diag(W)/N, the spherical ones tr(W)/(dN)', () => {
    const input = randomScatter(5, 1, 3);
    const n = input.nk[0];
    for (const model of MODEL_NAMES) {
      const layout = COVARIANCE_MODELS[model].layout;
      const given = layout === 'full' ? input : { ...input, scatter: diagonals(input.scatter, 1, 3) };
      const { outcome, sigma } = estimate(model, given);
      assert.equal(outcome.ok, true, model);
      const tr = (input.scatter[0] + input.scatter[4] + input.scatter[8]) / (3 * n);
      const expected = COVARIANCE_MODELS[model].shape === 'I' ? [tr, tr, tr] : Array.from(given.scatter, (v) => v / n);
      assertClose(sigma, expected, { rtol: 1e-12 }, model);
    }
    assert.equal(effectiveModel('VEV', 1, 3), 'VVV');
    assert.equal(effectiveModel('EVI', 1, 3), 'VVI');
    assert.equal(effectiveModel('EVE', 4, 1), 'EII');
    assert.equal(effectiveModel('VEE', 4, 1), 'VII');
    assert.equal(effectiveModel('EVE', 4, 3), 'EVE');
  });
});

describe('workspace', () => {
  it('gives the same estimates with a reused workspace as with a fresh one, for every model and size', () => {
    const rng = createRng(3);
    const ws = createModelWorkspace(3, 4);
    for (const model of MODEL_NAMES) {
      for (let rep = 0; rep < 2; rep++) {
        const input = randomScatter(Math.floor(rng.next() * 1000), 3, 4);
        const given = COVARIANCE_MODELS[model].layout === 'full' ? input : { ...input, scatter: diagonals(input.scatter, 3, 4) };
        const a = estimate(model, given).sigma;
        const b = new Float64Array(a.length);
        assert.equal(estimateCovariances(model, given, b, false, ws).ok, true);
        assert.deepEqual(b, a, model);
      }
    }
    // A workspace of another size is not used (and does not break the estimate).
    const other = randomScatter(9, 2, 5);
    const expected = estimate('VEV', other).sigma;
    const got = new Float64Array(2 * 25);
    estimateCovariances('VEV', other, got, false, ws);
    assert.deepEqual(got, expected);
  });
});
