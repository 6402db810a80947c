import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jobTimeText, progressFraction, progressText, streamedText } from '../../../src/webview/progress';

describe('webview progress', () => {
  it('describes reading by bytes', () => {
    const p = { phase: 'reading' as const, bytesRead: 2_500_000, totalBytes: 10_000_000 };
    assert.equal(progressText(p), 'Reading 2.5 MB of 10.0 MB (25%)');
    assert.equal(progressFraction(p), 0.25);
  });

  it('names the model, start, iteration and log-likelihood while fitting', () => {
    const p = { phase: 'fitting' as const, candidate: 1, nCandidates: 8, nComponents: 3, model: 'VVI', run: 0, nRuns: 5, iteration: 14, logLikelihood: -1130.26, stage: 'restart' as const };
    assert.equal(progressText(p), 'Model 2 of 8 (K = 3, VVI) · start 1 of 5 · iteration 14 · log-likelihood \u22121130.26');
    assert.equal(progressFraction(p), 1 / 8);
  });

  it('leaves out the sweep and starts for a single run', () => {
    const p = { phase: 'fitting' as const, candidate: 0, nCandidates: 1, nComponents: 2, model: 'VVV', run: 0, nRuns: 1, iteration: 3, logLikelihood: NaN, stage: 'restart' as const };
    assert.equal(progressText(p), 'K = 2, VVV · iteration 3');
  });

  it('says when a start is screened and when the best is being refined', () => {
    const p = { phase: 'fitting' as const, candidate: 0, nCandidates: 1, nComponents: 2, model: 'VVV', run: 3, nRuns: 10, iteration: 40, logLikelihood: NaN, stage: 'refine' as const };
    assert.equal(progressText(p), 'K = 2, VVV · refining start 4, the best · iteration 40');
    assert.equal(progressText({ ...p, stage: 'screen', iteration: 5 }), 'K = 2, VVV · screening start 4 of 10 · iteration 5');
  });

  it('says which pass over a streamed file is running and how far it is', () => {
    const p = { phase: 'streaming' as const, pass: 3, purpose: 'em' as const, bytesRead: 41, totalBytes: 100 };
    assert.equal(progressText(p), 'Pass 3 over the file (EM iteration), 41% of the file');
    assert.equal(progressFraction(p), 0.41);
  });

  it('says a result was streamed, how often the file was read and what an EM pass cost', () => {
    const streamed = { sizeBytes: 5_000_000_000, passes: [{ purpose: 'count' as const, seconds: 9 }, { purpose: 'sample' as const, seconds: 10 }, { purpose: 'em' as const, seconds: 20 }, { purpose: 'em' as const, seconds: 22 }] };
    const sample = { values: [[1], [2]] } as unknown as Parameters<typeof streamedText>[0]['sample'];
    assert.equal(streamedText({ streamed, sample }), ' The file (5.0 GB) was larger than the memory budget and was streamed: read 4 times, 21 s per EM pass. The scatter shows 2 of its rows.');
    assert.equal(streamedText({ sample }), '');
    assert.equal(streamedText({ streamed: { ...streamed, sizeBytes: 900_000_000, tableBytes: 1_100_000_000 }, sample }),
      ' The file (900 MB, about 1.1 GB as a table) was larger than the memory budget and was streamed: read 4 times, 21 s per EM pass. The scatter shows 2 of its rows.');
    const byGroups = { ...streamed, sizeBytes: 600_000_000, decodedBytes: 2_000_000_000 };
    assert.equal(streamedText({ streamed: byGroups, sample }), ' The fitted columns (2.0 GB decoded) were larger than the memory budget, so the file was read one row group at a time: read 4 times, 21 s per EM pass. The scatter shows 2 of its rows.');
  });

  it('gives the time of the whole job: with the read a Fit started with, and both parts', () => {
    assert.equal(jobTimeText({ totalMs: 81_000 }), '1 min 21 s');
    assert.equal(jobTimeText({ totalMs: 81_000, readMs: 11_000 }), '1 min 32 s (reading the file 11 s, fitting 1 min 21 s)');
    assert.equal(jobTimeText({ totalMs: 236, readMs: 0 }), '236 ms (reading the file 0 ms, fitting 236 ms)');
  });
});
