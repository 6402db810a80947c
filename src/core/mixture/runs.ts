/**
 * The runs of a fit as the generic layer follows them: a run's record (trace, replay history, saved state), the
 * driver that pulls EM iterations into it, how a phase ends (`settle`), continuing a saved run (`resume`), and the
 * choice of the kept run. Shared by the starts (`fit.ts`) and the local search after them (`search.ts`).
 */
import type { ComponentIssue, EmOptions, IterationReport, RunOrigin, RunTrace } from './types';
import type { MixtureFamily, StepFailure } from './family';
import { emSteps, type EmState, type RunEnd } from './em';
import { FitError, messages } from './errors';
import { aitkenLimit } from './criteria';

/** Optional callbacks for a fit. */
export interface FitHooks<P = unknown> {
  /** Called after every iteration of every run (params only when history is recorded). */
  onIteration?(report: IterationReport<P>): void;
  /** Polled at least once per iteration and inside the starts; true ends the fit with FitError 'cancelled'. */
  isCancelled?(): boolean;
}

/** Parameter snapshots kept for replay per fit, in numbers (≈ 16 MB); later iterations are dropped with a notice. */
const HISTORY_BUDGET = 2_000_000;

/** One run as the fit follows it. */
export interface RunRecord<P, S> {
  trace: RunTrace;
  history: P[];
  /** Iterations whose snapshot was dropped for memory (history.length when capped, else 0). */
  capped: number;
  state?: S;
  em?: EmState;
  issues: ComponentIssue[];
  complete: boolean;
  failureCode?: StepFailure['code'];
  /** Snapshots of `history` taken on the sample stage. */
  historyOnSample?: number;
}

export type Drive<P> = (rec: RunRecord<P, unknown>, steps: Generator<IterationReport<P>, RunEnd, void>) => RunEnd;

/** Pulls a phase of the loop to its end, recording every iteration in the run's trace and history. */
export function driver<P, S>(family: MixtureFamily<P, S>, o: EmOptions, hooks: FitHooks<P>, cancelled: () => boolean, sampleRows?: number): Drive<P> {
  let snapshotSize = -1;
  return (rec, steps) => {
    const { trace, history } = rec;
    for (;;) {
      checkCancel(cancelled);
      const next = steps.next();
      if (next.done) return next.value;
      const report = next.value;
      if (sampleRows !== undefined) report.sampleRows = sampleRows;
      trace.logLikelihood.push(report.logLikelihood);
      trace.lowerBoundAfterE.push(report.lowerBoundAfterE);
      trace.lowerBoundAfterM.push(report.lowerBoundAfterM);
      trace.finalLogLikelihood = report.logLikelihood;
      trace.iterations = report.iteration;
      if (o.recordHistory && rec.capped === 0) {
        const params = family.snapshot();
        if (snapshotSize < 0) snapshotSize = numbersIn(params);
        if ((history.length + 1) * snapshotSize <= HISTORY_BUDGET) {
          report.params = params;
          history.push(params);
        } else rec.capped = history.length;
      }
      hooks.onIteration?.(report);
    }
  };
}

export function newRecord<P, S>(run: number, init: RunOrigin): RunRecord<P, S> {
  return {
    trace: { run, init, logLikelihood: [], lowerBoundAfterE: [], lowerBoundAfterM: [], finalLogLikelihood: -Infinity, iterations: 0, outcome: 'failed', converged: false },
    history: [], capped: 0, issues: [], complete: false,
  };
}

/** Records how a phase ended: failed, complete (converged or out of iterations; assessed), or paused after screening. */
export function settle<P, S>(family: MixtureFamily<P, S>, rec: RunRecord<P, S>, end: RunEnd, maxIter: number): void {
  const { trace } = rec;
  trace.iterations = end.iterations;
  trace.converged = end.converged;
  if (end.failure !== undefined) {
    trace.outcome = 'failed';
    trace.failure = end.failure.failure;
    rec.failureCode = end.failure.code;
    rec.state = undefined;
    rec.history = [];
    return;
  }
  rec.state = family.save();
  rec.em = end.state;
  if (!end.converged && end.iterations < maxIter) return; // paused after screening
  rec.complete = true;
  trace.outcome = end.converged ? 'converged' : 'max-iter';
  rec.issues = family.assess();
  if (rec.issues.length > 0) {
    trace.degenerate = true;
    trace.failure = rec.issues[0].message;
  }
}

/** Sets the family to a saved run, takes the E-step at its θ, and continues the loop from where it stopped. */
export function resume<P, S>(family: MixtureFamily<P, S>, rec: RunRecord<P, S>, drive: Drive<P>, maxIter: number, tol: number, phase: 'restart' | 'refine'): RunEnd {
  family.restore(rec.state as S);
  const e = family.eStep();
  if ('failure' in e) return { iterations: rec.trace.iterations, converged: false, failure: e };
  return drive(rec as RunRecord<P, unknown>, emSteps(family, rec.trace.run, maxIter, tol, rec.em, phase));
}

/** Keeps the replay history of only the runs that might be kept (memory), and of runs still paused. */
export function dropBeaten<P, S>(records: RunRecord<P, S>[]): void {
  const complete = records.filter((r) => r.complete).sort(byLogLikelihood);
  const keep = complete.find((r) => r.issues.length === 0) ?? complete[0];
  if (!keep) return;
  const level = keep.trace.finalLogLikelihood;
  for (const r of complete) if (r !== keep && r.trace.run !== 0 && !(r.issues.length === 0 && projectedLimit(r.trace) >= level)) r.history = [];
}

/**
 * Where a run's log-likelihood is heading: its Aitken limit, with the remaining gain doubled for safety (a run
 * whose projection cannot reach the kept one's is not worth refining).
 */
export function projectedLimit(trace: RunTrace): number {
  const ll = trace.finalLogLikelihood;
  return ll + 2 * Math.max(0, aitkenLimit(trace.logLikelihood) - ll);
}

export const byLogLikelihood = (a: { trace: RunTrace }, b: { trace: RunTrace }): number =>
  b.trace.finalLogLikelihood - a.trace.finalLogLikelihood || a.trace.run - b.trace.run;

/** The kept run: the best sound completed run, else the best degenerate one; throws when every run failed. */
export function chooseRun<P, S>(records: RunRecord<P, S>[], nInit: number): RunRecord<P, S> {
  const complete = records.filter((r) => r.complete).sort(byLogLikelihood);
  const best = complete.find((r) => r.issues.length === 0) ?? complete[0];
  if (best !== undefined) return best;
  const first = records.find((r) => r.failureCode !== undefined);
  const text = first?.trace.failure ?? messages.cancelled();
  throw new FitError(first?.failureCode ?? 'ill-defined-covariance', nInit === 1 ? text : messages.allRunsFailed(nInit, text));
}

export function checkCancel(cancelled: () => boolean): void {
  if (cancelled()) throw new FitError('cancelled', messages.cancelled());
}

function numbersIn(params: unknown): number {
  let n = 0;
  for (const v of Object.values(params as Record<string, unknown>)) if (v instanceof Float64Array) n += v.length;
  return Math.max(1, n);
}

/** Sets the family to a saved state and takes the E-step there (it passed when the run ended). */
export function restoreAndStep<P, S>(family: MixtureFamily<P, S>, state: S): void {
  family.restore(state);
  const e = family.eStep();
  // The same θ passed this E-step when the run ended; failing now would be a bug, not the data.
  if ('failure' in e) throw new FitError(e.code, e.failure);
}
