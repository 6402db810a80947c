/** How sure a fit is, in words: what its starts found. Pure (no DOM), unit-tested. */
import type { StartMethod, StartsSummary } from '../protocol/model';
import { formatCount, formatNumber } from './format';

const METHOD_LABELS: Record<StartMethod, string> = {
  'hierarchical': "mclust's hierarchical start",
  'hierarchical-sphered': 'the hierarchical start on sphered data',
  'kmeans++': 'a k-means++ start',
  'kmeans': 'a k-means start',
  'random-points': 'a random-points start',
  'random-resp': 'a random start',
};

/** The start method as a phrase ("mclust's hierarchical start"). */
export function startMethodLabel(m: StartMethod): string {
  return METHOD_LABELS[m];
}

/**
 * "7 of 10 starts reached this maximum", with who found it, the runner-up's gap and, on a large table, the sample.
 * A lone start at the maximum, or a runner-up within 0.01 per row, is worth more starts: the text says so.
 */
export function startsSentence(s: StartsSummary): string {
  const parts: string[] = [];
  const of = s.nCompleted === s.nStarts ? `${s.nReachedBest} of ${s.nStarts} starts` : `${s.nReachedBest} of ${s.nCompleted} completed starts (${s.nStarts} tried)`;
  parts.push(`${of} reached this maximum; the one kept is ${startMethodLabel(s.bestMethod)}.`);
  if (s.sampleRows !== undefined) {
    parts.push(`The starts ran on a random sample of ${formatCount(s.sampleRows)} rows; ${s.nCarried ?? 1} went on to every row.`);
  }
  if (s.runnerUpGap !== null) parts.push(`The next best maximum found is ${formatNumber(s.runnerUpGap, 3)} per row lower.`);
  if (s.nDegenerate > 0) parts.push(`${s.nDegenerate} ${s.nDegenerate === 1 ? 'start' : 'starts'} ended at a degenerate maximum and ${s.nDegenerate === 1 ? 'was' : 'were'} set aside.`);
  if (needsMoreStarts(s)) parts.push('Few starts agree: more starts may find a higher maximum.');
  return parts.join(' ');
}

/** Whether the starts leave doubt: only one reached the maximum among several, or another maximum is very close. */
export function needsMoreStarts(s: StartsSummary): boolean {
  return (s.nCompleted > 1 && s.nReachedBest === 1) || (s.runnerUpGap !== null && s.runnerUpGap < 0.01);
}
