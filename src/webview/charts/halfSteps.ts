/** The log-likelihood curve's data: the kept run and its E/M half-steps. Pure (no DOM), unit-tested. */
import type { FitResultDto, RunTrace } from '../../protocol/model';

export type Points = { x: number; y: number }[];

/** The run the engine kept (bestRun is the run number; fall back to the index). */
export function chosenRun(result: FitResultDto): RunTrace | undefined {
  return result.runs.find((r) => r.run === result.bestRun) ?? result.runs[result.bestRun];
}

/**
 * The chosen run at half-steps. Iteration t (1-based) is an M-step then an E-step: after the M-step (x = t − ½)
 * the bound is L(q_{t−1}, θ_t) and the log-likelihood log p(X | θ_t); after the E-step (x = t) the bound is
 * L(q_t, θ_t), which equals log p(X | θ_t): the gap has closed.
 */
export function halfSteps(run: RunTrace): { logLik: Points; bound: Points; gap: Points } {
  const logLik: Points = [];
  const bound: Points = [];
  const gap: Points = [];
  run.logLikelihood.forEach((ll, i) => {
    const t = i + 1;
    const afterM = run.lowerBoundAfterM[i];
    const afterE = run.lowerBoundAfterE[i];
    logLik.push({ x: t - 0.5, y: ll }, { x: t, y: ll });
    if (Number.isFinite(afterM)) {
      bound.push({ x: t - 0.5, y: afterM });
      gap.push({ x: t - 0.5, y: ll - afterM });
    }
    if (Number.isFinite(afterE)) {
      bound.push({ x: t, y: afterE });
      gap.push({ x: t, y: ll - afterE });
    }
  });
  return { logLik, bound, gap };
}
