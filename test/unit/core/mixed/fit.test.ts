import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitMixedMixture, selectMixedModel } from '../../../../src/core/mixed/fit';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { mixedParameterCount } from '../../../../src/core/mixed/family';
import { prepareMixed } from '../../../../src/core/mixed/prepare';
import { logFactorial } from '../../../../src/core/mixed/blocks';
import { predictMixed } from '../../../../src/core/mixed/predict';
import type { MixedInput } from '../../../../src/core/mixed/types';
import { DEFAULT_EM_OPTIONS } from '../../../../src/core/mixture/types';
import { FitError } from '../../../../src/core/mixture/errors';
import { createRng } from '../../../../src/core/numeric/rng';
import { applyMove, countMoves, proposeMoves } from '../../../../src/core/mixture/moves';
import { assertClose, plantedMixture } from '../helpers';

/** Two numeric columns, a 3-level and a 2-level categorical column and a count column, three components. */
function planted(seed: number, n: number, missing: number): { input: MixedInput; truth: { means: number[][]; theta0: number[][]; rates: number[]; labels: Int32Array } } {
  const rng = createRng(seed, 17);
  const means = [[0, 0], [6, 1], [2, 7]];
  const theta0 = [[0.8, 0.15, 0.05], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]];
  const theta1 = [[0.9, 0.1], [0.3, 0.7], [0.5, 0.5]];
  const rates = [1, 6, 15];
  const num = new Float64Array(n * 2), codes = new Int32Array(n * 2), counts = new Float64Array(n), labels = new Int32Array(n);
  const draw = (p: number[]): number => { let u = rng.next(), l = 0; while (l < p.length - 1 && u >= p[l]) { u -= p[l]; l++; } return l; };
  const poisson = (lambda: number): number => { let k = 0, p = Math.exp(-lambda), s = p; const u = rng.next(); while (u > s) { k++; p *= lambda / k; s += p; } return k; };
  for (let i = 0; i < n; i++) {
    const k = draw([0.5, 0.3, 0.2]);
    labels[i] = k;
    num[i * 2] = means[k][0] + rng.normal();
    num[i * 2 + 1] = means[k][1] + rng.normal();
    codes[i * 2] = draw(theta0[k]);
    codes[i * 2 + 1] = draw(theta1[k]);
    counts[i] = poisson(rates[k]);
    // Missing cells at random, leaving at least one cell observed.
    if (rng.next() < missing) num[i * 2] = NaN;
    if (rng.next() < missing) num[i * 2 + 1] = NaN;
    if (rng.next() < missing) codes[i * 2] = -1;
    if (rng.next() < missing) codes[i * 2 + 1] = -1;
    if (rng.next() < missing && !Number.isNaN(num[i * 2])) counts[i] = NaN;
  }
  return {
    input: {
      rows: n, numeric: { data: num, rows: n, cols: 2 }, numericNames: ['x', 'y'],
      categorical: { names: ['a', 'b'], levels: [['p', 'q', 'r'], ['s', 't']], codes },
      counts: { names: ['c'], values: counts },
    },
    truth: { means, theta0, rates, labels },
  };
}

describe('mixed-data mixtures', () => {
  it('recover planted numeric, categorical and count parameters with a fifth of the cells missing', () => {
    const { input, truth } = planted(1, 3000, 0.2);
    const fit = fitMixedMixture(input, { nComponents: 3, model: 'VVV', seed: 0 });
    const g = fit.params.gaussian;
    assert.ok(g);
    // Match components to the truth by their means.
    for (let t = 0; t < 3; t++) {
      let k = 0, best = Infinity;
      for (let j = 0; j < 3; j++) { const dist = (g.means[j * 2] - truth.means[t][0]) ** 2 + (g.means[j * 2 + 1] - truth.means[t][1]) ** 2; if (dist < best) { best = dist; k = j; } }
      assertClose(g.means.subarray(k * 2, k * 2 + 2), truth.means[t], { atol: 0.15 }, `means ${t}`);
      assertClose(fit.params.categorical.probabilities[0].subarray(k * 3, k * 3 + 3), truth.theta0[t], { atol: 0.05 }, `θ ${t}`);
      assertClose(fit.params.counts.rates[k], truth.rates[t], { rtol: 0.06 }, `rate ${t}`);
    }
    assert.equal(fit.nSamples, 3000);
    assert.ok(fit.nImputedRows > 1000);
    // A missing category is imputed with a level; an observed one is kept.
    const codes = fit.imputedCodes as Int32Array;
    for (let i = 0; i < 3000; i++) {
      for (let j = 0; j < 2; j++) {
        if (input.categorical.codes[i * 2 + j] >= 0) assert.equal(codes[i * 2 + j], input.categorical.codes[i * 2 + j]);
        else assert.ok(codes[i * 2 + j] >= 0 && codes[i * 2 + j] < input.categorical.levels[j].length);
      }
    }
  });

  it('never decreases the log-likelihood, with every kind of column and missing cells, for several models', () => {
    const { input } = planted(2, 400, 0.3);
    for (const model of ['VVV', 'VVI', 'EEE', 'VEV'] as const) {
      const fit = fitMixedMixture(input, { nComponents: 3, model, nInit: 1, tol: 0, maxIter: 60, regCovar: 0, init: 'random-resp', seed: 3 });
      const ll = fit.runs[0].logLikelihood;
      assert.equal(ll.length, 60);
      for (let j = 1; j < ll.length; j++) assert.ok(ll[j] >= ll[j - 1] - 1e-10 * Math.abs(ll[j]), `${model} iteration ${j + 1}: ${ll[j]} < ${ll[j - 1]}`);
      const run = fit.runs[0];
      for (let j = 1; j < ll.length; j++) {
        assert.ok(run.lowerBoundAfterM[j] <= ll[j] + 1e-9 * Math.abs(ll[j]));
        assertClose(run.lowerBoundAfterE[j], ll[j], { rtol: 1e-11 });
      }
    }
  });

  it('screens a larger pool of starts on a small table (successive halving), carries nInit on, and keeps nInit at K = 1', () => {
    const { input } = planted(4, 300, 0.1);
    const opts = { nComponents: 5, model: 'VVI' as const, nInit: 10, seed: 0, tol: 1e-10, maxIter: 3000 };
    const fit = fitMixedMixture(input, opts);
    // ⌊8000 / 300⌋ = 26 starts per restart asked for (under the cap of 60).
    assert.equal(fit.starts.nStarts, 260);
    const starts = fit.runs.filter((r) => r.init !== 'split-merge');
    assert.equal(starts.length, 260);
    const outcomes = starts.map((r) => r.outcome);
    assert.ok(outcomes.filter((o) => o === 'screened-out').length >= 100, `most of the pool stops after screening: ${JSON.stringify(outcomes.reduce((m: Record<string, number>, o) => ({ ...m, [o]: (m[o] ?? 0) + 1 }), {}))}`);
    assert.ok(fit.starts.nCompleted >= 10 && fit.starts.nCompleted < 260);
    // The kept run is the best completed one (K = 5 on three planted components climbs slowly: most runs are
    // stopped by the screening), and no worse than ten starts of the same methods without the pool.
    // (Degenerate runs, set aside, may end higher.)
    const completed = fit.runs.filter((r) => r.outcome !== 'screened-out' && r.outcome !== 'failed' && !r.degenerate);
    assert.ok(completed.every((r) => r.finalLogLikelihood <= fit.logLikelihood + 1e-6 * Math.abs(fit.logLikelihood)));
    const few = fitMixedMixture(input, { ...opts, init: 'random-resp' });
    assert.equal(few.starts.nStarts, 10);
    assert.ok(fit.logLikelihood >= few.logLikelihood - 1e-6 * Math.abs(few.logLikelihood));
    assert.equal(fitMixedMixture(input, { ...opts, nComponents: 1 }).starts.nStarts, 10);
    // After the pool, split-and-merge moves from the best maxima: runs of their own, none above the kept one.
    const moves = fit.runs.filter((r) => r.init === 'split-merge');
    assert.ok(fit.starts.search && fit.starts.search.nMoves === moves.length && moves.length > 0, JSON.stringify(fit.starts.search));
    assert.ok(moves.every((r) => r.outcome === 'screened-out' || r.outcome === 'failed' || r.degenerate || r.finalLogLikelihood <= fit.logLikelihood + 1e-6 * Math.abs(fit.logLikelihood)));
    assert.equal(few.starts.search, undefined, 'no search without the pool');
    // A move stopped by the screening stopped after its first stage (25 iterations) or its second (50).
    const stopped = moves.filter((r) => r.outcome === 'screened-out');
    assert.ok(stopped.length > 0 && stopped.every((r) => r.iterations === 25 || r.iterations === 50), JSON.stringify(stopped.map((r) => r.iterations)));
    assert.ok(stopped.some((r) => r.iterations === 25) && stopped.some((r) => r.iterations === 50));
  });

  it('spends at most 500,000 / rows moves of the search on a larger table', () => {
    const { input } = planted(6, 3000, 0.1);
    const fit = fitMixedMixture(input, { nComponents: 4, model: 'VVI', nInit: 10, seed: 0, tol: 1e-4, maxIter: 3000 });
    const moves = fit.runs.filter((r) => r.init === 'split-merge');
    // ⌊8000 / 3000⌋ = 2 starts per restart asked for; the search's budget ⌊500,000 / 3,000⌋ = 166 moves (six origins
    // of 30 moves each would be 180).
    assert.equal(fit.starts.nStarts, 20);
    assert.equal(fit.starts.search?.nMoves, moves.length);
    assert.ok(moves.length > 30 && moves.length <= 166, `${moves.length} moves`);
  });

  it('splits and merges: a move frees one component into its closest partner and spends it, rows still sum to one', () => {
    const n = 400, K = 3, d = 2;
    const rng = createRng(5, 0);
    const x = new Float64Array(n * d), resp = new Float64Array(n * K), logDensity = new Float64Array(n);
    // Two components share one blob (rows 0–199); the third holds two blobs far apart (rows 200–399).
    for (let i = 0; i < n; i++) {
      const blob = i < 200 ? 0 : i < 300 ? 1 : 2;
      x[i * d] = [0, 10, -10][blob] + rng.normal();
      x[i * d + 1] = [0, 10, 10][blob] + rng.normal();
      if (i < 200) { resp[i * K] = 0.5; resp[i * K + 1] = 0.5; } else resp[i * K + 2] = 1;
      logDensity[i] = i < 200 ? -3 : -8;
    }
    const input = { resp, logDensity, nSamples: n, nComponents: K, x, nFeatures: d };
    const moves = proposeMoves(input, 100);
    assert.equal(moves.length, countMoves(K, 100));
    // The first merge pairs the two components that overlap, and a 2-means split of the third divides its blobs.
    const move = moves.find((m) => m.kind === 'split' && !m.soft && m.split === 2 && ((m.freed === 0 && m.into === 1) || (m.freed === 1 && m.into === 0)));
    assert.ok(move, JSON.stringify(moves.slice(0, 12)));
    const out = new Float64Array(n * K);
    applyMove(move, input, out, createRng(6, 0));
    for (let i = 0; i < n; i++) assertClose(out[i * K] + out[i * K + 1] + out[i * K + 2], 1, { atol: 1e-12 }, `row ${i}`);
    const side = (i: number): number => (out[i * K + move.freed] > 0.5 ? 1 : 0);
    for (let i = 201; i < 300; i++) assert.equal(side(i), side(200), 'one far blob stays together');
    for (let i = 300; i < 400; i++) assert.notEqual(side(i), side(200), 'the other far blob goes to the freed component');
    for (let i = 0; i < 200; i++) assert.equal(out[i * K + move.into], 1, 'the merged pair is one component');
  });

  it('counts K − 1 weights, the numeric block, K(L − 1) per categorical and K per count column', () => {
    const { input } = planted(3, 50, 0);
    const data = prepareMixed(input, { missing: 'em', standardize: false });
    // VVV, d = 2: 2·(2 + 3) = 10; categorical 2·(2 + 1) = 6; counts 2; weights 1.
    assert.equal(mixedParameterCount(data, 'VVV', 2), 1 + 10 + 6 + 2);
    assert.equal(mixedParameterCount(data, 'VVI', 3), 2 + 3 * 4 + 3 * 3 + 3);
    // mtcars-like: 6 numeric diag, levels 3, 2, 2, 3, K = 2: the reference's 37.
    const mt: MixedInput = {
      rows: 3, numeric: { data: new Float64Array(18).map((_, j) => j % 7), rows: 3, cols: 6 },
      categorical: { names: ['cyl', 'vs', 'am', 'gear'], levels: [['4', '6', '8'], ['0', '1'], ['0', '1'], ['3', '4', '5']], codes: new Int32Array(12) },
      counts: { names: [], values: new Float64Array(0) },
    };
    assert.equal(mixedParameterCount(prepareMixed(mt, { missing: 'em', standardize: false }), 'VVI', 2), 37);
  });

  it('gives a numeric-only table the Gaussian fit\'s log-likelihood', () => {
    const { x } = plantedMixture(4, { nSamples: 500, nFeatures: 3, nComponents: 2, covarianceType: 'full', separation: 4 });
    const input: MixedInput = { rows: 500, numeric: x, categorical: { names: [], levels: [], codes: new Int32Array(0) }, counts: { names: [], values: new Float64Array(0) } };
    const mixed = fitMixedMixture(input, { nComponents: 2, model: 'VVV', regCovar: 0, nInit: 1, init: 'kmeans++' });
    const gauss = fitGaussianMixture(x, { nComponents: 2, model: 'VVV', regCovar: 0, nInit: 1, init: 'kmeans++' }, { hierarchical: false });
    assertClose(mixed.logLikelihood, gauss.logLikelihood, { rtol: 1e-9 });
    assert.equal(mixed.nParameters, gauss.nParameters);
  });

  it('fits categorical and count columns without numeric ones (a latent class model) and chooses K by BIC', () => {
    const { input } = planted(5, 1500, 0.1);
    const lc: MixedInput = { ...input, numeric: undefined };
    const sel = selectMixedModel(lc, { ...DEFAULT_EM_OPTIONS, missing: 'em', standardize: false, regCovar: 1e-6, nComponents: [1, 2, 3], models: ['VVV', 'EEE'] });
    assert.equal(sel.table.length, 3, 'one candidate per K without numeric columns');
    assert.ok(sel.table.every((r) => r.variant === 'latent class'));
    assert.equal(sel.best.params.gaussian, undefined);
    assert.equal(sel.best.params.nComponents, 3);
  });

  it('leaves out the search of a sweep\'s candidate whose BIC after its starts is far above the best, and says so', () => {
    const { input } = planted(8, 400, 0.1);
    const opts = { ...DEFAULT_EM_OPTIONS, missing: 'em' as const, standardize: false, regCovar: 1e-6, nInit: 10, seed: 0 };
    const sel = selectMixedModel(input, { ...opts, nComponents: [1, 3, 9], models: ['VVI'] });
    assert.equal(sel.best.params.nComponents, 3);
    let best = Infinity, largestGain = 0, skipped = 0;
    for (const row of sel.table) {
      const search = row.starts?.search;
      if (row.nComponents > 1 && search) {
        // Left out exactly when the BIC after the starts (not refined: not chosen) is beyond the reach of the search.
        const reach = Math.max(200, 6 * largestGain);
        assert.equal(search.skipped === true, row.bic - best > reach, `K = ${row.nComponents}: BIC ${row.bic} vs best ${best}, reach ${reach}`);
        if (search.skipped) { skipped++; assert.equal(search.nMoves, 0); } else largestGain = Math.max(largestGain, search.gain ?? 0);
      }
      if (!row.degenerate) best = Math.min(best, row.bic);
    }
    assert.ok(skipped > 0, JSON.stringify(sel.table.map((r) => [r.nComponents, r.bic, r.starts?.search])));
    // A single fit always searches.
    const single = fitMixedMixture(input, { ...opts, nComponents: 2, model: 'VVI' }).starts.search;
    assert.ok(single && !single.skipped && single.nMoves > 0);
  });

  it('scores rows with the fit\'s own E-step: predictMixed gives the fitted responsibilities and log densities', () => {
    const { input } = planted(4, 600, 0.2);
    const fit = fitMixedMixture(input, { nComponents: 3, model: 'VEV', seed: 0, nInit: 2 });
    const out = predictMixed(fit.params, { rows: input.rows, numeric: input.numeric, codes: input.categorical.codes, counts: input.counts.values });
    let total = 0;
    fit.rowsUsed.forEach((row, j) => {
      total += out.logDensity[row];
      assertClose(out.logDensity[row], fit.logDensity[j], { rtol: 1e-9, atol: 1e-9 }, `log density of row ${row}`);
      assertClose(out.resp.subarray(row * 3, row * 3 + 3), fit.resp.subarray(j * 3, j * 3 + 3), { atol: 1e-9 }, `resp of row ${row}`);
      assert.equal(out.labels[row], fit.labels[j]);
    });
    assertClose(total, fit.logLikelihood, { rtol: 1e-10 }, 'total');
  });

  it('computes log n! exactly on the table and by Stirling beyond', () => {
    assert.equal(logFactorial(0), 0);
    assertClose(logFactorial(10), Math.log(3628800), { rtol: 1e-14 });
    let s = 0;
    for (let k = 2; k <= 300; k++) s += Math.log(k);
    assertClose(logFactorial(300), s, { rtol: 1e-13 });
  });

  it('explains a count that is not a whole number, and skips rows with no cell observed', () => {
    const { input } = planted(6, 20, 0);
    const bad = { ...input, counts: { names: ['c'], values: Float64Array.from(input.counts.values, (v, i) => (i === 4 ? 2.5 : v)) } };
    assert.throws(() => fitMixedMixture(bad, { nComponents: 2 }), (e: unknown) => e instanceof FitError
      && e.message === 'Row 5, column "c" holds 2.5, which is not a count (a whole number ≥ 0). Treat the column as numeric or as categories instead, or correct the value.');
    const empty = { ...input, numeric: { ...input.numeric!, data: Float64Array.from(input.numeric!.data, (v, j) => (j < 2 ? NaN : v)) },
      categorical: { ...input.categorical, codes: Int32Array.from(input.categorical.codes, (v, j) => (j < 2 ? -1 : v)) },
      counts: { names: ['c'], values: Float64Array.from(input.counts.values, (v, i) => (i === 0 ? NaN : v)) } };
    const fit = fitMixedMixture(empty, { nComponents: 2, nInit: 2 });
    assert.equal(fit.nSamples, 19);
    assert.equal(fit.nDropped, 1);
    assert.equal(fit.notices.find((n) => n.code === 'rows-skipped')?.message, '1 row with every fitted value missing (columns x, y, a, b, c) was skipped.');
    // Without the numeric columns' names the notice cannot list the columns, and does not list only some of them.
    const unnamed = fitMixedMixture({ ...empty, numericNames: undefined }, { nComponents: 2, nInit: 2 });
    assert.equal(unnamed.notices.find((n) => n.code === 'rows-skipped')?.message, '1 row with every fitted value missing was skipped.');
  });
});
