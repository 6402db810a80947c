import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { progressFraction, progressText } from '../../../src/webview/progress';

describe('webview progress', () => {
  it('describes reading by bytes', () => {
    const p = { phase: 'reading' as const, bytesRead: 2_500_000, totalBytes: 10_000_000 };
    assert.equal(progressText(p), 'Reading 2.5 MB of 10.0 MB (25%)');
    assert.equal(progressFraction(p), 0.25);
  });

  it('names the model, restart, iteration and log-likelihood while fitting', () => {
    const p = { phase: 'fitting' as const, model: 1, nModels: 8, k: 3, covarianceType: 'diag' as const, run: 0, nRuns: 5, iteration: 14, logLikelihood: -1130.26 };
    assert.equal(progressText(p), 'Model 2 of 8 (K = 3, diag) · restart 1 of 5 · iteration 14 · log-likelihood \u22121130.26');
    assert.equal(progressFraction(p), 1 / 8);
  });

  it('leaves out the sweep and restarts for a single run', () => {
    const p = { phase: 'fitting' as const, model: 0, nModels: 1, k: 2, covarianceType: 'full' as const, run: 0, nRuns: 1, iteration: 3, logLikelihood: NaN };
    assert.equal(progressText(p), 'K = 2, full · iteration 3');
  });

  it('says when the best restart is being refined', () => {
    const p = { phase: 'fitting' as const, model: 0, nModels: 1, k: 2, covarianceType: 'full' as const, run: 3, nRuns: 10, iteration: 40, logLikelihood: NaN, refining: true };
    assert.equal(progressText(p), 'K = 2, full · refining restart 4, the best so far · iteration 40');
  });
});
