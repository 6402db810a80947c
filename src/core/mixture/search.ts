/**
 * The local search after the starts (split and merge, after Ueda, Nakano, Ghahramani & Hinton 2000): from each of
 * the best ORIGINS distinct sound maxima, each move of `moves.ts` frees a component by merging it into the one it overlaps most and spends it where
 * the fit is poor; EM from the move's responsibilities runs a short screening phase, the most promising go on to
 * convergence, and a move that ends above the best maximum becomes the new best, from which the next round starts.
 * Every run of the search is a record like a start's, with origin 'split-merge', so the choice of the kept run,
 * refinement and replay treat it alike.
 */
import type { EmOptions, SearchSummary } from './types';
import type { FamilySpec, MixtureFamily } from './family';
import { emSteps } from './em';
import { applyMove, proposeMoves, type MoveInput } from './moves';
import { byLogLikelihood, checkCancel, chooseRun, dropBeaten, newRecord, restoreAndStep, resume, settle, type Drive, type RunRecord } from './runs';
import { createRng } from '../numeric/rng';

/** Moves tried per round at most; rounds at most (each round starts from a better maximum). */
const MAX_MOVES = 30, MAX_ROUNDS = 4;
/** Distinct maxima the search starts from. */
const ORIGINS = 6;
/**
 * Moves × rows the search spends at most: a move costs EM iterations over every row, so a table of up to ~700 rows
 * gets the whole search (ORIGINS × MAX_ROUNDS × MAX_MOVES moves), a larger one ⌊SEARCH_ROW_MOVES / rows⌋ moves (at
 * least one round), taken from the best origins first: on 3,000 rows the whole search cost ten times the starts.
 */
const SEARCH_ROW_MOVES = 500_000;
/**
 * Iterations of a move's first screening phase; how many of a round's moves still paused then run to twice that; how
 * many of those go on to convergence. After 25 iterations the move that ends highest was among the best 10 in 20 of
 * 21 improving rounds on a latent class data set (after 50, in 21 of 21), and most moves are still paused then.
 */
const MOVE_SCREEN_ITERATIONS = 25, MOVES_SECOND = 10, MOVES_CONTINUED = 4;


/**
 * Runs the search on `records` (the fit's runs, appended to); `stream` is the first random stream it may use.
 * Does nothing when no run is complete and sound, or K < 2.
 */
export function searchMoves<P, S>(
  spec: FamilySpec<P, S>, family: MixtureFamily<P, S>, records: RunRecord<P, S>[], o: EmOptions, drive: Drive<P>,
  cancelled: () => boolean, stream: number,
): SearchSummary {
  const out: SearchSummary = { nMoves: 0, nImproved: 0 };
  const K = family.nComponents, n = family.nSamples;
  if (K < 2 || o.tol <= 0) return out;
  const budget = Math.max(MAX_MOVES, Math.floor(SEARCH_ROW_MOVES / n));
  const kept = chooseRun(records, records.length);
  if (!kept.complete || kept.issues.length > 0 || kept.state === undefined) return out;
  // The search starts from the best few distinct maxima (a lower one may be a move away from the highest).
  const origins: RunRecord<P, S>[] = [];
  for (const r of records.filter((q) => q.complete && q.issues.length === 0 && q.state !== undefined).sort(byLogLikelihood)) {
    if (origins.length >= ORIGINS) break;
    const ll = r.trace.finalLogLikelihood;
    if (origins.every((q) => Math.abs(q.trace.finalLogLikelihood - ll) > Math.max(1e-6 * Math.abs(ll), 1e-3))) origins.push(r);
  }
  const before = kept.trace.finalLogLikelihood;
  for (const origin of origins) searchFrom(origin);
  out.gain = Math.max(0, chooseRun(records, records.length).trace.finalLogLikelihood - before);
  return out;

  /** Runs the best `keep` of the paused `runs` on to `limit` iterations and stops the others; returns those run on. */
  function runOn(runs: RunRecord<P, S>[], keep: number, limit: number, streamBase: number): RunRecord<P, S>[] {
    const paused = runs.filter((r) => !r.complete && r.state !== undefined).sort(byLogLikelihood);
    for (const rec of paused.slice(0, keep)) {
      checkCancel(cancelled);
      family.beginRun(createRng(o.seed, streamBase + rec.trace.run));
      settle(family, rec, resume(family, rec, drive, limit, o.tol, 'restart'), o.maxIter);
      if (!rec.complete && rec.state !== undefined) rec.trace.screenedFor = rec.trace.iterations;
    }
    for (const rec of paused.slice(keep)) { rec.trace.outcome = 'screened-out'; rec.history = []; }
    return paused.slice(0, keep);
  }

  function searchFrom(start: RunRecord<P, S>): void {
    let best = start;
    for (let round = 0; round < MAX_ROUNDS && out.nMoves < budget; round++) {
      restoreAndStep(family, best.state as S);
      const input: MoveInput = {
        resp: Float64Array.from(family.resp.subarray(0, n * K)), logDensity: Float64Array.from(family.logDensity.subarray(0, n)),
        nSamples: n, nComponents: K, x: spec.startData.x, nFeatures: spec.startData.nFeatures,
      };
      const moves = proposeMoves(input, Math.min(MAX_MOVES, budget - out.nMoves));
      const tried: RunRecord<P, S>[] = [];
      for (const move of moves) {
        checkCancel(cancelled);
        const run = records.length;
        const rng = createRng(o.seed, stream + run);
        family.beginRun(rng);
        applyMove(move, input, family.resp, rng);
        const rec = newRecord<P, S>(run, 'split-merge');
        settle(family, rec, drive(rec, emSteps(family, run, Math.min(o.maxIter, MOVE_SCREEN_ITERATIONS), o.tol, undefined, 'restart')), o.maxIter);
        if (!rec.complete && rec.trace.failure === undefined) rec.trace.screenedFor = rec.trace.iterations;
        records.push(rec);
        tried.push(rec);
        out.nMoves++;
      }
      // The most promising moves run on: MOVES_SECOND to twice the first phase, the best MOVES_CONTINUED of those
      // to convergence; the others stop.
      const second = runOn(tried, MOVES_SECOND, 2 * MOVE_SCREEN_ITERATIONS, stream + MAX_MOVES * MAX_ROUNDS);
      runOn(second, MOVES_CONTINUED, o.maxIter, stream + 2 * MAX_MOVES * MAX_ROUNDS);
      dropBeaten(records);
      const top = tried.filter((r) => r.complete && r.issues.length === 0).sort(byLogLikelihood)[0];
      const level = best.trace.finalLogLikelihood;
      if (top === undefined || top.trace.finalLogLikelihood <= level + Math.max(1e-9 * Math.abs(level), n * o.tol)) break;
      best = top;
      out.nImproved++;
    }
  }
}
