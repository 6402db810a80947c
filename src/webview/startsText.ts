/** How sure a fit is, in words: what its starts found. Pure (no DOM), unit-tested. */
import type { RunOrigin, StartsSummary } from '../protocol/model';
import { formatCount, formatNumber } from './format';

const METHOD_LABELS: Record<RunOrigin, string> = {
  'hierarchical': "mclust's hierarchical start",
  'hierarchical-sphered': 'the hierarchical start on sphered data',
  'full-model': 'the clusters of the full-covariance (VVV) fit',
  'kmeans++': 'a k-means++ start',
  'kmeans': 'a k-means start',
  'random-points': 'a random-points start',
  'random-resp': 'a random start',
  'split-merge': 'a split-and-merge move',
};

/** The start method (or a move of the search) as a phrase ("mclust's hierarchical start"). */
export function startMethodLabel(m: RunOrigin): string {
  return METHOD_LABELS[m];
}

/**
 * "7 of 10 starts reached this maximum", with who found it, what the split-and-merge search after the starts did,
 * the runner-up's gap and, on a large table, the sample. A lone start (or none) at the maximum, or a runner-up
 * within 0.01 per row, is worth more starts: the text says so.
 */
export function startsSentence(s: StartsSummary): string {
  const parts: string[] = [];
  const of = s.nCompleted === s.nStarts ? `${s.nReachedBest} of ${s.nStarts} starts` : `${s.nReachedBest} of ${s.nCompleted} completed starts (${s.nStarts} tried)`;
  if (s.bestMethod === 'split-merge') parts.push(`${of.replace(/^0 of/, 'None of the')} reached this maximum: the split-and-merge search from the best starts found it.`);
  else parts.push(`${of} reached this maximum; the one kept is ${startMethodLabel(s.bestMethod)}.`);
  if (s.search?.skipped) parts.push('The split-and-merge search was left out: this model\'s BIC after its starts was too far above the best model\'s for the search to change the choice.');
  else if (s.search) parts.push(searchSentence(s.search.nMoves, s.search.nImproved, s.bestMethod === 'split-merge'));
  if (s.sampleRows !== undefined) {
    parts.push(`The starts ran on a random sample of ${formatCount(s.sampleRows)} rows; ${s.nCarried ?? 1} went on to every row.`);
  }
  if (s.runnerUpGap !== null) parts.push(`The next best maximum found is ${formatNumber(s.runnerUpGap, 3)} per row lower.`);
  if (s.nDegenerate > 0) parts.push(`${s.nDegenerate} ${s.nDegenerate === 1 ? 'start' : 'starts'} ended at a degenerate maximum and ${s.nDegenerate === 1 ? 'was' : 'were'} set aside.`);
  if (needsMoreStarts(s)) parts.push('Few starts agree: more starts may find a higher maximum.');
  return parts.join(' ');
}

function searchSentence(nMoves: number, nImproved: number, found: boolean): string {
  const moves = `${formatCount(nMoves)} split-and-merge ${nMoves === 1 ? 'move was' : 'moves were'} tried after the starts`;
  if (found) return `${moves}; ${nImproved} raised the maximum.`;
  return nImproved > 0 ? `${moves}; ${nImproved} raised a lower maximum, none went above this one.` : `${moves}; none found a higher maximum.`;
}

/** Whether the starts leave doubt: one or none reached the maximum among several, or another maximum is very close. */
export function needsMoreStarts(s: StartsSummary): boolean {
  return (s.nCompleted > 1 && s.nReachedBest <= 1) || (s.runnerUpGap !== null && s.runnerUpGap < 0.01);
}
