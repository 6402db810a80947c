/**
 * `fitGaussianMixture`: options → prepared data → nInit restarts of the EM loop → the best run as a plain,
 * serialisable `FitResult` (sklearn `BaseMixture.fit_predict` plus bic/aic).
 */
import { DEFAULT_FIT_OPTIONS, type FitNotice, type FitOptions, type FitResult, type GaussianParams, type IterationReport, type Matrix, type RunTrace } from '../mixture/types';
import type { FitHooks } from '../mixture/hooks';
import { FitError, messages, notices } from '../mixture/errors';
import { prepareData } from '../mixture/prepare';
import { initialResp } from '../mixture/init';
import { emSteps, type RunEnd } from '../mixture/em';
import { aic, bic, icl, nParameters } from '../mixture/criteria';
import { createRng } from '../numeric/rng';
import { createSerialExecutor } from './executor';
import { createGaussianFamily } from './family';
import { imputeMissing } from './impute';
import { collapsedComponents, flatComponents } from './collapse';

/** Parameter snapshots kept for replay, in numbers (≈ 16 MB); later iterations are dropped with a notice. */
const HISTORY_BUDGET = 2_000_000;

/**
 * Fits a Gaussian mixture with EM.
 * @param x nSamples × nFeatures, row-major; NaN = missing cell
 * @param options merged over `DEFAULT_FIT_OPTIONS`
 * @throws FitError with a user-facing message (bad input or options, degenerate data, every restart failed, cancelled)
 */
export function fitGaussianMixture(x: Matrix, options: Partial<FitOptions>, hooks: FitHooks = {}): FitResult {
  const started = Date.now();
  const o: FitOptions = { ...DEFAULT_FIT_OPTIONS, ...options };
  const executor = hooks.executor ?? createSerialExecutor();
  const cancelled = (): boolean => hooks.isCancelled?.() === true;
  const checkCancel = (): void => { if (cancelled()) throw new FitError('cancelled', messages.cancelled()); };
  checkCancel();
  const data = prepareData(x, o, (n) => executor.allocate(n));
  const K = o.nComponents, d = data.nFeatures, N = data.nUsed;
  const layout = { nUsed: N, nComplete: data.nComplete, nFeatures: d, nComponents: K, covarianceType: o.covarianceType };
  const buffers = { x: data.x, resp: executor.allocate(N * K), logProbNorm: executor.allocate(N) };
  const family = createGaussianFamily(data, o, executor, layout, buffers);
  const snapshotSize = 2 * K + K * d + family.current.covariances.length;
  const runs: RunTrace[] = [];
  const noticeList: FitNotice[] = [...data.notices];
  let best: { run: number; ll: number; resp: Float64Array; lpn: Float64Array; params: GaussianParams; history: GaussianParams[]; converged: boolean; iterations: number; capped: number; collapsed: number[]; flat: number[] } | undefined;
  const failures: string[] = [];

  // Refinement: a run that converged at tol and may become the result goes on with the same loop to refineTol.
  const refineTol = o.tol > 0 ? o.refineTol ?? o.tol * 1e-3 : 0;
  const refining = o.tol > 0 && refineTol < o.tol;

  executor.begin(layout, buffers);
  try {
    for (let run = 0; run < o.nInit; run++) {
      checkCancel();
      // One stream per restart: restart 0 is the same whatever nInit is, so nInit = 5 never ends below nInit = 1.
      const rng = createRng(o.seed, run);
      family.reset(rng);
      initialResp(o.init, { x: data.x, nSamples: N, nFeatures: d, nComponents: K, resp: buffers.resp, rng, isCancelled: cancelled });
      const trace: RunTrace = { run, init: o.init, logLikelihood: [], lowerBoundAfterE: [], lowerBoundAfterM: [], finalLogLikelihood: -Infinity, iterations: 0, converged: false };
      const history: GaussianParams[] = [];
      let capped = 0;
      /** Pulls a phase of the loop to its end, recording every iteration in the trace and the history. */
      const drive = (steps: Generator<IterationReport, RunEnd, void>): RunEnd => {
        for (;;) {
          checkCancel();
          const next = steps.next();
          if (next.done) return next.value;
          const report = next.value;
          trace.logLikelihood.push(report.logLikelihood);
          trace.lowerBoundAfterE.push(report.lowerBoundAfterE);
          trace.lowerBoundAfterM.push(report.lowerBoundAfterM);
          trace.finalLogLikelihood = report.logLikelihood;
          if (o.recordHistory) {
            if ((history.length + 1) * snapshotSize <= HISTORY_BUDGET) {
              report.params = family.snapshot();
              history.push(report.params);
            } else capped = history.length;
          }
          hooks.onIteration?.(report);
        }
      };
      const end = drive(emSteps(family, run, o.maxIter, o.tol));
      trace.iterations = end.iterations;
      trace.converged = end.converged;
      runs.push(trace);
      if (end.failure !== undefined) { trace.failure = end.failure; failures.push(end.failure); continue; }
      // Only a run that beats the best so far (as refined) can become the result, so only such a run is refined.
      // Which runs are refined depends only on the runs before, so nInit = n still never ends below nInit = m < n.
      if (best !== undefined && !(trace.finalLogLikelihood > best.ll)) continue;
      const keep = (): NonNullable<typeof best> => (executor.flush(), {
        run, ll: trace.finalLogLikelihood, resp: Float64Array.from(buffers.resp), lpn: Float64Array.from(buffers.logProbNorm),
        params: family.snapshot(), history, converged: trace.converged, iterations: trace.iterations, capped,
        collapsed: collapsedComponents(family.current, data.columnVariance, o.regCovar),
        flat: flatComponents(family.current, data.columnVariance, o.regCovar),
      });
      let candidate = keep();
      const state = end.state;
      if (refining && end.converged && state !== undefined && state.iteration < o.maxIter && !(Math.abs(state.gain) < refineTol)) {
        const refined = drive(emSteps(family, run, o.maxIter, refineTol, state));
        if (refined.failure === undefined) {
          trace.refinedFrom = end.iterations;
          trace.refineConverged = refined.converged;
          trace.iterations = refined.iterations;
          candidate = keep();
        } else {
          // Roll back to the converged restart (its copies are in `candidate`); the curve and history follow.
          noticeList.push(notices.refineFailed(run, refined.iterations + 1));
          for (const curve of [trace.logLikelihood, trace.lowerBoundAfterE, trace.lowerBoundAfterM]) curve.length = end.iterations;
          trace.finalLogLikelihood = trace.logLikelihood[end.iterations - 1];
          history.length = Math.min(history.length, end.iterations);
          // A cap reached during the refinement only cut refined iterations, which are gone now.
          if (capped >= end.iterations) candidate.capped = capped = 0;
        }
      }
      if (best === undefined || candidate.ll > best.ll) best = candidate;
    }
  } finally {
    executor.end();
  }
  noticeList.push(...family.notices);
  if (best === undefined) {
    const text = o.nInit === 1 ? failures[0] : messages.allRunsFailed(o.nInit, failures[0]);
    throw new FitError(failures[0].includes('keeps losing') ? 'empty-component' : 'ill-defined-covariance', text);
  }
  if (failures.length > 0) noticeList.push(notices.runsFailed(failures.length, o.nInit));
  if (!best.converged && o.tol > 0) noticeList.push(notices.notConverged(o.maxIter));
  for (const k of best.collapsed) noticeList.push(notices.componentCollapsed(k));
  for (const k of best.flat) noticeList.push(notices.componentFlat(k));
  if (best.capped > 0) noticeList.push(notices.historyCapped(best.capped));

  // Working order → input order: row j of the result is input row rowsUsed[j] (ascending).
  const rowsUsed = Int32Array.from(data.order).sort();
  const position = new Int32Array(data.nRows);
  rowsUsed.forEach((row, j) => { position[row] = j; });
  const resp = new Float64Array(N * K), logDensity = new Float64Array(N), labels = new Int32Array(N);
  for (let w = 0; w < N; w++) {
    const j = position[data.order[w]];
    logDensity[j] = best.lpn[w];
    let arg = 0;
    for (let k = 0; k < K; k++) {
      const r = best.resp[w * K + k];
      resp[j * K + k] = r;
      if (r > best.resp[w * K + arg]) arg = k;
    }
    labels[j] = arg;
  }
  const nImputedRows = N - data.nComplete;
  const p = nParameters(o.covarianceType, K, d);
  const bicValue = bic(best.ll, p, N);
  return {
    params: best.params, resp, labels, logDensity, logLikelihood: best.ll, nParameters: p,
    bic: bicValue, aic: aic(best.ll, p), icl: icl(bicValue, resp, K),
    iterations: best.iterations, converged: best.converged, elapsedMs: Date.now() - started, bestRun: best.run, runs,
    history: best.history, rowsUsed, nDropped: data.nDropped, nImputedRows,
    ...(nImputedRows > 0 ? { imputed: imputeMissing(best.params, x, rowsUsed, resp) } : {}),
    notices: dedupe(noticeList), options: o,
  };
}

function dedupe(list: FitNotice[]): FitNotice[] {
  const seen = new Set<string>();
  return list.filter((n) => (seen.has(n.message) ? false : (seen.add(n.message), true)));
}
