/** The public API of the EM core (pure TypeScript: no vscode, node or DOM imports anywhere below). */
export * from './mixture/types';
export { FitError, messages, notices, type FitErrorCode } from './mixture/errors';
export { expandCovariances, predictResp } from './gaussian/predict';
export { logSumExp } from './numeric/logsumexp';
export { createRng, type Rng } from './numeric/rng';
