/** The stopping rule shared by the iterative M-steps (VEI, VEV, VEE, EVE, VVE). */

/** Keep iterating while one iteration raises the objective by more than this fraction of its scale… */
export const OBJECTIVE_TOLERANCE = 1e-13;
/**
 * …or moves a parameter (a volume, a shape value, a variance along an axis) by more than this relative amount. The
 * objective alone cannot tell when to stop: it is flat at the maximum, so a parameter error δ changes it by only
 * ~δ², and its rounding (1e-16) hides any δ below 1e-8.
 */
export const PARAMETER_TOLERANCE = 1e-12;
/** At the cap, a last gain above this fraction of the objective's scale reports 'not-converged'. */
export const NOT_CONVERGED_TOLERANCE = 1e-9;

/**
 * The scale of the objective Σ_k [ −N_k/2 · log|Σ_k| − ½ tr(W̃_k Σ_k⁻¹) ] for relative changes: |objective| + N·d/2
 * (the trace term alone is N·d/2 at any optimum of a model with a free volume, so this never degenerates to 0
 * when log|Σ_k| happens to cancel).
 */
export function objectiveScale(objective: number, nTotal: number, d: number): number {
  return Math.abs(objective) + (nTotal * d) / 2;
}

/** The largest relative change |next − previous| / |next| over n values; copies `next` into `previous`. */
export function relativeChange(next: Float64Array, previous: Float64Array, n: number): number {
  let change = 0;
  for (let i = 0; i < n; i++) {
    change = Math.max(change, Math.abs(next[i] - previous[i]) / Math.abs(next[i]));
    previous[i] = next[i];
  }
  return change;
}

/** The state of an inner loop: iterations done, and the last gain of the objective. */
export class InnerLoop {
  iterations = 0;
  private previous = -Infinity;
  private lastGain = Infinity;

  constructor(private readonly maxIterations: number, private readonly nTotal: number, private readonly d: number) {}

  /**
   * Records the objective and the largest relative parameter change of one more iteration.
   * @returns true to go on: below the cap, with the objective still gaining or the parameters still moving.
   */
  next(objective: number, parameterChange: number): boolean {
    this.iterations++;
    this.lastGain = objective - this.previous;
    this.previous = objective;
    if (this.iterations >= this.maxIterations) return false;
    return this.lastGain > OBJECTIVE_TOLERANCE * objectiveScale(objective, this.nTotal, this.d) || parameterChange > PARAMETER_TOLERANCE;
  }

  /** true when the loop stopped at the cap with the objective still gaining noticeably. */
  stalled(): boolean {
    return this.iterations >= this.maxIterations
      && this.lastGain > NOT_CONVERGED_TOLERANCE * objectiveScale(this.previous, this.nTotal, this.d);
  }
}
