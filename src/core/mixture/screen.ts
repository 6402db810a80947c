/**
 * Screening of many short runs by successive halving (em-EM, Biernacki, Celeux & Govaert 2003, in stages): every
 * run has had a first short EM phase; the most promising 1/HALVING of them run twice as many iterations, and so on,
 * until at most `nFinal` are left, which go on to convergence. Ranking by the log-likelihood after 12 iterations
 * alone often misses the run that ends highest (its climb can be slow at first); after 25 or 50 it rarely does,
 * and halving keeps the cost of a large pool near that of its first phase.
 */
import type { EmOptions } from './types';
import type { MixtureFamily } from './family';
import { createRng } from '../numeric/rng';
import { byLogLikelihood, checkCancel, dropBeaten, resume, settle, type Drive, type RunRecord } from './runs';

/** Each stage keeps this share (1 / HALVING) of the runs still paused. */
export const HALVING = 4;

/**
 * Carries the paused runs among `runs` (screened for their first phase) through the stages, and the last nFinal on
 * to convergence; the others end 'screened-out'. `records` is the fit's every run (for `dropBeaten`); `stream` the
 * first random stream of this screening (each run adds its number).
 */
export function screenRuns<P, S>(
  family: MixtureFamily<P, S>, runs: RunRecord<P, S>[], records: RunRecord<P, S>[], nFinal: number, firstPhase: number,
  o: EmOptions, drive: Drive<P>, cancelled: () => boolean, stream: number,
): void {
  let alive = runs.filter(paused).sort(byLogLikelihood);
  let phase = firstPhase;
  for (;;) {
    const keep = Math.max(nFinal, Math.ceil(alive.length / HALVING));
    // The last stage would keep nFinal anyway: they go straight on to convergence.
    if (keep === nFinal || keep >= alive.length || 2 * phase >= o.maxIter) break;
    for (const rec of alive.slice(keep)) stop(rec);
    alive = alive.slice(0, keep);
    phase *= 2;
    for (const rec of alive) {
      checkCancel(cancelled);
      family.beginRun(createRng(o.seed, stream + rec.trace.run));
      settle(family, rec, resume(family, rec, drive, phase, o.tol, 'restart'), o.maxIter);
      if (paused(rec)) rec.trace.screenedFor = rec.trace.iterations;
    }
    dropBeaten(records);
    alive = alive.filter(paused).sort(byLogLikelihood);
  }
  for (const rec of alive.slice(0, nFinal)) {
    checkCancel(cancelled);
    family.beginRun(createRng(o.seed, stream + rec.trace.run));
    settle(family, rec, resume(family, rec, drive, o.maxIter, o.tol, 'restart'), o.maxIter);
    dropBeaten(records);
  }
  for (const rec of alive.slice(nFinal)) stop(rec);
}

/** A run stopped after a screening phase, with a state to continue from. */
function paused<P, S>(rec: RunRecord<P, S>): boolean {
  return !rec.complete && rec.state !== undefined;
}

function stop<P, S>(rec: RunRecord<P, S>): void {
  rec.trace.outcome = 'screened-out';
  rec.history = [];
}
