/**
 * The fitted model as one plain JSON object: what `dist/cli.js` prints and what "Parameters JSON" exports.
 * Its keys are documented in the README (the CLI's output is a stable interface).
 */
import type { CovarianceDto, FitResultDto, GaussianParamsDto, ParamsDto } from '../protocol/model';

/** Every component's covariance as a d × d matrix (the CLI's `covariances` key is documented that way). */
export function covarianceMatrices(params: GaussianParamsDto): number[][][] {
  const c = params.covariance;
  if (c.layout === 'full') return c.matrices;
  return c.variances.map((v) => v.map((vi, a) => v.map((_, b) => (a === b ? vi : 0))));
}

/** The numeric block of any family's parameters: model, means and covariances (absent without numeric columns). */
function numericBlock(p: ParamsDto): { model: string; means: number[][]; covariance: CovarianceDto } | undefined {
  if (p.kind === 'gaussian') return p;
  return p.gaussian;
}

/** Full-matrix models: K × d × d covariances; diagonal ones their K × d variances (a wide diagonal fit stays small). */
function covarianceKeys(c: CovarianceDto): Record<string, unknown> {
  return c.layout === 'full' ? { covariances: c.matrices } : { variances: c.variances };
}

export function modelSummary(dto: FitResultDto): Record<string, unknown> {
  const p = dto.params;
  const g = numericBlock(p);
  const out: Record<string, unknown> = {
    k: p.nComponents,
    covariance: g ? g.model : 'latent class',
    // Every column fitted (a mixed model's categorical and count columns too), in the order asked for.
    columns: dto.settings.columns.length > 0 ? dto.settings.columns : dto.columns,
    logLikelihood: dto.logLikelihood,
    bic: dto.bic,
    aic: dto.aic,
    icl: dto.icl,
    nParameters: dto.nParameters,
    iterations: dto.iterations,
    converged: dto.converged,
    nRows: dto.nRowsUsed,
    nDropped: dto.nDropped,
    weights: p.weights,
    ...(g ? { means: g.means, ...covarianceKeys(g.covariance) } : {}),
    ...(p.kind === 'mixed' ? {
      categorical: Object.fromEntries(p.categorical.map((c) => [c.column, { levels: c.levels, probabilities: c.probabilities }])),
      counts: Object.fromEntries(p.counts.map((c) => [c.column, c.rates])),
    } : {}),
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
  if (dto.streamed) {
    const em = dto.streamed.passes.filter((p) => p.purpose === 'em');
    out.streamed = {
      ...(dto.streamed.decodedBytes !== undefined ? { by: 'row group', decodedBytes: dto.streamed.decodedBytes } : {}),
      passes: dto.streamed.passes.length,
      secondsPerPass: em.length > 0 ? Math.round((1000 * em.reduce((t, p) => t + p.seconds, 0)) / em.length) / 1000 : null,
      passList: dto.streamed.passes,
    };
  }
  return out;
}
