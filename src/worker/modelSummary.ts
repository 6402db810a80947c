/**
 * The fitted model as one plain JSON object: what `dist/cli.js` prints and what "Parameters JSON" exports.
 * Its keys are documented in the README (the CLI's output is a stable interface).
 */
import type { FitResultDto, ParamsDto } from '../protocol/model';

/** Every component's covariance as a d × d matrix (the CLI's `covariances` key is documented that way). */
export function covarianceMatrices(params: ParamsDto): number[][][] {
  const c = params.covariance;
  if (c.layout === 'full') return c.matrices;
  return c.variances.map((v) => v.map((vi, a) => v.map((_, b) => (a === b ? vi : 0))));
}

export function modelSummary(dto: FitResultDto): Record<string, unknown> {
  const out: Record<string, unknown> = {
    k: dto.params.nComponents,
    covariance: dto.params.model,
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
    // Full-matrix models: K × d × d; diagonal ones: their K × d variances (a wide diagonal fit stays small).
    ...(dto.params.covariance.layout === 'full' ? { covariances: dto.params.covariance.matrices } : { variances: dto.params.covariance.variances }),
    starts: dto.starts,
    ...(dto.issues.length > 0 ? { issues: dto.issues } : {}),
    seconds: Math.round(dto.totalMs) / 1000,
  };
  if (dto.selection) {
    out.selection = dto.selection.map((r) => ({
      k: r.nComponents, covariance: r.model, logLikelihood: r.logLikelihood, bic: r.bic, aic: r.aic, icl: r.icl,
      nParameters: r.nParameters, iterations: r.iterations, converged: r.converged, seconds: Math.round(r.elapsedMs) / 1000,
      ...(r.starts ? { starts: r.starts } : {}), ...(r.failure ? { failure: r.failure } : {}),
      ...(r.degenerate ? { degenerate: true, issues: r.issues } : {}), ...(r.refined ? { refined: true } : {}),
    }));
    out.criterion = 'bic (lower is better; degenerate candidates only when all are)';
  }
  return out;
}
