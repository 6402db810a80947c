import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GAUSSIAN_FIT_OPTIONS, fitGaussianMixture, selectGaussianModel } from '../../../../src/core/gaussian/fit';
import { fitGaussianStreamed } from '../../../../src/core/gaussian/stream/fitStreamed';
import type { PassPurpose, RowSource } from '../../../../src/core/gaussian/stream/types';
import type { Matrix } from '../../../../src/core/mixture/types';
import type { GaussianParams } from '../../../../src/core/gaussian/types';
import { createRng } from '../../../../src/core/numeric/rng';
import { assertClose, plantedMixture } from '../helpers';

/** A source over a matrix held in memory, in chunks of `chunk` rows, counting its passes. */
function matrixSource(x: Matrix, chunk: number): RowSource & { passes: PassPurpose[] } {
  const passes: PassPurpose[] = [];
  return {
    nFeatures: x.cols,
    passes,
    scan(purpose, onChunk) {
      passes.push(purpose);
      const d = x.cols;
      for (let r = 0; r < x.rows; r += chunk) {
        const rows = Math.min(chunk, x.rows - r);
        // A copy the source reuses would do as well; a fresh one shows the fit keeps nothing of it.
        onChunk({ x: x.data.slice(r * d, (r + rows) * d), rows, firstRow: r });
      }
    },
  };
}

/** Planted data with `share` of its cells missing (never a whole row). */
function data(seed: number, n: number, share: number): Matrix {
  const { x } = plantedMixture(seed, { nSamples: n, nFeatures: 3, nComponents: 3, covarianceType: 'full', separation: 3 });
  const rng = createRng(seed, 5);
  const out = Float64Array.from(x.data);
  for (let i = 0; i < n; i++) if (rng.next() < share) out[i * 3 + rng.int(3)] = NaN;
  return { data: out, rows: n, cols: 3 };
}

function sameParams(a: GaussianParams, b: GaussianParams, what: string): void {
  assertClose(a.weights, b.weights, { rtol: 1e-9, atol: 1e-12 }, `${what} weights`);
  assertClose(a.means, b.means, { rtol: 1e-9, atol: 1e-9 }, `${what} means`);
  assertClose(a.covariances, b.covariances, { rtol: 1e-9, atol: 1e-9 }, `${what} covariances`);
}

describe('streamed Gaussian fit', () => {
  it('reads the file in passes and reaches the in-memory fit to 1e-9, missing cells included', () => {
    const x = data(3, 12_000, 0.05);
    const options = { nComponents: 3, model: 'VVV' as const, nInit: 4, seed: 2, recordHistory: false };
    const inMemory = fitGaussianMixture(x, options);
    const source = matrixSource(x, 1000);
    const streamed = fitGaussianStreamed(source, { ...options, nComponents: [3], models: ['VVV'], displayRows: 500 });
    assert.equal(streamed.streamed, true);
    assert.deepEqual(source.passes.slice(0, 2), ['count', 'sample']);
    const emPasses = source.passes.filter((p) => p === 'em').length;
    assert.ok(emPasses >= streamed.best.iterations, `${emPasses} passes for ${streamed.best.iterations} iterations`);
    assert.ok(inMemory.starts.sampleRows); // the in-memory fit is a two-stage one too
    assert.equal(streamed.best.starts.sampleRows, inMemory.starts.sampleRows);
    assert.equal(streamed.best.iterations, inMemory.iterations);
    assertClose(streamed.best.logLikelihood, inMemory.logLikelihood, { rtol: 1e-9 }, 'log-likelihood');
    assertClose(streamed.best.bic, inMemory.bic, { rtol: 1e-9 }, 'BIC');
    assertClose(streamed.best.icl, inMemory.icl, { rtol: 1e-9 }, 'ICL');
    sameParams(streamed.best.params, inMemory.params, 'params');
    assert.equal(streamed.best.nSamples, inMemory.nSamples);
    assert.equal(streamed.best.rowsUsed.length, 0); // nothing per row is kept
    assert.equal(streamed.display.inputRows.length, 500);
    // The scatter's rows carry the fit's labels, the same as the in-memory fit gives those rows.
    const position = new Map(Array.from(inMemory.rowsUsed, (row, j) => [row, j]));
    streamed.display.inputRows.forEach((row, j) => assert.equal(streamed.display.labels[j], inMemory.labels[position.get(row) as number]));
  });

  it('chooses by BIC over a sweep as the in-memory sweep does, with standardised columns', () => {
    const x = data(7, 10_000, 0);
    const options = { nComponents: [1, 2, 3], models: ['VVV', 'VVI'] as const, nInit: 3, seed: 1, standardize: true, recordHistory: false };
    const inMemory = selectGaussianModel(x, { ...DEFAULT_GAUSSIAN_FIT_OPTIONS, ...options, models: [...options.models] });
    const streamed = fitGaussianStreamed(matrixSource(x, 777), { ...options, models: [...options.models], displayRows: 100 });
    assert.ok(streamed.selection);
    assert.equal(streamed.selection.bestIndex, inMemory.bestIndex);
    streamed.selection.table.forEach((row, j) => assertClose(row.bic, inMemory.table[j].bic, { rtol: 1e-9 }, `candidate ${j} BIC`));
    sameParams(streamed.best.params, inMemory.best.params, 'chosen');
  });

  it('fits in memory when the rows used are too few for a sample, with the same result', () => {
    const x = data(9, 3000, 0.02);
    const options = { nComponents: 2, model: 'VVI' as const, nInit: 3, seed: 0, recordHistory: false };
    const inMemory = fitGaussianMixture(x, options);
    const source = matrixSource(x, 400);
    const streamed = fitGaussianStreamed(source, { ...options, nComponents: [2], models: ['VVI'], displayRows: 20_000 });
    assert.equal(streamed.streamed, false);
    assert.deepEqual(source.passes, ['count', 'sample']);
    assert.equal(streamed.best.logLikelihood, inMemory.logLikelihood);
  });

  it('stops with the source when it is cancelled mid-pass', () => {
    const x = data(4, 10_000, 0);
    let chunks = 0;
    const source: RowSource = {
      nFeatures: 3,
      scan(_purpose, onChunk) {
        for (let r = 0; r < x.rows; r += 500) {
          if (++chunks === 50) throw Object.assign(new Error('cancelled'), { code: 'cancelled' });
          onChunk({ x: x.data.subarray(r * 3, (r + 500) * 3), rows: 500, firstRow: r });
        }
      },
    };
    assert.throws(() => fitGaussianStreamed(source, { nComponents: [2], models: ['VVV'], nInit: 2, seed: 0, displayRows: 10 }), /cancelled/);
    assert.equal(chunks, 50);
  });
});
