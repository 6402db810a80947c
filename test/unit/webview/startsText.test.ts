import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { needsMoreStarts, startsSentence } from '../../../src/webview/startsText';
import type { StartsSummary } from '../../../src/protocol/model';

const base: StartsSummary = { nStarts: 10, nCompleted: 10, nReachedBest: 7, bestMethod: 'hierarchical', runnerUpGap: 0.25, nDegenerate: 0 };

describe('starts in words', () => {
  it('says how many starts reached the maximum and which found it', () => {
    assert.equal(startsSentence(base), "7 of 10 starts reached this maximum; the one kept is mclust's hierarchical start. The next best maximum found is 0.25 per row lower.");
  });
  it('counts completed starts when some were screened out, and tells of a sample and set-aside starts', () => {
    const s = { ...base, nCompleted: 4, nReachedBest: 2, sampleRows: 4096, nCarried: 3, runnerUpGap: null, nDegenerate: 1, bestMethod: 'kmeans++' as const };
    assert.equal(startsSentence(s), '2 of 4 completed starts (10 tried) reached this maximum; the one kept is a k-means++ start. '
      + 'The starts ran on a random sample of 4,096 rows; 3 went on to every row. 1 start ended at a degenerate maximum and was set aside.');
  });
  it('tells what the split-and-merge search after the starts did, and when a move found the maximum', () => {
    const pool = { ...base, nStarts: 200, nCompleted: 12, nReachedBest: 3, bestMethod: 'random-resp' as const, runnerUpGap: null };
    assert.equal(startsSentence({ ...pool, search: { nMoves: 80, nImproved: 0 } }),
      '3 of 12 completed starts (200 tried) reached this maximum; the one kept is a random start. 80 split-and-merge moves were tried after the starts; none found a higher maximum.');
    const moved = startsSentence({ ...pool, nReachedBest: 0, bestMethod: 'split-merge', search: { nMoves: 120, nImproved: 2 } });
    assert.match(moved, /^None of the 12 completed starts \(200 tried\) reached this maximum: the split-and-merge search from the best starts found it\. 120 split-and-merge moves were tried after the starts; 2 raised the maximum\./);
    assert.match(moved, /more starts may find a higher maximum\.$/);
  });
  it('says when a sweep left the search out for a model that could not be chosen', () => {
    const pool = { ...base, nStarts: 200, nCompleted: 10, bestMethod: 'random-resp' as const, runnerUpGap: null };
    assert.match(startsSentence({ ...pool, search: { nMoves: 0, nImproved: 0, skipped: true } }),
      /The split-and-merge search was left out: this model's BIC after its starts was too far above the best model's for the search to change the choice\.$/);
  });
  it('asks for more starts when one start alone found the maximum or another is very close', () => {
    assert.equal(needsMoreStarts(base), false);
    assert.equal(needsMoreStarts({ ...base, nReachedBest: 1 }), true);
    assert.equal(needsMoreStarts({ ...base, runnerUpGap: 0.002 }), true);
    assert.equal(needsMoreStarts({ ...base, nStarts: 1, nCompleted: 1, nReachedBest: 1, runnerUpGap: null }), false);
    assert.match(startsSentence({ ...base, nReachedBest: 1 }), /Few starts agree: more starts may find a higher maximum\.$/);
  });
});
