/** The public API of the EM core (pure TypeScript: no vscode, node or DOM imports anywhere below). */
export * from './mixture/types';
export { FitError, messages, notices, type FitErrorCode } from './mixture/errors';
export type { FitHooks } from './mixture/hooks';
export type { MixtureFamily, PassTotals } from './mixture/family';
export { emSteps, type RunEnd, type EmState } from './mixture/em';
export { nParameters, bic, aic, icl } from './mixture/criteria';
export { fitGaussianMixture } from './gaussian/fit';
export { selectModel, countLabels, type SelectionHooks, type SelectionResult, type SelectionRow } from './mixture/select';
export { expandCovariances, predictResp } from './gaussian/predict';
export { imputeMissing } from './gaussian/impute';
export { createSerialExecutor, type PassExecutor } from './gaussian/executor';
export { runPass, sumsLayout, scratchLength, type PassLayout, type PassBuffers, type PassParams } from './gaussian/pass';
export { logSumExp } from './numeric/logsumexp';
export { createRng, type Rng } from './numeric/rng';
