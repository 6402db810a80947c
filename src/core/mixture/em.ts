/**
 * The EM loop, written once for every mixture family (sklearn `BaseMixture.fit_predict`, one restart).
 * Iteration t = M-step (q_{t−1} → θ_t) then the fused E-step (θ_t → q_t), so the run always ends on an E-step
 * that matches its parameters (sklearn's final E-step comes for free) and each iteration reports
 * log p(X | θ_t), L(q_{t−1}, θ_t) after the M-step and L(q_t, θ_t) after the E-step.
 */
import type { IterationPhase, IterationReport } from './types';
import type { MixtureFamily, StepFailure } from './family';

/** Where a run's loop stopped: enough to continue it with the same family state (`emSteps(…, from)`). */
export interface EmState {
  /** Iterations taken so far. */
  readonly iteration: number;
  /** log p(X | θ) at the last iteration. */
  readonly logLikelihood: number;
  /** Mean per-sample change of the log-likelihood at the last iteration (NaN after a single iteration or a re-seed). */
  readonly gain: number;
  /** Σ q log q of the responsibilities the next bound after M uses. */
  readonly qLogQ: number;
  /** The gain already fell below tol: the next iteration is the last (see `emSteps`). */
  readonly converging: boolean;
}

/** How a run ended. */
export interface RunEnd {
  /** M-steps taken, counting the one from the initial responsibilities (so sklearn's n_iter_ + 1 for the same run). */
  iterations: number;
  converged: boolean;
  /** Message for the user when the run hit an ill-defined state. */
  failure?: StepFailure;
  /** The loop's state at the end (absent after a failure), to continue the run. */
  state?: EmState;
}

/**
 * Yields one report per iteration (without `params`; the caller adds a snapshot when it keeps history) and
 * returns how the run ended. Stops when the mean per-sample log-likelihood changes by less than `tol`
 * (sklearn's meaning; tol = 0 runs maxIter iterations), then takes one more iteration as sklearn does (so a
 * converged run ends one M-step past the first small gain); never counts a gain right after a re-seed.
 * Pull-based, so the caller decides when to report progress and when to cancel (ml-kmeans' generator).
 *
 * In the 'refine' phase the gain must also be below `tol` once the gain still to come is counted (`gainAhead`):
 * a slowly converging run (latent class models often are) gains a little less each iteration, for many iterations,
 * so a small step alone stops it well short of its maximum.
 *
 * With `from` (the `state` of a finished call, and the family's statistics those of an E-step at the same θ), the
 * same run continues from where it stopped, at iteration from.iteration + 1, up to maxIter in total: the caller uses
 * it to continue a screened start, or to carry a run converged at `tol` on to a tighter tolerance, without any
 * other arithmetic than the loop's own. `phase` labels the reports.
 */
export function* emSteps<P, S>(
  family: MixtureFamily<P, S>, run: number, maxIter: number, tol: number, from?: EmState, phase: IterationPhase = from ? 'refine' : 'restart',
): Generator<IterationReport<P>, RunEnd, void> {
  // Σ q log q of the responsibilities the next bound after M uses.
  let qLogQ = from ? from.qLogQ : family.statsFromResp();
  let previous = from ? from.logLikelihood : NaN;
  let change = from ? from.gain : NaN;
  const refine = phase === 'refine';
  // A tighter tolerance than the one that set `converging` starts afresh.
  let converging = from !== undefined && from.converging && Math.abs(from.gain) < tol;
  const first = from ? from.iteration + 1 : 1;
  const state = (t: number): EmState => ({ iteration: t, logLikelihood: previous, gain: change, qLogQ, converging });
  for (let t = first; t <= maxIter; t++) {
    const m = family.mStep(run, t);
    if ('failure' in m) return { iterations: t - 1, converged: false, failure: m };
    const e = family.eStep();
    if ('failure' in e) return { iterations: t - 1, converged: false, failure: e };
    const report: IterationReport<P> = {
      run,
      iteration: t,
      phase,
      logLikelihood: e.logLikelihood,
      lowerBoundAfterM: e.crossOld - qLogQ,
      lowerBoundAfterE: e.boundAfterE,
    };
    qLogQ = e.crossNew - e.boundAfterE; // Σ q log q = Σ q (log π p − log p(x)) for the new q
    const before = change;
    change = m.reseeded === 0 ? (e.logLikelihood - previous) / family.nSamples : NaN;
    previous = e.logLikelihood;
    yield report;
    if (converging) return { iterations: t, converged: true, state: { ...state(t), converging: false } };
    // Like sklearn, which compares log p(X | θ_{t−1}) with log p(X | θ_{t−2}) and then still keeps θ_t: one more
    // M-step after the gain fell below tol, so both stop after the same number of M-steps from the same start.
    if (Math.abs(change) < tol && (!refine || gainAhead(change, before, e.logLikelihood / family.nSamples) < tol)) converging = true;
  }
  // The gain fell below tol on the very last allowed iteration: converged by the criterion, without the extra step.
  const last = Math.max(maxIter, first - 1);
  return { iterations: last, converged: converging, state: state(last) };
}

/**
 * The mean per-sample gain a linearly converging EM run still has ahead, by Aitken's δ² on its last two gains
 * (McNicholas et al. 2010's stopping rule; the same rate as `aitkenLimit`): with a = gain / previous, the gains ahead
 * sum to gain · a / (1 − a). Infinite while the gains do not shrink (or the previous one is unknown), so the run goes
 * on; the gain itself when it is not positive, or when it is at the rounding level of the mean log-likelihood
 * `level` (nothing measurable is left).
 */
export function gainAhead(gain: number, previous: number, level: number): number {
  if (!(gain > 0) || gain <= ROUNDING * Math.abs(level)) return Math.abs(gain);
  const a = gain / previous;
  if (!(previous > 0) || !(a < 1)) return Infinity;
  return (gain * a) / (1 - a);
}

/** A change in the mean log-likelihood this small relative to it is rounding, not progress. */
const ROUNDING = 1e-13;
