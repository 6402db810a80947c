/** Progress as text and as a fraction for the header. Pure (no DOM), unit-tested. */
import type { FitResultDto, ProgressDto } from '../protocol/model';
import { formatBytes, formatCount, formatDuration, formatNumber, formatPercent } from './format';

/** One line describing progress (pure; unit-tested). */
export function progressText(p: ProgressDto): string {
  if (p.phase === 'reading') {
    const share = p.totalBytes > 0 ? ` (${formatPercent(p.bytesRead / p.totalBytes)})` : '';
    return `Reading ${formatBytes(p.bytesRead)} of ${formatBytes(p.totalBytes)}${share}`;
  }
  if (p.phase === 'streaming') {
    const what = { count: 'counting rows', sample: 'taking the sample', em: 'EM iteration', label: 'labelling rows' }[p.purpose];
    return `Pass ${p.pass} over the file (${what}), ${formatPercent(p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 0)} of the file`;
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
  if (p.phase === 'reading' || p.phase === 'streaming') return p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : undefined;
  if (p.nCandidates <= 0 || p.nRuns <= 0) return undefined;
  return Math.min(1, (p.candidate + p.run / p.nRuns) / p.nCandidates);
}

/**
 * For a fit of a streamed file (or of a Parquet file read by row groups), what the status line adds: that the file
 * was streamed, in how many passes, and what an EM pass cost (empty for a fit of a table held in memory).
 */
export function streamedText(r: Pick<FitResultDto, 'streamed' | 'sample'>): string {
  const s = r.streamed;
  if (!s) return '';
  const em = s.passes.filter((p) => p.purpose === 'em');
  const each = em.length > 0 ? em.reduce((t, p) => t + p.seconds, 0) / em.length : NaN;
  const cost = Number.isFinite(each) ? `, ${formatNumber(each, 3)} s per EM pass` : '';
  const why = s.decodedBytes !== undefined
    ? ` The fitted columns (${formatBytes(s.decodedBytes)} decoded) were larger than the memory budget, so the file was read one row group at a time`
    : ` The file (${fileText(s)}) was larger than the memory budget and was streamed`;
  return `${why}: read ${s.passes.length} times${cost}. The scatter shows ${formatCount(r.sample.values.length)} of its rows.`;
}

/** A streamed file's size, and what it would take as a table when that is known: "954 MB, about 1.1 GB as a table". */
export function fileText(s: NonNullable<FitResultDto['streamed']>): string {
  return s.tableBytes === undefined ? formatBytes(s.sizeBytes) : `${formatBytes(s.sizeBytes)}, about ${formatBytes(s.tableBytes)} as a table`;
}

/**
 * How long the job the person waited for took: the fit's time, or, when the Fit read the file first, the sum with
 * both parts ("1 min 32 s (reading the file 11 s, fitting 1 min 21 s)").
 */
export function jobTimeText(r: Pick<FitResultDto, 'totalMs' | 'readMs'>): string {
  if (r.readMs === undefined) return formatDuration(r.totalMs);
  return `${formatDuration(r.readMs + r.totalMs)} (reading the file ${formatDuration(r.readMs)}, fitting ${formatDuration(r.totalMs)})`;
}
