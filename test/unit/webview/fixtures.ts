/** Small hand-made DTOs for the webview's pure modules. */
import type { DatasetDto, FitResultDto, FitSettingsDto, GaussianParamsDto, MixedParamsDto } from '../../../src/protocol/model';

export const settings: FitSettingsDto = {
  columns: ['x', 'y'], categorical: [], counts: [], components: { min: 2, max: 2 }, models: ['VVV'], standardize: false, nInit: 1, seed: 0,
  maxIter: 100, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'kmeans++', maxPoints: 20000,
};

export const params: GaussianParamsDto = {
  kind: 'gaussian', model: 'VVV', nComponents: 2, nFeatures: 2, weights: [0.25, 0.75],
  means: [[0, 0], [10, 5]],
  covariance: { layout: 'full', matrices: [[[1, 0], [0, 4]], [[4, 1], [1, 1]]] },
};

export const dataset: DatasetDto = {
  fileName: 'd.csv', uri: 'file:///d.csv', format: 'csv', nRows: 4, sizeBytes: 40, notices: [],
  columns: [
    { name: 'x', type: 'numeric', usable: true, stats: { count: 4, missing: 0 } },
    { name: 'y', type: 'numeric', usable: true, stats: { count: 4, missing: 0 } },
    { name: 'label', type: 'text', usable: false, reason: 'text', stats: { count: 4, missing: 0 } },
  ],
};

export function result(over: Partial<FitResultDto> = {}): FitResultDto {
  return {
    columns: ['x', 'y'], totalMs: 6, issues: [],
    starts: { nStarts: 2, nCompleted: 2, nReachedBest: 1, bestMethod: 'kmeans++', runnerUpGap: 0.25, nDegenerate: 0 },
    settings, params, logLikelihood: -10, bic: 25, aic: 22, icl: 26, nParameters: 11,
    iterations: 3, converged: true, elapsedMs: 5, nRowsUsed: 4, nDropped: 0, nImputedRows: 0, counts: [1, 3],
    runs: [
      { run: 0, init: 'kmeans++', logLikelihood: [-14, -12, -11], lowerBoundAfterM: [-16, -12.5, -11.2], lowerBoundAfterE: [-14, -12, -11], finalLogLikelihood: -11, iterations: 3, outcome: 'converged', converged: true },
      { run: 1, init: 'kmeans++', logLikelihood: [-13, -10.5, -10], lowerBoundAfterM: [-15, -11, -10.1], lowerBoundAfterE: [-13, -10.5, -10], finalLogLikelihood: -10, iterations: 3, outcome: 'converged', converged: true },
    ],
    bestRun: 1, history: [params, params, params], historyIterations: [1, 2, 3],
    sample: {
      total: 4, rowIndex: [0, 1, 2, 3], line: [2, 3, 4, 5],
      values: [[0, 0], [10, 5], [11, 5], [9, 6]], imputed: [[false, false], [false, false], [false, true], [false, false]],
      labels: [0, 1, 1, 1], resp: [[1, 0], [0, 1], [0, 1], [0, 1]],
    },
    notices: [],
    ...over,
  };
}

/** A mixed model: one numeric column (diagonal), a categorical column of three levels (one holding a comma) and a count. */
export const mixedParams: MixedParamsDto = {
  kind: 'mixed', nComponents: 2, weights: [0.4, 0.6],
  gaussian: { model: 'VVI', nFeatures: 1, means: [[1], [5]], covariance: { layout: 'diag', variances: [[4], [1]] } },
  categorical: [{ column: 'colour', levels: ['red', 'green', 'blue, dark'], probabilities: [[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]] }],
  counts: [{ column: 'visits', rates: [0.5, 7.25] }],
};

/** A latent class model: categorical columns only. */
export const latentClassParams: MixedParamsDto = {
  kind: 'mixed', nComponents: 2, weights: [0.5, 0.5],
  categorical: [
    { column: 'sex', levels: ['f', 'm'], probabilities: [[0.9, 0.1], [0.2, 0.8]] },
    { column: 'class', levels: ['1st', '2nd', '3rd'], probabilities: [[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]] },
  ],
  counts: [],
};
