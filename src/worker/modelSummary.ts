/**
 * The fitted model as one plain JSON object: what `dist/cli.js` prints and what "Parameters JSON" exports.
 * Its keys are documented in the README (the CLI's output is a stable interface).
 */
import type { FitResultDto } from '../protocol/model';

export function modelSummary(dto: FitResultDto): Record<string, unknown> {
  const out: Record<string, unknown> = {
    k: dto.params.nComponents,
    covariance: dto.params.covarianceType,
    columns: dto.columns,
    logLikelihood: dto.logLikelihood,
    bic: dto.bic,
    aic: dto.aic,
    icl: dto.icl,
    nParameters: dto.nParameters,
    iterations: dto.iterations,
    converged: dto.converged,
    nRows: dto.nRowsUsed,
    nDropped: dto.nDropped,
    weights: dto.params.weights,
    means: dto.params.means,
    covariances: dto.params.covariances,
  };
  if (dto.selection) {
    out.selection = dto.selection.map((r) => ({
      k: r.k, covariance: r.covarianceType, logLikelihood: r.logLikelihood, bic: r.bic, aic: r.aic, icl: r.icl,
      nParameters: r.nParameters, iterations: r.iterations, converged: r.converged, ...(r.failure ? { failure: r.failure } : {}),
      ...(r.degenerate ? { degenerate: true } : {}),
    }));
    out.criterion = 'bic (lower is better; degenerate candidates only when all are)';
  }
  return out;
}
