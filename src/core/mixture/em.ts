/**
 * The EM loop, written once for every mixture family (sklearn `BaseMixture.fit_predict`, one restart).
 * Iteration t = M-step (q_{t−1} → θ_t) then the fused E-step (θ_t → q_t), so the run always ends on an E-step
 * that matches its parameters (sklearn's final E-step comes for free) and each iteration reports
 * log p(X | θ_t), L(q_{t−1}, θ_t) after the M-step and L(q_t, θ_t) after the E-step.
 */
import type { IterationReport } from './types';
import type { MixtureFamily } from './family';

/** How a run ended. */
export interface RunEnd {
  /** M-steps taken, counting the one from the initial responsibilities (so sklearn's n_iter_ + 1 for the same run). */
  iterations: number;
  converged: boolean;
  /** Message for the user when the run hit an ill-defined state. */
  failure?: string;
}

/**
 * Yields one report per iteration (without `params`; the caller adds a snapshot when it keeps history) and
 * returns how the run ended. Stops when the mean per-sample log-likelihood changes by less than `tol`
 * (sklearn's meaning; tol = 0 runs maxIter iterations), then takes one more iteration as sklearn does (so a
 * converged run ends one M-step past the first small gain); never counts a gain right after a re-seed.
 * Pull-based, so the caller decides when to report progress and when to cancel (ml-kmeans' generator).
 */
export function* emSteps<P>(family: MixtureFamily<P>, run: number, maxIter: number, tol: number): Generator<IterationReport, RunEnd, void> {
  // Σ q log q of the responsibilities the next bound after M uses.
  let qLogQ = family.statsFromResp();
  let previous = NaN;
  let converging = false;
  for (let t = 1; t <= maxIter; t++) {
    const m = family.mStep(run, t);
    if ('failure' in m) return { iterations: t - 1, converged: false, failure: m.failure };
    const e = family.eStep();
    if ('failure' in e) return { iterations: t - 1, converged: false, failure: e.failure };
    const report: IterationReport = {
      run,
      iteration: t,
      logLikelihood: e.logLikelihood,
      lowerBoundAfterM: e.crossOld - qLogQ,
      lowerBoundAfterE: e.boundAfterE,
    };
    qLogQ = e.crossNew - e.boundAfterE; // Σ q log q = Σ q (log π p − log p(x)) for the new q
    const change = (e.logLikelihood - previous) / family.nSamples;
    previous = e.logLikelihood;
    yield report;
    if (converging) return { iterations: t, converged: true };
    // Like sklearn, which compares log p(X | θ_{t−1}) with log p(X | θ_{t−2}) and then still keeps θ_t: one more
    // M-step after the gain fell below tol, so both stop after the same number of M-steps from the same start.
    if (m.reseeded === 0 && Math.abs(change) < tol) converging = true;
  }
  // The gain fell below tol on the very last allowed iteration: converged by the criterion, without the extra step.
  return { iterations: maxIter, converged: converging };
}
