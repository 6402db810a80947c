/**
 * The extension point for mixture families (sklearn's abstract hooks on `BaseMixture`): the EM loop in `em.ts`
 * only talks to this interface, so a Student-t, Bernoulli or Poisson family plugs in with its own log density,
 * fused pass and M-step. A family instance owns the working buffers of one fit (responsibilities, statistics).
 */
import type { FitNotice } from './types';

/** Totals of one fused E-step pass, in the user's units. */
export interface PassTotals {
  /** Σ_i log p(x_i | θ_t). */
  readonly logLikelihood: number;
  /** L(q_{t−1}, θ_t) without the entropy term: Σ_ik q_{t−1,ik} log π_k p(x_i | k, θ_t). */
  readonly crossOld: number;
  /** Σ_ik q_{t,ik} log π_k p(x_i | k, θ_t). */
  readonly crossNew: number;
  /** L(q_t, θ_t) = Σ_i log p(x_i | θ_t) Σ_k q_{t,ik}, computed from q_t, not assumed. */
  readonly boundAfterE: number;
}

export interface MixtureFamily<P> {
  readonly kind: string;
  /** Rows in the fit (N of the per-sample tolerance). */
  readonly nSamples: number;
  /** Statistics of the responsibilities left by initialisation; returns Σ_ik r log r of them (0 for hard ones). */
  statsFromResp(): number;
  /**
   * Closed-form M-step from the statistics of the last pass; components re-seeded on the way are listed
   * (their notices are in `notices`). `failure` is a message for the user when θ is ill-defined.
   */
  mStep(run: number, iteration: number): { reseeded: number } | { failure: string };
  /** The fused pass at the current θ: E-step into the responsibilities and statistics for the next M-step. */
  eStep(): PassTotals | { failure: string };
  /** A copy of the current θ in the user's units. */
  snapshot(): P;
  /** Recoveries so far (component re-seeded, …). */
  readonly notices: FitNotice[];
}
