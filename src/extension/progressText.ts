/** The progress notification's text for a worker progress message. */
import type { ProgressDto } from '../protocol/model';

/** What each pass over a streamed file is for, in a few words. */
export const PASS_PURPOSE = { count: 'counting rows', sample: 'taking the sample', em: 'EM', label: 'labelling rows' } as const;

export function describeProgress(p: ProgressDto): string {
  if (p.phase === 'reading') return `reading ${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%`;
  if (p.phase === 'streaming') return `pass ${p.pass}, ${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}% of the file (${PASS_PURPOSE[p.purpose]})`;
  const model = p.nCandidates > 1 ? `model ${p.candidate + 1}/${p.nCandidates} (K=${p.nComponents}, ${p.model}), ` : '';
  const run = p.stage === 'refine' ? `refining start ${p.run + 1}` : p.stage === 'screen' ? `screening start ${p.run + 1}/${p.nRuns}` : `start ${p.run + 1}/${p.nRuns}`;
  return `${model}${run}, iteration ${p.iteration}, log-likelihood ${p.logLikelihood.toFixed(2)}`;
}
