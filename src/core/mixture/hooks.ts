import type { IterationReport } from './types';
import type { PassExecutor } from '../gaussian/executor';

/** Optional callbacks and machinery for a fit. */
export interface FitHooks {
  /** Called after every iteration of every restart (params only when history is recorded). */
  onIteration?(report: IterationReport): void;
  /** Polled at least once per iteration and inside k-means; true ends the fit with FitError 'cancelled'. */
  isCancelled?(): boolean;
  /** Runs the per-iteration pass (default: single-threaded in the caller's thread). */
  executor?: PassExecutor;
}
