/**
 * `fitMixture`: one mixture of any family fitted from several starts (scikit-learn's `BaseMixture.fit_predict`,
 * plus the start portfolio, short-EM screening and refinement), written once for every family.
 *
 * 1. Every start runs EM (`starts.ts` chooses how it begins). With three or more starts and tol > 0 they are
 *    screened (Biernacki, Celeux & Govaert 2003, "em-EM"): start 0 runs to convergence; the others run
 *    SCREEN_ITERATIONS iterations, and only the most promising third go on to convergence. A family with many maxima
 *    (`thoroughStarts`: mixed data, latent class models) screens a larger pool on a small table, by successive
 *    halving (`screen.ts`), and carries nInit of them to convergence.
 * 2. The kept run is the highest log-likelihood among completed runs that are sound; a run that ends at a
 *    degenerate maximum (`MixtureFamily.assess`) is kept only when every completed run is degenerate.
 * 3. The kept run is carried on to `refineTol` with the same EM loop (now, or later by the model selection, which
 *    refines only the models it might choose: `completeFit`).
 */
import { DEFAULT_EM_OPTIONS, type ComponentIssue, type EmOptions, type FitNotice, type MixtureFit, type RunOutcome, type RunTrace, type SearchSummary, type StartsSummary } from './types';
import type { FamilySpec, MixtureFamily, StepFailure } from './family';
import { emSteps, type EmState, type RunEnd } from './em';
import { notices } from './errors';
import { aic, aitkenLimit, bic, hardLogResp } from './criteria';
import { planStarts, writeStart } from './starts';
import { checkEmOptions } from './options';
import { screenRuns } from './screen';
import { searchMoves } from './search';
import { argmax, inputOrder } from './inputOrder';
import { createRng } from '../numeric/rng';
import {
  byLogLikelihood, checkCancel, chooseRun, dropBeaten, driver, newRecord, projectedLimit, restoreAndStep, resume, settle,
  type Drive, type FitHooks, type RunRecord,
} from './runs';

export type { FitHooks };

/** Iterations a screened start runs before the most promising are chosen to go on. */
export const SCREEN_ITERATIONS = 12;
/** Fewest starts that are screened (with fewer, every start runs to convergence). */
const MIN_STARTS_TO_SCREEN = 3;


/** What the fit does beyond finding the kept run. */
export interface FitPlan {
  /** Carry the kept run on to refineTol now (else the outcome carries what `completeFit` needs). */
  refine: boolean;
  /** Compute the input-order arrays (resp, labels, logDensity); else they are empty and only scores are set. */
  arrays: boolean;
  /**
   * Whether the split-and-merge search is worth running, given the BIC of the best run of the starts (a model
   * selection answers false for a candidate the search could not make the choice); absent: always.
   */
  search?: (bic: number) => boolean;
}


/** A fit, with the kept run's working state so it can be refined or its arrays computed later. */
export interface FitOutcome<P, S> {
  fit: MixtureFit<P>;
  /** Per-component hard counts over the rows used (so a sweep need not keep the arrays). */
  counts: number[];
  /** The kept run's working state at `fit.params`. */
  state: S;
  /**
   * Set while the fit can still be refined (plan.refine was false): the runs that might end highest once refined —
   * the kept run and any run whose Aitken-projected limit reaches it — with what continuing them needs.
   */
  pending?: Contender<P, S>[];
}

/** A completed run that refinement might make the kept one. */
export interface Contender<P, S> {
  readonly trace: RunTrace;
  readonly state: S;
  readonly em: EmState;
  readonly history: P[];
  readonly historyOnSample: number;
  readonly issues: ComponentIssue[];
}

/**
 * Fits `spec` with K = options.nComponents.
 * @throws FitError with a user-facing message (bad options or data, every run failed, cancelled)
 */
export function fitMixture<P, S>(
  spec: FamilySpec<P, S>, options: Partial<EmOptions>, hooks: FitHooks<P> = {}, plan: FitPlan = { refine: true, arrays: true },
): FitOutcome<P, S> {
  const started = Date.now();
  const o: EmOptions = { ...DEFAULT_EM_OPTIONS, ...options };
  checkEmOptions(o);
  const cancelled = (): boolean => hooks.isCancelled?.() === true;
  checkCancel(cancelled);
  const sampled = sampleFor(spec, o);
  let records: RunRecord<P, S>[];
  let finalists: RunRecord<P, S>[];
  let starts: StartsSummary;
  if (sampled) {
    // Stage 1: every start on the sample; stage 2 (below): the most promising carried on to every row.
    const small = sampled.create(o.nComponents);
    try {
      records = runStarts(sampled, small, o, driver(small, o, hooks, cancelled, sampled.nRowsUsed), cancelled, plan.search).records;
    } finally {
      small.end();
    }
    chooseRun(records, records.length); // throws when every start failed on the sample
    finalists = chooseFinalists(records);
    starts = { ...summariseStarts(records, chooseRun(records, records.length), sampled.nRowsUsed, o.tol), sampleRows: sampled.nRowsUsed, nCarried: finalists.length };
  }
  const family = spec.create(o.nComponents);
  try {
    const drive = driver(family, o, hooks, cancelled);
    if (sampled) {
      for (const rec of records!) if (!finalists!.includes(rec)) moveToSample(rec, sampled.nRowsUsed, 'not-carried');
      for (const rec of finalists!) {
        checkCancel(cancelled);
        moveToSample(rec, sampled.nRowsUsed, rec.trace.outcome);
        family.beginRun(createRng(o.seed, 3 * o.nInit + rec.trace.run));
        settle(family, rec, carry(family, rec, drive, o), o.maxIter);
      }
    } else {
      const ran = runStarts(spec, family, o, drive, cancelled, plan.search);
      records = ran.records;
      starts = summariseStarts(records, chooseRun(records, records.length), family.nSamples, o.tol);
      if (ran.search) starts.search = ran.search;
    }
    const pool = sampled ? finalists! : records!;
    const best = chooseRun(pool, records!.length);
    const noticeList: FitNotice[] = [...spec.notices];
    const failed = records!.filter((r) => isStart(r) && (r.trace.outcome === 'failed' || r.trace.sample?.outcome === 'failed')).length;
    if (failed > 0) noticeList.push(notices.runsFailed(failed, starts!.nStarts));
    if (starts!.nDegenerate > 0 && best.issues.length === 0) noticeList.push(notices.degenerateRunsSetAside(starts!.nDegenerate));
    return conclude(spec, family, best, contendersOf(pool, best, o), records!.map((r) => r.trace), starts!, o, plan, drive, noticeList, started);
  } finally {
    family.end();
  }
}

/** Rows per free parameter the sample of a two-stage fit holds at least; and its least size. */
const SAMPLE_ROWS_PER_PARAMETER = 20, SAMPLE_MIN_ROWS = 4096;
/** Starts carried from the sample to every row at most (the anchor, the best, then other distinct maxima). */
const MAX_FINALISTS = 3;

/**
 * The sample a two-stage fit starts on: max(4096, 20 rows per free parameter) rows, used only when the table has at
 * least twice that many (then its starts, screening and most iterations cost a fraction; see `chooseFinalists`).
 */
function sampleFor<P, S>(spec: FamilySpec<P, S>, o: EmOptions): (FamilySpec<P, S> & { nRowsUsed: number }) | undefined {
  const rows = sampleRowsFor(spec.nParameters(o.nComponents));
  // A streamed data set always starts on its sample: its rows are not at hand for a start.
  if (spec.streamed && spec.sample) return { ...spec.sample(rows, o.seed), nRowsUsed: Math.min(rows, spec.streamed.nUsed) };
  if (!spec.sample || o.tol === 0) return undefined;
  if (spec.order.length < 2 * rows) return undefined;
  return { ...spec.sample(rows, o.seed), nRowsUsed: rows };
}

/** Rows of the sample a two-stage fit of a model with `nParameters` free parameters starts on. */
export function sampleRowsFor(nParameters: number): number {
  return Math.max(SAMPLE_MIN_ROWS, SAMPLE_ROWS_PER_PARAMETER * nParameters);
}

/** Screened starts of the portfolio that go on to convergence: 1 / FINAL_SHARE of the restarts asked for. */
const FINAL_SHARE = 3;
/** Iterations of the first screening phase of a larger pool (see `poolSize`). */
const POOL_SCREEN_ITERATIONS = 50;
/** Rows up to which a thorough family's pool holds MAX_POOL_FACTOR × nInit starts; above, ⌊POOL_ROWS / rows⌋ × nInit. */
const POOL_ROWS = 8000, MAX_POOL_FACTOR = 60;

/**
 * The starts a fit screens: nInit, or for a family whose likelihood has many maxima (`FamilySpec.thoroughStarts`)
 * with the portfolio a pool of ⌊POOL_ROWS / rows⌋ × nInit (1× to MAX_POOL_FACTOR×): on a small table a short start
 * costs little, so many more are screened; a table of POOL_ROWS rows or more (and any sample) gets nInit.
 */
function poolSize(o: EmOptions, nSamples: number, thorough: boolean): number {
  if (!thorough || o.nComponents < 2 || o.init !== 'portfolio' || o.tol <= 0 || o.nInit < MIN_STARTS_TO_SCREEN) return o.nInit;
  return o.nInit * Math.min(MAX_POOL_FACTOR, Math.max(1, Math.floor(POOL_ROWS / nSamples)));
}

/**
 * Every start, screened (Biernacki, Celeux & Govaert's em-EM) when there are three or more: start 0 runs to
 * convergence; the others run SCREEN_ITERATIONS iterations and the most promising third go on.
 */
function runStarts<P, S>(
  spec: FamilySpec<P, S>, family: MixtureFamily<P, S>, o: EmOptions, drive: Drive<P>, cancelled: () => boolean,
  worthSearching: FitPlan['search'],
): { records: RunRecord<P, S>[]; search?: SearchSummary } {
  const pool = poolSize(o, family.nSamples, spec.thoroughStarts === true);
  const methods = planStarts(pool, o.init, spec.hierarchical !== undefined, spec.startCycle, spec.fullModel !== undefined);
  // A large pool of short runs is ranked after POOL_SCREEN_ITERATIONS: after 12, the run that ends highest is
  // often still behind (its climb can be slow at first).
  const firstPhase = pool > o.nInit ? POOL_SCREEN_ITERATIONS : SCREEN_ITERATIONS;
  const screening = methods.length >= MIN_STARTS_TO_SCREEN && o.tol > 0;
  const records: RunRecord<P, S>[] = [];
  for (let run = 0; run < methods.length; run++) {
    checkCancel(cancelled);
    const rng = createRng(o.seed, run);
    family.beginRun(rng);
    const method = writeStart(methods[run], spec, family, rng, o.seed, cancelled);
    const rec = newRecord<P, S>(run, method);
    const screened = screening && run > 0;
    const limit = screened ? Math.min(o.maxIter, firstPhase) : o.maxIter;
    settle(family, rec, drive(rec, emSteps(family, run, limit, o.tol, undefined, screened ? 'screen' : 'restart')), o.maxIter);
    if (screened && !rec.complete && rec.trace.failure === undefined) rec.trace.screenedFor = rec.trace.iterations;
    records.push(rec);
    dropBeaten(records);
  }
  // The most promising screened starts go on to convergence (in stages of successive halving); the rest stop.
  // A larger pool keeps nInit finalists; the portfolio of nInit starts a third of them.
  const nFinal = pool > o.nInit ? o.nInit : Math.max(1, Math.ceil(o.nInit / FINAL_SHARE));
  screenRuns(family, records, records, nFinal, firstPhase, o, drive, cancelled, methods.length);
  // With a larger pool (a family with many maxima, a small table), split-and-merge moves from the best maxima.
  if (pool <= o.nInit) return { records };
  if (worthSearching && !worthSearching(bic(chooseRun(records, records.length).trace.finalLogLikelihood, family.nParameters, family.nSamples))) {
    return { records, search: { nMoves: 0, nImproved: 0, skipped: true } };
  }
  return { records, search: searchMoves(spec, family, records, o, drive, cancelled, 4 * methods.length) };
}

/**
 * The sample-stage runs carried on to every row: start 0 (the anchor), the best sound run, then the best runs at
 * other maxima (in log-likelihood order), at most MAX_FINALISTS, all as sound as the best.
 */
function chooseFinalists<P, S>(records: RunRecord<P, S>[]): RunRecord<P, S>[] {
  const best = chooseRun(records, records.length);
  const sound = best.issues.length === 0;
  const eligible = records.filter((r) => r.complete && r.state !== undefined && (r.issues.length === 0) === sound).sort(byLogLikelihood);
  const out: RunRecord<P, S>[] = [best];
  if (records[0] !== best && eligible.includes(records[0])) out.push(records[0]);
  const level = (r: RunRecord<P, S>): number => r.trace.finalLogLikelihood;
  for (const r of eligible) {
    if (out.length >= MAX_FINALISTS) break;
    if (out.includes(r)) continue;
    // Another start at the same maximum as one already carried adds nothing.
    if (out.some((f) => Math.abs(level(f) - level(r)) <= Math.max(1e-3, 1e-6 * Math.abs(level(f))))) continue;
    out.push(r);
  }
  return out;
}

/** Moves a run's sample-stage curve into `trace.sample`, leaving the trace ready for the all-rows stage. */
function moveToSample<P, S>(rec: RunRecord<P, S>, rows: number, outcome: RunOutcome): void {
  const t = rec.trace;
  t.sample = { rows, logLikelihood: t.logLikelihood, iterations: t.iterations, outcome };
  t.logLikelihood = [];
  t.lowerBoundAfterE = [];
  t.lowerBoundAfterM = [];
  t.iterations = 0;
  t.finalLogLikelihood = -Infinity;
  t.converged = false;
  delete t.screenedFor;
  if (outcome === 'not-carried') { t.outcome = 'not-carried'; rec.history = []; rec.complete = false; }
  rec.historyOnSample = rec.history.length;
}

/** Restores a sample-stage state on every row, takes the E-step there and runs EM from it to tol. */
function carry<P, S>(family: MixtureFamily<P, S>, rec: RunRecord<P, S>, drive: Drive<P>, o: EmOptions): RunEnd {
  family.restore(rec.state as S);
  const e = family.eStep();
  if ('failure' in e) return { iterations: 0, converged: false, failure: e };
  const from: EmState = { iteration: 0, logLikelihood: e.logLikelihood, gain: NaN, qLogQ: e.crossNew - e.boundAfterE, converging: false };
  rec.complete = false;
  return drive(rec as RunRecord<P, unknown>, emSteps(family, rec.trace.run, o.maxIter, o.tol, from, 'restart'));
}

/**
 * Completes a fit made with `plan.refine = false` or `plan.arrays = false`: carries the kept run on to refineTol
 * when asked and still possible, and computes the input-order arrays when asked. The family is made afresh from
 * `spec` (a model selection keeps no family alive between candidates).
 */
export function completeFit<P, S>(
  spec: FamilySpec<P, S>, outcome: FitOutcome<P, S>, options: Partial<EmOptions>, hooks: FitHooks<P> = {}, plan: FitPlan = { refine: true, arrays: true },
): FitOutcome<P, S> {
  const o: EmOptions = { ...DEFAULT_EM_OPTIONS, ...options };
  const cancelled = (): boolean => hooks.isCancelled?.() === true;
  const started = Date.now() - outcome.fit.elapsedMs;
  const trace = outcome.fit.runs.find((r) => r.run === outcome.fit.bestRun);
  if (!trace) throw new Error('completeFit: the kept run is missing');
  const family = spec.create(o.nComponents);
  try {
    const toRecord = (c: Contender<P, S>): RunRecord<P, S> => ({ ...c, history: c.history, capped: 0, complete: true, issues: c.issues });
    const contenders = (outcome.pending ?? []).map(toRecord);
    const rec = contenders.find((c) => c.trace === trace) ?? {
      trace, history: outcome.fit.history, capped: 0, state: outcome.state, issues: outcome.fit.issues, complete: true,
    };
    const noticeList = outcome.fit.notices.filter((n) => n.code !== 'not-converged' && !n.code.startsWith('component-'));
    return conclude(spec, family, rec, contenders, outcome.fit.runs, outcome.fit.starts, o, plan, driver(family, o, hooks, cancelled), noticeList, started);
  } finally {
    family.end();
  }
}







/**
 * The kept run first, then start 0 (the anchor: mclust's own start in the portfolio, and the run a single start
 * would give, so more starts never end below one or below mclust's start), then every other completed run whose
 * projected limit reaches the kept run's log-likelihood; all as sound as the kept run.
 */
function contendersOf<P, S>(records: RunRecord<P, S>[], best: RunRecord<P, S>, o: EmOptions): RunRecord<P, S>[] {
  const level = best.trace.finalLogLikelihood;
  const soundBest = best.issues.length === 0;
  const eligible = (r: RunRecord<P, S>): boolean => r !== best && r.complete && refinable(r, o) && (r.issues.length === 0) === soundBest;
  const anchor = records[0] !== undefined && eligible(records[0]) ? [records[0]] : [];
  const others = records.filter((r) => eligible(r) && r !== records[0] && projectedLimit(r.trace) >= level).sort(byLogLikelihood);
  return [best, ...anchor, ...others];
}

/** Whether refinement can carry a run on: it converged at tol with iterations left and a gain still above refineTol. */
function refinable<P, S>(r: RunRecord<P, S>, o: EmOptions): boolean {
  const refineTol = o.tol > 0 ? o.refineTol ?? o.tol * 1e-3 : 0;
  const em = r.em;
  return em !== undefined && o.tol > 0 && refineTol < o.tol && r.trace.converged && r.trace.refinedFrom === undefined
    && em.iteration < o.maxIter && !(Math.abs(em.gain) < refineTol);
}



/**
 * What the starts say about how sure the kept maximum is. Runs stopped at `tol` are compared by where they are
 * heading (Aitken's limit), and two count as the same maximum when those differ by less than the precision the
 * user asked for: tol per row (or 1e-6 relative, 1e-3 absolute, when that is larger).
 */
function summariseStarts<P, S>(records: RunRecord<P, S>[], best: RunRecord<P, S>, nSamples: number, tol: number): StartsSummary {
  // The maxima every run found (starts and moves) set the runner-up; only starts are counted as starts.
  const found = records.filter((r) => r.complete && r.issues.length === 0);
  const starts = records.filter(isStart);
  const complete = starts.filter((r) => r.complete);
  const sound = complete.filter((r) => r.issues.length === 0);
  const limit = (r: RunRecord<P, S>): number => Math.max(r.trace.finalLogLikelihood, aitkenLimit(r.trace.logLikelihood));
  const top = limit(best);
  const same = (v: number): boolean => Math.abs(v - top) <= Math.max(1e-3, 1e-6 * Math.abs(top), nSamples * tol);
  const others = found.map(limit).filter((v) => !same(v) && v < top);
  return {
    nStarts: starts.length,
    nCompleted: complete.length,
    nReachedBest: complete.filter((r) => same(limit(r))).length,
    bestMethod: best.trace.init,
    runnerUpGap: others.length > 0 ? (top - Math.max(...others)) / nSamples : null,
    nDegenerate: complete.length - sound.length,
  };
}

/** A run of the starts, not a move of the search after them. */
function isStart<P, S>(r: RunRecord<P, S>): boolean {
  return r.trace.init !== 'split-merge';
}

/**
 * The kept run to the result: when planned, refine the contenders (the kept run, then any other whose projected
 * limit could still overtake the best refined so far; a refinement that fails is rolled back) and keep the highest;
 * then the scores, notices and (when planned) the input-order arrays, all from one E-step at the final θ.
 */
function conclude<P, S>(
  spec: FamilySpec<P, S>, family: MixtureFamily<P, S>, best: RunRecord<P, S>, contenders: RunRecord<P, S>[], runs: RunTrace[],
  starts: StartsSummary, o: EmOptions, plan: FitPlan, drive: Drive<P>, noticeList: FitNotice[], started: number,
): FitOutcome<P, S> {
  const K = o.nComponents, N = family.nSamples;
  let pending: Contender<P, S>[] | undefined;
  if (plan.refine && refinable(best, o)) {
    best = refineContenders(family, contenders.filter((c) => refinable(c, o)), o, drive, noticeList);
  } else {
    restoreAndStep(family, best.state as S);
    if (refinable(best, o)) {
      pending = contenders.filter((c) => refinable(c, o))
        .map((c) => ({ trace: c.trace, state: c.state as S, em: c.em as EmState, history: c.history, historyOnSample: c.historyOnSample ?? 0, issues: c.issues }));
    }
  }
  const trace = best.trace;
  family.flush();
  const ll = trace.finalLogLikelihood;
  const p = family.nParameters;
  const bicValue = bic(ll, p, N);
  const hard = family.hardAssignments?.();
  const counts = hard ? hard.counts : new Array<number>(K).fill(0);
  const resp = family.resp;
  if (!hard) for (let i = 0; i < N; i++) counts[argmax(resp, i * K, K)]++;
  if (!trace.converged && o.tol > 0) noticeList.push(notices.notConverged(o.maxIter));
  if (best.capped > 0) noticeList.push(notices.historyCapped(best.capped));
  noticeList.push(...family.notices);
  for (const issue of best.issues) noticeList.push({ code: `component-${issue.kind}`, message: issue.message });

  const arrays = plan.arrays && !spec.streamed ? inputOrder(spec, family, K) : { resp: new Float64Array(0), labels: new Int32Array(0), logDensity: new Float64Array(0), rowsUsed: new Int32Array(0) };
  const fit: MixtureFit<P> = {
    params: family.snapshot(), ...arrays, logLikelihood: ll, nParameters: p, bic: bicValue, aic: aic(ll, p),
    icl: bicValue - 2 * (hard ? hard.logMaxResp : hardLogResp(resp, N, K)), iterations: trace.iterations, converged: trace.converged,
    elapsedMs: Date.now() - started, bestRun: trace.run, runs, starts, nSamples: N,
    history: best.history, historyOnSample: Math.min(best.historyOnSample ?? 0, best.history.length), nDropped: spec.nDropped, issues: best.issues, notices: dedupe(noticeList),
  };
  fit.starts = { ...starts, bestMethod: trace.init };
  return { fit, counts, state: best.state as S, ...(pending ? { pending } : {}) };
}

/**
 * Refines contenders in order (best at tol first), skipping any whose projected limit cannot overtake the best
 * refined so far, and leaves the family at the E-step of the winner, which it returns.
 */
function refineContenders<P, S>(
  family: MixtureFamily<P, S>, contenders: RunRecord<P, S>[], o: EmOptions, drive: Drive<P>, noticeList: FitNotice[],
): RunRecord<P, S> {
  const refineTol = o.tol > 0 ? o.refineTol ?? o.tol * 1e-3 : 0;
  let kept: RunRecord<P, S> | undefined;
  for (const c of contenders) {
    if (kept && c.trace.run !== 0 && projectedLimit(c.trace) < kept.trace.finalLogLikelihood) continue;
    const trace = c.trace;
    const before = { iterations: trace.iterations, state: c.state as S, history: c.history.length };
    family.beginRun(createRng(o.seed, 2 * o.nInit + trace.run));
    const refined = resume(family, c, drive, o.maxIter, refineTol, 'refine');
    if (refined.failure === undefined) {
      trace.refinedFrom = before.iterations;
      trace.refineConverged = refined.converged;
      trace.iterations = refined.iterations;
      c.issues = family.assess();
      c.state = family.save();
    } else {
      noticeList.push(notices.refineFailed(trace.run, refined.iterations + 1));
      for (const curve of [trace.logLikelihood, trace.lowerBoundAfterE, trace.lowerBoundAfterM]) curve.length = before.iterations;
      trace.finalLogLikelihood = trace.logLikelihood[before.iterations - 1];
      trace.iterations = before.iterations;
      c.history.length = Math.min(c.history.length, before.history);
      if (c.capped > c.history.length) c.capped = 0;
      c.state = before.state;
    }
    if (!kept || trace.finalLogLikelihood > kept.trace.finalLogLikelihood) kept = c;
  }
  const winner = kept ?? contenders[0];
  restoreAndStep(family, winner.state as S);
  return winner;
}




function dedupe(list: FitNotice[]): FitNotice[] {
  const seen = new Set<string>();
  return list.filter((n) => (seen.has(n.message) ? false : (seen.add(n.message), true)));
}

export type { StepFailure };
