import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitMixture } from '../../../../src/core/mixture/fit';
import type { IterationReport } from '../../../../src/core/mixture/types';
import { prepareData, sampleData } from '../../../../src/core/gaussian/prepare';
import { createGaussianSpec } from '../../../../src/core/gaussian/spec';
import type { GaussianParams } from '../../../../src/core/gaussian/types';
import { plantedMixture, removeCells } from '../helpers';

const big = () => plantedMixture(300, { nSamples: 20_000, nFeatures: 2, nComponents: 3, covarianceType: 'full', separation: 2.5 });

describe('two-stage fits on large tables', () => {
  it('screens every start on a sample, carries at most three to every row, and keeps the sample curves apart', () => {
    const { x } = big();
    const data = prepareData(x, { missing: 'em', standardize: false }, (n) => new Float64Array(n));
    const spec = createGaussianSpec(data, 'VVV', 1e-6);
    const reports: IterationReport<GaussianParams>[] = [];
    const { fit } = fitMixture(spec, { nComponents: 3, seed: 2 }, { onIteration: (r) => reports.push(r) });
    assert.equal(fit.starts.sampleRows, 4096);
    assert.ok(fit.starts.nCarried !== undefined && fit.starts.nCarried >= 1 && fit.starts.nCarried <= 3);
    const carried = fit.runs.filter((r) => r.outcome !== 'not-carried');
    assert.equal(carried.length, fit.starts.nCarried);
    assert.ok(carried.some((r) => r.run === 0), 'start 0 is always carried');
    for (const r of fit.runs) {
      assert.ok(r.sample, `run ${r.run} has its sample stage`);
      assert.equal(r.sample.rows, 4096);
      if (r.outcome === 'not-carried') assert.deepEqual(r.logLikelihood, []);
    }
    const kept = fit.runs.find((r) => r.run === fit.bestRun);
    assert.ok(kept && kept.logLikelihood.length > 0);
    assert.equal(fit.logLikelihood, kept.logLikelihood[kept.logLikelihood.length - 1]);
    // Reports say which rows they ran on; the kept history spans both stages.
    assert.ok(reports.some((r) => r.sampleRows === 4096) && reports.some((r) => r.sampleRows === undefined));
    assert.equal(fit.historyOnSample, kept.sample?.iterations);
    assert.equal(fit.history.length, (kept.sample?.iterations ?? 0) + kept.iterations);
    assert.deepEqual(fit.history[fit.history.length - 1], fit.params);
    assert.equal(fit.rowsUsed.length, 20_000);
  });

  it('reaches the optimum of a fit that runs every start on every row, and never decreases on every row', () => {
    const { x } = big();
    const data = prepareData(x, { missing: 'em', standardize: false }, (n) => new Float64Array(n));
    const spec = createGaussianSpec(data, 'VVV', 0);
    const two = fitMixture(spec, { nComponents: 3, seed: 0 }).fit;
    const one = fitMixture({ ...spec, sample: undefined }, { nComponents: 3, seed: 0 }).fit;
    assert.equal(one.starts.sampleRows, undefined);
    // Both refined to refineTol; maxima this close (1e-6 relative) are not told apart at that precision.
    assert.ok(two.logLikelihood >= one.logLikelihood - 1e-6 * Math.abs(one.logLikelihood), `${two.logLikelihood} < ${one.logLikelihood}`);
    for (const r of two.runs) {
      for (let j = 1; j < r.logLikelihood.length; j++) assert.ok(r.logLikelihood[j] >= r.logLikelihood[j - 1] - 1e-9 * Math.abs(r.logLikelihood[j]), `run ${r.run} at ${j + 1}`);
    }
  });

  it('gives the same fit for the same seed', () => {
    const { x } = big();
    const data = prepareData(x, { missing: 'em', standardize: false }, (n) => new Float64Array(n));
    const a = fitMixture(createGaussianSpec(data, 'VVI', 1e-6), { nComponents: 3, seed: 4 }).fit;
    const b = fitMixture(createGaussianSpec(data, 'VVI', 1e-6), { nComponents: 3, seed: 4 }).fit;
    assert.deepEqual(a.params, b.params);
    assert.deepEqual(a.runs, b.runs);
  });

  it('draws nested samples in the same working units, keeping missing-value patterns grouped', () => {
    const { x } = big();
    const holes = removeCells(x, 0.1, 3);
    const data = prepareData(holes, { missing: 'em', standardize: true }, (n) => new Float64Array(n));
    const small = sampleData(data, 4096, 7), large = sampleData(data, 8192, 7);
    assert.equal(small.nUsed, 4096);
    const inLarge = new Set(large.parentRows);
    assert.ok(Array.from(small.parentRows ?? []).every((w) => inLarge.has(w)), 'samples of one seed are nested');
    assert.deepEqual(small.shift, data.shift);
    assert.deepEqual(small.scale, data.scale);
    for (let j = 0; j < small.nUsed; j++) {
      const w = (small.parentRows as Int32Array)[j];
      assert.equal(small.order[j], data.order[w]);
      assert.deepEqual(Array.from(small.x.subarray(j * 2, j * 2 + 2)), Array.from(data.x.subarray(w * 2, w * 2 + 2)));
    }
    // Rows [0, nComplete) are complete; each group holds rows with its pattern.
    for (let j = 0; j < small.nComplete; j++) assert.ok(!Number.isNaN(small.x[j * 2]) && !Number.isNaN(small.x[j * 2 + 1]));
    let covered = small.nComplete;
    for (const g of small.groups) {
      assert.equal(g.start, covered);
      for (let j = g.start; j < g.end; j++) for (let a = 0; a < 2; a++) assert.equal(Number.isNaN(small.x[j * 2 + a]), g.key[a] === '1');
      covered = g.end;
    }
    assert.equal(covered, small.nUsed);
    assert.notDeepEqual(sampleData(data, 4096, 8).parentRows, small.parentRows);
  });
});
