import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { START_METHODS, type IterationReport } from '../../../../src/core/mixture/types';
import { MODEL_ALIASES } from '../../../../src/core/gaussian/models/catalog';
import { FitError } from '../../../../src/core/mixture/errors';
import { gainAhead } from '../../../../src/core/mixture/em';
import { predictResp } from '../../../../src/core/gaussian/predict';
import { assertClose, COVARIANCE_TYPES, plantedMixture, sortByMean } from '../helpers';
import { createSerialExecutor, type PassExecutor } from '../../../../src/core/gaussian/executor';
import { LOG_LIK } from '../../../../src/core/gaussian/pass';

describe('fitGaussianMixture', () => {
  for (const t of COVARIANCE_TYPES) {
    it(`never decreases the log-likelihood when regCovar is 0 ('${t}', several seeds)`, () => {
      for (const seed of [0, 1, 2, 3]) {
        const { x } = plantedMixture(100 + seed, { nSamples: 300, nFeatures: 3, nComponents: 3, covarianceType: t, separation: 2 });
        const fit = fitGaussianMixture(x, { nInit: 1, nComponents: 3, model: MODEL_ALIASES[t], regCovar: 0, tol: 0, maxIter: 60, seed, init: 'random-resp' });
        const run = fit.runs[0];
        assert.equal(run.logLikelihood.length, 60);
        for (let j = 1; j < run.logLikelihood.length; j++) {
          const prev = run.logLikelihood[j - 1], cur = run.logLikelihood[j], slack = 1e-12 * Math.abs(prev);
          assert.ok(cur >= prev - slack, `seed ${seed} iteration ${j + 1}: ${cur} < ${prev}`);
          // The M-step raises the bound from L(q_{t−1}, θ_{t−1}) = log p(X | θ_{t−1}) and the bound stays below log p(X | θ_t).
          assert.ok(run.lowerBoundAfterM[j] >= prev - slack, `bound after M below previous log-likelihood at ${j + 1}`);
          assert.ok(run.lowerBoundAfterM[j] <= cur + slack, `bound after M above log-likelihood at ${j + 1}`);
          assertClose(run.lowerBoundAfterE[j], cur, { rtol: 1e-12 });
        }
      }
    });
  }

  for (const t of COVARIANCE_TYPES) {
    it(`recovers planted parameters ('${t}')`, () => {
      const { x, params: truth } = plantedMixture(7, { nSamples: 4000, nFeatures: 2, nComponents: 3, covarianceType: t, separation: 10 });
      const fit = fitGaussianMixture(x, { nComponents: 3, model: MODEL_ALIASES[t], nInit: 3, seed: 1 });
      const got = sortByMean(fit.params), want = sortByMean(truth);
      got.forEach((k, j) => {
        const w = want[j];
        assertClose(fit.params.weights[k], truth.weights[w], { rtol: 0.1 }, 'weight');
        assertClose(fit.params.means.subarray(k * 2, k * 2 + 2), truth.means.subarray(w * 2, w * 2 + 2), { rtol: 0.05, atol: 0.15 }, 'mean');
      });
      if (t === 'tied') assertClose(fit.params.covariances, truth.covariances, { rtol: 0.1, atol: 0.1 }, 'tied');
      if (t === 'full') got.forEach((k, j) => assertClose(fit.params.covariances.subarray(k * 4, k * 4 + 4), truth.covariances.subarray(want[j] * 4, want[j] * 4 + 4), { rtol: 0.15, atol: 0.1 }, 'full'));
      if (t === 'diag') got.forEach((k, j) => assertClose(fit.params.covariances.subarray(k * 2, k * 2 + 2), truth.covariances.subarray(want[j] * 2, want[j] * 2 + 2), { rtol: 0.15 }, 'diag'));
      if (t === 'spherical') got.forEach((k, j) => assertClose(fit.params.covariances[k * 2], truth.covariances[want[j] * 2], { rtol: 0.15 }, 'spherical'));
    });
  }

  // d = 5 and an odd row count: the full pass's four-rows-at-a-time E-step (d ≥ 4) and its last short group.
  for (const [d, n] of [[3, 500], [5, 503]] as const) it(`returns responsibilities that sum to 1, labels at their argmax, and the E-step of the final parameters (d = ${d})`, () => {
    const { x } = plantedMixture(8, { nSamples: n, nFeatures: d, nComponents: 4, covarianceType: 'full', separation: 3 });
    const fit = fitGaussianMixture(x, { nComponents: 4 });
    const again = predictResp(fit.params, x);
    for (let i = 0; i < x.rows; i++) {
      let s = 0, arg = 0;
      for (let k = 0; k < 4; k++) { s += fit.resp[i * 4 + k]; if (fit.resp[i * 4 + k] > fit.resp[i * 4 + arg]) arg = k; }
      assertClose(s, 1, { rtol: 1e-13 });
      assert.equal(fit.labels[i], arg);
    }
    assertClose(fit.logDensity, again.logDensity, { rtol: 1e-9 }, 'log density');
    assertClose(fit.resp, again.resp, { atol: 1e-9 }, 'resp');
    assertClose(fit.logLikelihood, again.logDensity.reduce((s, v) => s + v, 0), { rtol: 1e-10 });
    assert.equal(fit.rowsUsed.length, n);
    assert.equal(fit.nDropped, 0);
  });

  for (const init of START_METHODS) {
    it(`reproduces bit for bit with the same seed (init '${init}')`, () => {
      const { x } = plantedMixture(9, { nSamples: 400, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 3 });
      const a = fitGaussianMixture(x, { nComponents: 3, seed: 5, nInit: 2, init });
      const b = fitGaussianMixture(x, { nComponents: 3, seed: 5, nInit: 2, init });
      assert.deepEqual(a.params, b.params);
      assert.deepEqual(a.resp, b.resp);
      assert.deepEqual(a.runs, b.runs);
      // Another seed starts elsewhere (k-means variants may still land on the same partition, so only random starts).
      if (init === 'random-resp') assert.notDeepEqual(a.runs, fitGaussianMixture(x, { nComponents: 3, seed: 6, nInit: 2, init }).runs);
    });
  }

  it('never ends below nInit = 1 with nInit = 5 and the same seed', () => {
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const { x } = plantedMixture(10 + seed, { nSamples: 300, nFeatures: 2, nComponents: 5, covarianceType: 'full', separation: 2.5 });
      const one = fitGaussianMixture(x, { nComponents: 5, seed, nInit: 1, init: 'random-points' });
      const five = fitGaussianMixture(x, { nComponents: 5, seed, nInit: 5, init: 'random-points' });
      assert.ok(five.logLikelihood >= one.logLikelihood, `seed ${seed}`);
      // Start 0 runs to convergence either way (it is never screened); only the kept run is refined.
      const atTol = one.runs[0].refinedFrom ?? one.runs[0].iterations;
      assert.deepEqual(five.runs[0].logLikelihood.slice(0, atTol), one.runs[0].logLikelihood.slice(0, atTol));
      assert.equal(five.runs.length, 5);
    }
  });

  it('reports every iteration, keeps the best run history, and ends with FitError cancelled when asked', () => {
    const { x } = plantedMixture(11, { nSamples: 300, nFeatures: 2, nComponents: 2, covarianceType: 'full' });
    const reports: IterationReport[] = [];
    const fit = fitGaussianMixture(x, { nComponents: 2, nInit: 2 }, { onIteration: (r) => reports.push(r) });
    assert.equal(reports.length, fit.runs[0].iterations + fit.runs[1].iterations);
    assert.equal(fit.history.length, fit.iterations);
    assert.deepEqual(fit.history[fit.history.length - 1], fit.params);
    let polls = 0;
    assert.throws(() => fitGaussianMixture(x, { nComponents: 2, tol: 0, maxIter: 100 }, { isCancelled: () => ++polls > 5 }),
      (e: unknown) => e instanceof FitError && e.code === 'cancelled' && e.message === 'The fit was cancelled.');
    assert.ok(polls < 20);
    const noHistory = fitGaussianMixture(x, { nComponents: 2, recordHistory: false });
    assert.equal(noHistory.history.length, 0);
  });

  it('stops after one more iteration once the per-sample gain is below tol, and runs maxIter with tol 0', () => {
    const { x } = plantedMixture(12, { nSamples: 300, nFeatures: 2, nComponents: 2, covarianceType: 'full', separation: 3 });
    const fit = fitGaussianMixture(x, { nInit: 1, nComponents: 2, tol: 1e-3, refineTol: 1e-3 });
    const ll = fit.runs[0].logLikelihood, n = ll.length;
    assert.equal(fit.converged, true);
    assert.equal(fit.runs[0].refinedFrom, undefined);
    assert.ok(Math.abs(ll[n - 2] - ll[n - 3]) / 300 < 1e-3);
    for (let j = 1; j < n - 2; j++) assert.ok(Math.abs(ll[j] - ll[j - 1]) / 300 >= 1e-3);
    const all = fitGaussianMixture(x, { nInit: 1, nComponents: 2, tol: 0, maxIter: 17 });
    assert.equal(all.iterations, 17);
    assert.equal(all.converged, false);
    assert.equal(all.runs[0].refinedFrom, undefined);
  });

  it('refines the converged run to refineTol (default tol·1e-3) with the same loop, in its curve, history and reports', () => {
    const { x } = plantedMixture(15, { nSamples: 400, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 2 });
    const reports: IterationReport[] = [];
    const fit = fitGaussianMixture(x, { nInit: 1, nComponents: 3, tol: 1e-3, seed: 1, maxIter: 1000 }, { onIteration: (r) => reports.push(r) });
    const plain = fitGaussianMixture(x, { nInit: 1, nComponents: 3, tol: 1e-3, refineTol: 1e-3, seed: 1, maxIter: 1000 });
    const run = fit.runs[0], from = run.refinedFrom ?? NaN, ll = run.logLikelihood, n = ll.length;
    // The restart phase is the unrefined fit, bit for bit; the refinement continues its curve.
    assert.equal(from, plain.iterations);
    assert.deepEqual(ll.slice(0, from), plain.runs[0].logLikelihood);
    assert.ok(n > from + 1, `refined ${n - from} iterations`);
    assert.equal(run.iterations, n);
    assert.equal(fit.iterations, n);
    assert.equal(run.refineConverged, true);
    assert.equal(fit.converged, true);
    assert.ok(fit.logLikelihood > plain.logLikelihood);
    assert.equal(fit.logLikelihood, ll[n - 1]);
    // The refinement stops (after sklearn's extra step) once the gain per sample, and the gains still to come by
    // Aitken's rate, are below 1e-6; not before, even where a single gain already was.
    const gain = (j: number) => (ll[j] - ll[j - 1]) / 400;
    const met = (j: number) => Math.abs(gain(j)) < 1e-6 && gainAhead(gain(j), gain(j - 1), ll[j] / 400) < 1e-6;
    assert.ok(met(n - 2));
    for (let j = from; j < n - 2; j++) assert.ok(!met(j), `converged at ${j + 1}`);
    for (let j = 1; j < n; j++) assert.ok(ll[j] >= ll[j - 1] - 1e-9 * Math.abs(ll[j]), `decrease at ${j + 1}`);
    assert.deepEqual(reports.map((r) => r.phase), ll.map((_, j) => (j < from ? 'restart' : 'refine')));
    assert.deepEqual(reports.map((r) => r.iteration), ll.map((_, j) => j + 1));
    assert.equal(fit.history.length, n);
    assert.deepEqual(fit.history[n - 1], fit.params);
  });

  it('refines within maxIter in total, not with tol 0, not when refineTol ≥ tol, and rejects a bad refineTol', () => {
    const { x } = plantedMixture(15, { nSamples: 400, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 2 });
    const free = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1 });
    const from = free.runs[0].refinedFrom ?? NaN;
    const capped = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1, maxIter: from + 2 });
    assert.equal(capped.iterations, from + 2);
    assert.equal(capped.runs[0].refinedFrom, from);
    assert.equal(capped.runs[0].refineConverged, false);
    assert.equal(capped.converged, true); // converged at tol; the refinement only stopped early
    assert.deepEqual(capped.runs[0].logLikelihood, free.runs[0].logLikelihood.slice(0, from + 2));
    assert.ok(!capped.notices.some((n) => n.code === 'not-converged'));
    const atMax = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1, maxIter: from });
    assert.equal(atMax.iterations, from);
    assert.equal(atMax.runs[0].refinedFrom, undefined);
    const zero = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1, tol: 0, maxIter: from + 5, refineTol: 1e-9 });
    assert.equal(zero.iterations, from + 5);
    assert.equal(zero.runs[0].refinedFrom, undefined);
    assert.equal(fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1, refineTol: 2e-3 }).iterations, from);
    // refineTol 0: on to maxIter.
    const toMax = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1, refineTol: 0, maxIter: 150 });
    assert.equal(toMax.iterations, 150);
    assert.equal(toMax.runs[0].refineConverged, false);
    for (const bad of [-1, NaN, Infinity]) {
      assert.throws(() => fitGaussianMixture(x, { nComponents: 3, refineTol: bad }), (e: unknown) => e instanceof FitError && e.code === 'bad-option' && e.message === `Option refineTol = ${bad} is not valid: it must be a number ≥ 0.`);
    }
  });

  it('rolls a failed refinement back to the converged restart, with a notice', () => {
    const { x } = plantedMixture(15, { nSamples: 400, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 2 });
    const plain = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1, refineTol: 1e-3 });
    const from = plain.iterations;
    // A pass executor whose pass turns non-finite at the second refined iteration (pass 1 is the initial statistics).
    const inner = createSerialExecutor();
    // Passes: the start's statistics, one per iteration to convergence, the E-step at the kept θ, then the refinement.
    const failAt = 1 + from + 1 + 2;
    let calls = 0;
    const executor: PassExecutor = {
      nShards: 1, allocate: (n) => inner.allocate(n), begin: (l, b) => inner.begin(l, b), end: () => inner.end(), flush: () => inner.flush(),
      run(params, sums) {
        inner.run(params, sums);
        if (++calls === failAt) sums[sums.length - 4 + LOG_LIK] = NaN;
      },
    };
    const reports: IterationReport[] = [];
    const fit = fitGaussianMixture(x, { nInit: 1, nComponents: 3, seed: 1 }, { executor, onIteration: (r) => reports.push(r) });
    assert.equal(reports.filter((r) => r.phase === 'refine').length, 1); // the one before the failure was reported
    assert.ok(fit.notices.some((n) => n.code === 'refine-failed' && n.message.startsWith(`Start 1 converged, but carrying it on to a tighter tolerance failed at iteration ${from + 2} `)));
    assert.equal(fit.runs[0].refinedFrom, undefined);
    assert.equal(fit.runs[0].failure, undefined);
    assert.deepEqual(fit.runs[0].logLikelihood, plain.runs[0].logLikelihood);
    assert.equal(fit.iterations, from);
    assert.equal(fit.logLikelihood, plain.logLikelihood);
    assert.deepEqual(fit.params, plain.params);
    assert.deepEqual(fit.resp, plain.resp);
    assert.equal(fit.history.length, from);
  });

  it('refines the contenders only, keeps the highest, and never ends below the first start with more starts', () => {
    for (const seed of [0, 1, 2]) {
      const { x } = plantedMixture(20 + seed, { nSamples: 300, nFeatures: 2, nComponents: 4, covarianceType: 'diag', separation: 2 });
      const fits = [1, 2, 4, 8].map((nInit) => fitGaussianMixture(x, { nComponents: 4, model: 'VVI', seed, nInit, init: 'random-points' }));
      for (let j = 1; j < fits.length; j++) {
        assert.ok(fits[j].logLikelihood >= fits[0].logLikelihood, `seed ${seed}, ${j}`);
        // Start 0 is never screened: it is the same run whatever nInit is (until its refinement).
        assert.deepEqual(fits[j].runs[0].logLikelihood.slice(0, fits[0].runs[0].refinedFrom), fits[0].runs[0].logLikelihood.slice(0, fits[0].runs[0].refinedFrom));
      }
      const eight = fits[3];
      const kept = eight.runs.find((r) => r.run === eight.bestRun);
      assert.ok(kept);
      for (const run of eight.runs) if (run.outcome === 'converged' || run.outcome === 'max-iter') assert.ok(run.finalLogLikelihood <= kept.finalLogLikelihood, `run ${run.run}`);
      // Screened-out runs never reach refinement.
      for (const run of eight.runs) if (run.outcome === 'screened-out') assert.equal(run.refinedFrom, undefined);
      assert.equal(eight.logLikelihood, kept.finalLogLikelihood);
    }
  });

  it('standardises internally and reports parameters and log-likelihood in the original units', () => {
    const { x } = plantedMixture(13, { nSamples: 600, nFeatures: 3, nComponents: 2, covarianceType: 'full', separation: 6 });
    const scaled = { ...x, data: x.data.map((v, j) => (j % 3 === 1 ? v * 1000 : v)) };
    for (const t of ['full', 'diag', 'tied'] as const) {
      const plain = fitGaussianMixture(scaled, { nComponents: 2, model: MODEL_ALIASES[t], tol: 1e-10, regCovar: 0 });
      const std = fitGaussianMixture(scaled, { nComponents: 2, model: MODEL_ALIASES[t], tol: 1e-10, regCovar: 0, standardize: true });
      assertClose(std.logLikelihood, plain.logLikelihood, { rtol: 1e-8 }, t);
      assertClose(std.bic, plain.bic, { rtol: 1e-8 });
      const order = (p: typeof plain) => sortByMean(p.params).flatMap((k) => Array.from(p.params.means.subarray(k * 3, k * 3 + 3)));
      assertClose(order(std), order(plain), { rtol: 1e-6, atol: 1e-6 });
      assertClose(std.logLikelihood, predictResp(std.params, scaled).logDensity.reduce((s, v) => s + v, 0), { rtol: 1e-9 });
    }
  });

  it('gives the exact mean, covariance and log-likelihood on four hand-checkable points', () => {
    const x = { data: Float64Array.from([0, 0, 2, 0, 0, 2, 2, 2]), rows: 4, cols: 2 };
    const fit = fitGaussianMixture(x, { nInit: 1, nComponents: 1, regCovar: 0 });
    assertClose(fit.params.means, [1, 1], { atol: 1e-15 });
    assertClose(fit.params.covariances, [1, 0, 0, 1], { atol: 1e-15 });
    assertClose(fit.params.weights, [1], { rtol: 1e-14 });
    // Each point is at Mahalanobis distance² 2 from the mean of a unit covariance: log N = −log 2π − 1.
    assertClose(fit.logLikelihood, -4 * Math.log(2 * Math.PI) - 4, { rtol: 1e-14 });
    assert.equal(fit.nParameters, 5);
    assert.equal(fit.converged, true);
    // Iteration 1 is the M-step from the initial responsibilities (inside sklearn's initialisation), iteration 2
    // gains 0, iteration 3 is sklearn's extra M-step: sklearn reports n_iter_ = 2 for the same fit.
    assert.equal(fit.iterations, 3);
  });

  it('fits a single row with a diagonal covariance and says every column is constant', () => {
    const fit = fitGaussianMixture({ data: Float64Array.from([3, 4]), rows: 1, cols: 2 }, { nInit: 1, nComponents: 1, model: 'VVI' });
    assertClose(fit.params.means, [3, 4], { rtol: 1e-15 });
    assertClose(fit.params.covariances, [1e-6, 1e-6], { rtol: 1e-9 });
    assert.deepEqual(fit.notices.filter((n) => n.code === 'constant-column').map((n) => n.message), [
      'Column "column 1" is constant: its variance comes only from the regularisation. Consider leaving it out.',
      'Column "column 2" is constant: its variance comes only from the regularisation. Consider leaving it out.',
    ]);
    // A column constant over all rows is the data's matter, not a component's: no component is flagged for it.
    assert.equal(fit.issues.length, 0);
  });

  it('gives the same density for full, diag and spherical when the data are isotropic', () => {
    const { x } = plantedMixture(14, { nSamples: 2000, nFeatures: 2, nComponents: 1, covarianceType: 'spherical' });
    const fits = (['full', 'diag', 'spherical'] as const).map((t) => fitGaussianMixture(x, { nComponents: 1, model: MODEL_ALIASES[t] }));
    // Not identical (full and diag also fit the small sample correlation and unequal variances), but close.
    for (const f of fits) assertClose(f.logLikelihood / 2000, fits[2].logLikelihood / 2000, { atol: 5e-3 });
  });
});

