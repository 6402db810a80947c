import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CholeskyDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { COVARIANCE_MODELS, MODEL_NAMES, type ModelName } from '../../../../../src/core/gaussian/models/catalog';
import { estimateCovariances, type EstimateOutcome, type ScatterInput } from '../../../../../src/core/gaussian/models/estimate';
import { createRng } from '../../../../../src/core/numeric/rng';
import { diagonals } from './mclustFixture';

/** N_k and W_k of explicit points per component (full layout). */
function scatterOf(groups: number[][][]): ScatterInput {
  const K = groups.length, d = groups[0][0].length;
  const nk = new Float64Array(K), scatter = new Float64Array(K * d * d);
  groups.forEach((points, k) => {
    nk[k] = points.length;
    const mean = Array.from({ length: d }, (_, j) => points.reduce((s, p) => s + p[j], 0) / points.length);
    for (const p of points) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) scatter[k * d * d + a * d + b] += (p[a] - mean[a]) * (p[b] - mean[b]);
  });
  return { K, d, nk, scatter, regCovar: 0 };
}

function estimate(model: ModelName, input: ScatterInput): { outcome: EstimateOutcome; sigma: Float64Array } {
  const full = COVARIANCE_MODELS[model].layout === 'full';
  const given = full ? input : { ...input, scatter: diagonals(input.scatter, input.K, input.d) };
  const sigma = new Float64Array(full ? input.K * input.d * input.d : input.K * input.d);
  return { outcome: estimateCovariances(model, given, sigma, false), sigma };
}

/** Every Σ_k finite and positive definite. */
function positiveDefinite(model: ModelName, sigma: Float64Array, K: number, d: number): boolean {
  if (!sigma.every(Number.isFinite)) return false;
  if (COVARIANCE_MODELS[model].layout === 'diag') return sigma.every((v) => v > 0);
  for (let k = 0; k < K; k++) {
    const m = new MlMatrix(Array.from({ length: d }, (_, i) => Array.from(sigma.subarray(k * d * d + i * d, k * d * d + i * d + d))));
    if (!new CholeskyDecomposition(m).isPositiveDefinite()) return false;
  }
  return true;
}

const rng = createRng(42);
const cloud = (n: number, d: number, f: (x: number[]) => number[] = (x) => x) => Array.from({ length: n }, () => f(Array.from({ length: d }, () => rng.normal())));

describe('singular scatter', () => {
  it('reports the component whose scatter VVV would have to invert, and a ridge removes the failure', () => {
    // Component 1 has two points in 3-D: rank 1.
    const input = scatterOf([cloud(20, 3), cloud(2, 3), cloud(15, 3)]);
    assert.deepEqual(estimate('VVV', input).outcome, { ok: false, component: 1, reason: 'singular' });
    const ridged = estimate('VVV', { ...input, regCovar: 1e-6 });
    assert.equal(ridged.outcome.ok, true);
    assert.ok(positiveDefinite('VVV', ridged.sigma, 3, 3));
  });

  it('fails exactly the models whose Σ_k inherit a rank-deficient W_k; pooled and diagonal models still fit', () => {
    // Every component lies in a plane of 3-D space, each in a different one. EEV and VEV pair the eigenvalues of the
    // W_k by rank, so the common shape inherits the zero smallest eigenvalue of every component.
    const input = scatterOf([cloud(12, 3, ([a, b]) => [a, b, 0.5 * a]), cloud(12, 3, ([a, b]) => [a, 0.3 * b, b]), cloud(12, 3, ([a, b]) => [a + b, a, b])]);
    const failing = new Set<ModelName>(['VVV', 'EVV', 'EVE', 'VVE', 'EEV', 'VEV']);
    for (const model of MODEL_NAMES) {
      const { outcome, sigma } = estimate(model, input);
      if (failing.has(model)) assert.deepEqual(outcome, { ok: false, component: 0, reason: 'singular' }, model);
      else {
        assert.equal(outcome.ok, true, `${model}: ${JSON.stringify(outcome)}`);
        assert.ok(positiveDefinite(model, sigma, 3, 3), model);
      }
    }
  });

  it('fits EEV and VEV once one component has full rank, while the per-component models name the first singular one', () => {
    const input = scatterOf([cloud(15, 3), cloud(12, 3, ([a, b]) => [a, 0.3 * b, b]), cloud(12, 3, ([a, b]) => [a + b, a, b])]);
    for (const model of ['EEV', 'VEV', 'EEE', 'VEE'] as const) assert.equal(estimate(model, input).outcome.ok, true, model);
    for (const model of ['VVV', 'EVV', 'EVE', 'VVE'] as const) assert.deepEqual(estimate(model, input).outcome, { ok: false, component: 1, reason: 'singular' }, model);
  });

  it('fails every model but the spherical ones on a constant column', () => {
    const input = scatterOf([cloud(12, 3, ([a, b]) => [a, 2, b]), cloud(9, 3, ([a, b]) => [b, 2, a]), cloud(14, 3, ([a, b, c]) => [a + c, 2, b])]);
    for (const model of MODEL_NAMES) {
      const { outcome, sigma } = estimate(model, input);
      if (COVARIANCE_MODELS[model].shape === 'I') {
        assert.equal(outcome.ok, true, model);
        assert.ok(positiveDefinite(model, sigma, 3, 3));
      } else {
        assert.equal(outcome.ok, false, model);
        assert.ok(!outcome.ok && outcome.reason === 'singular', model);
      }
      const ridged = estimate(model, { ...input, regCovar: 1e-4 });
      assert.equal(ridged.outcome.ok, true, `${model} with a ridge`);
      assert.ok(positiveDefinite(model, ridged.sigma, 3, 3), `${model} with a ridge`);
    }
  });

  it('names the component that collapsed to a point for the variable-volume spherical model', () => {
    const input = scatterOf([cloud(12, 2), [[1, 1], [1, 1], [1, 1]], cloud(10, 2)]);
    assert.deepEqual(estimate('VII', input).outcome, { ok: false, component: 1, reason: 'singular' });
    assert.equal(estimate('EII', input).outcome.ok, true);
  });

  it('reads a diagonal entry rounded below zero as zero, and reports a non-finite scatter as singular', () => {
    const input = scatterOf([cloud(12, 3, ([a, b]) => [a, 2, b]), cloud(9, 3)]);
    input.scatter[4] = -1e-17; // component 0's constant column, accumulated as Σ x² − N μ²
    for (const model of MODEL_NAMES) {
      const { outcome, sigma } = estimate(model, input);
      if (outcome.ok) assert.ok(positiveDefinite(model, sigma, 2, 3), model);
      else assert.deepEqual(outcome, { ok: false, component: 0, reason: 'singular' }, model);
    }
    assert.equal(estimate('EII', input).outcome.ok, true);
    assert.equal(estimate('EEI', input).outcome.ok, true);
    assert.deepEqual(estimate('VVI', input).outcome, { ok: false, component: 0, reason: 'singular' });
    for (const bad of [NaN, Infinity]) {
      const broken = scatterOf([cloud(12, 3), cloud(9, 3)]);
      broken.scatter[9 + 4] = bad;
      for (const model of MODEL_NAMES) {
        const { outcome } = estimate(model, broken);
        assert.equal(outcome.ok, false, `${model} with ${bad}`);
      }
    }
  });

  it('never returns NaN: random degenerate inputs either fit with positive definite Σ_k or fail with a component index', () => {
    const gen = createRng(7);
    for (let trial = 0; trial < 40; trial++) {
      const d = 2 + (trial % 4), K = 1 + (trial % 3);
      const groups = Array.from({ length: K }, () => {
        const n = 1 + Math.floor(gen.next() * (d + 3));
        const rank = Math.floor(gen.next() * (d + 1));
        const constant = gen.next() < 0.3 ? Math.floor(gen.next() * d) : -1;
        const basis = Array.from({ length: rank }, () => Array.from({ length: d }, () => gen.normal()));
        return Array.from({ length: n }, () => {
          const x = new Array(d).fill(0);
          for (const v of basis) { const c = gen.normal(); for (let j = 0; j < d; j++) x[j] += c * v[j]; }
          if (constant >= 0) x[constant] = 3;
          return x;
        });
      });
      const input = scatterOf(groups);
      for (const model of MODEL_NAMES) {
        const { outcome, sigma } = estimate(model, input);
        if (outcome.ok) assert.ok(positiveDefinite(model, sigma, K, d), `${model} trial ${trial}: ${Array.from(sigma)}`);
        else assert.ok(Number.isInteger(outcome.component) && outcome.component >= 0 && outcome.component < K, `${model} trial ${trial}`);
      }
    }
  });
});
