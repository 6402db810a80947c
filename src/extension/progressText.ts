/** The progress notification's text for a worker progress message. */
import type { ProgressDto } from '../protocol/model';

export function describeProgress(p: ProgressDto): string {
  if (p.phase === 'reading') return `reading ${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%`;
  const model = p.nModels > 1 ? `model ${p.model + 1}/${p.nModels} (K=${p.k}, ${p.covarianceType}), ` : '';
  const run = p.refining ? `refining restart ${p.run + 1}` : `restart ${p.run + 1}/${p.nRuns}`;
  return `${model}${run}, iteration ${p.iteration}, log-likelihood ${p.logLikelihood.toFixed(2)}`;
}
