/** Progress as text and as a fraction for the header. Pure (no DOM), unit-tested. */
import type { ProgressDto } from '../protocol/model';
import { formatBytes, formatNumber, formatPercent } from './format';

/** One line describing progress (pure; unit-tested). */
export function progressText(p: ProgressDto): string {
  if (p.phase === 'reading') {
    const share = p.totalBytes > 0 ? ` (${formatPercent(p.bytesRead / p.totalBytes)})` : '';
    return `Reading ${formatBytes(p.bytesRead)} of ${formatBytes(p.totalBytes)}${share}`;
  }
  const parts: string[] = [];
  if (p.nCandidates > 1) parts.push(`Model ${p.candidate + 1} of ${p.nCandidates} (K = ${p.nComponents}, ${p.model})`);
  else parts.push(`K = ${p.nComponents}, ${p.model}`);
  if (p.stage === 'refine') parts.push(`refining start ${p.run + 1}, the best`);
  else if (p.stage === 'screen') parts.push(`screening start ${p.run + 1} of ${p.nRuns}`);
  else if (p.nRuns > 1) parts.push(`start ${p.run + 1} of ${p.nRuns}`);
  parts.push(`iteration ${p.iteration}`);
  if (Number.isFinite(p.logLikelihood)) parts.push(`log-likelihood ${formatNumber(p.logLikelihood, 7)}`);
  return parts.join(' · ');
}

/** Fraction done for the progress bar; undefined when unknown (indeterminate bar). */
export function progressFraction(p: ProgressDto): number | undefined {
  if (p.phase === 'reading') return p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : undefined;
  if (p.nCandidates <= 0 || p.nRuns <= 0) return undefined;
  return Math.min(1, (p.candidate + p.run / p.nRuns) / p.nCandidates);
}
