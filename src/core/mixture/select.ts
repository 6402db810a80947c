/**
 * Model selection over candidates (numbers of components × family variants, e.g. covariance models: mclust's
 * practice), ranked by BIC with scikit-learn's sign: LOWER IS BETTER for bic, aic and icl. Written once for every
 * family.
 *
 * Every candidate is fitted to `tol` without refinement. Then only what might be chosen is refined: the chosen
 * candidate, and any candidate whose BIC at the log-likelihood its run is heading for (Aitken's δ², see
 * `criteria.ts`) could still beat the chosen one; the choice is made again after each refinement. Likewise a
 * family's split-and-merge search (mixed data on small tables) runs only for a candidate whose BIC after its starts
 * is within reach of the best so far (see SEARCH_REACH).
 */
import type { ComponentIssue, EmOptions, FitScores, MixtureFit, StartsSummary } from './types';
import type { FamilySpec } from './family';
import { FitError, messages } from './errors';
import { aitkenLimit, bic } from './criteria';
import { completeFit, fitMixture, type FitHooks, type FitOutcome } from './fit';

/** One candidate of the grid: a family variant with K components. `spec` may throw FitError (the cell then fails). */
export interface Candidate<P, S> {
  readonly nComponents: number;
  readonly variant: string;
  spec(): FamilySpec<P, S>;
}

/** One fitted cell of the grid; `error` (and NaN scores) when that candidate could not be fitted. */
export interface SelectionRow<P> extends FitScores {
  nComponents: number;
  variant: string;
  /** Every run of this candidate ended at a degenerate maximum (see `issues`); chosen only when every candidate is. */
  degenerate?: boolean;
  issues?: ComponentIssue[];
  /** The candidate's parameters and hard-assigned count per component (absent when it failed). */
  params?: P;
  counts?: number[];
  starts?: StartsSummary;
  /** Wall time of this candidate's fit (its refinement included). */
  elapsedMs: number;
  /** The kept run was carried on to refineTol (only candidates that might be chosen are). */
  refined?: boolean;
  error?: { code: string; message: string };
}

/** FitHooks plus a call before each candidate's fit, and before each refinement. */
export interface SelectionHooks<P> extends FitHooks<P> {
  onModel?(index: number, total: number, nComponents: number, variant: string, phase: 'fit' | 'refine'): void;
}

export interface SelectionResult<P> {
  /** Every candidate, in the order given. */
  table: SelectionRow<P>[];
  /** Index into `table` of the chosen candidate. */
  bestIndex: number;
  /** The full fit of the chosen candidate (refined, with arrays). */
  best: MixtureFit<P>;
  criterion: 'bic';
  /** Always true: scikit-learn's convention (−2 log L + penalty); mclust's BIC has the opposite sign. */
  lowerIsBetter: true;
}

/** Candidates whose replay history is kept while the sweep goes on (the likeliest to be chosen), for memory. */
const KEEP_HISTORY = 3;
/**
 * How far a candidate's split-and-merge search could lower its BIC, for leaving it out where it could not make the
 * candidate the choice: SEARCH_REACH × the largest log-likelihood gain of the searches of this sweep so far (×2 for
 * BIC's −2 log L), and at least SEARCH_REACH_MIN. The gains grow with K (Cars93, VVV: 0–20 up to K = 4, 36 at
 * K = 5, 59 at K = 6), hence the margin.
 */
const SEARCH_REACH = 3, SEARCH_REACH_MIN = 200;

/**
 * Fits every candidate and keeps the lowest BIC among the sound ones (a degenerate candidate only when every
 * candidate is degenerate).
 * @throws FitError 'cancelled', or the first candidate's error when none could be fitted
 */
export function selectModel<P, S>(
  candidates: readonly Candidate<P, S>[], options: Omit<EmOptions, 'nComponents'>, hooks: SelectionHooks<P> = {},
): SelectionResult<P> {
  if (candidates.length === 0) throw new FitError('bad-option', messages.emptyGrid());
  const table: SelectionRow<P>[] = [];
  const fitted: ({ outcome: FitOutcome<P, S>; spec: FamilySpec<P, S> } | undefined)[] = [];
  let firstError: FitError | undefined;
  candidates.forEach((c, index) => {
    hooks.onModel?.(index, candidates.length, c.nComponents, c.variant, 'fit');
    const t0 = Date.now();
    try {
      const spec = c.spec();
      const reach = Math.max(SEARCH_REACH_MIN, 2 * SEARCH_REACH * largestSearchGain(table));
      const search = (value: number): boolean => !(value - bestSoundBic(table) > reach);
      const outcome = fitMixture(spec, { ...options, nComponents: c.nComponents }, hooks, { refine: false, arrays: false, search });
      fitted.push({ outcome, spec });
      table.push(rowOf(c, outcome, Date.now() - t0));
    } catch (e) {
      if (!(e instanceof FitError) || e.code === 'cancelled') throw e;
      firstError ??= e;
      fitted.push(undefined);
      table.push({
        nComponents: c.nComponents, variant: c.variant, logLikelihood: NaN, nParameters: NaN, bic: NaN, aic: NaN, icl: NaN,
        iterations: 0, converged: false, elapsedMs: Date.now() - t0, error: { code: e.code, message: e.message },
      });
    }
    pruneHistories(table, fitted);
  });
  if (fitted.every((f) => f === undefined)) throw firstError ?? new FitError('bad-option', messages.emptyGrid());

  // Refine what might be chosen, choosing again after each refinement, until the choice is refined and unbeaten.
  const refine = (j: number, arrays: boolean): void => {
    const f = fitted[j] as NonNullable<(typeof fitted)[number]>;
    hooks.onModel?.(j, candidates.length, candidates[j].nComponents, candidates[j].variant, 'refine');
    const t0 = Date.now();
    f.outcome = completeFit(f.spec, f.outcome, { ...options, nComponents: candidates[j].nComponents }, hooks, { refine: true, arrays });
    table[j] = { ...rowOf(candidates[j], f.outcome, table[j].elapsedMs + Date.now() - t0), refined: true };
  };
  let chosen = choose(table);
  for (;;) {
    if (!table[chosen].refined) { refine(chosen, false); chosen = choose(table); continue; }
    const rival = strongestRival(table, fitted, chosen);
    if (rival < 0) break;
    refine(rival, false);
    chosen = choose(table);
  }
  const winner = fitted[chosen] as NonNullable<(typeof fitted)[number]>;
  const final = completeFit(winner.spec, winner.outcome, { ...options, nComponents: candidates[chosen].nComponents }, {}, { refine: false, arrays: true });
  return { table, bestIndex: chosen, best: final.fit, criterion: 'bic', lowerIsBetter: true };
}

function rowOf<P, S>(c: Candidate<P, S>, outcome: FitOutcome<P, S>, elapsedMs: number): SelectionRow<P> {
  const f = outcome.fit;
  return {
    nComponents: c.nComponents, variant: c.variant, logLikelihood: f.logLikelihood, nParameters: f.nParameters,
    bic: f.bic, aic: f.aic, icl: f.icl, iterations: f.iterations, converged: f.converged, params: f.params,
    counts: outcome.counts, starts: f.starts, elapsedMs,
    ...(f.issues.length > 0 ? { degenerate: true, issues: f.issues } : {}),
  };
}

/** The largest log-likelihood gain of the split-and-merge searches of the candidates fitted so far (0 for none). */
function largestSearchGain<P>(table: SelectionRow<P>[]): number {
  let gain = 0;
  for (const row of table) gain = Math.max(gain, row.starts?.search?.gain ?? 0);
  return gain;
}

/** The lowest BIC of the sound candidates fitted so far (+∞ before the first). */
function bestSoundBic<P>(table: SelectionRow<P>[]): number {
  let best = Infinity;
  for (const row of table) if (!row.error && !row.degenerate && row.bic < best) best = row.bic;
  return best;
}

/** Lower BIC wins, but a sound candidate always wins over a degenerate one (mclust leaves those out too). */
function choose<P>(table: SelectionRow<P>[]): number {
  let best = -1;
  table.forEach((row, j) => {
    if (row.error) return;
    if (best < 0) { best = j; return; }
    const b = table[best];
    if (!!row.degenerate !== !!b.degenerate ? !row.degenerate : row.bic < b.bic) best = j;
  });
  return best;
}

/**
 * The unrefined candidate, as sound as the chosen one, whose BIC at its run's Aitken limit (doubled gain, for
 * safety) would beat the chosen one's; -1 when none could.
 */
function strongestRival<P, S>(table: SelectionRow<P>[], fitted: ({ outcome: FitOutcome<P, S> } | undefined)[], chosen: number): number {
  let rival = -1, rivalBic = table[chosen].bic;
  table.forEach((row, j) => {
    const f = fitted[j];
    if (row.error || row.refined || !f || !!row.degenerate !== !!table[chosen].degenerate || !f.outcome.pending) return;
    const trace = f.outcome.fit.runs.find((r) => r.run === f.outcome.fit.bestRun);
    if (!trace) return;
    const limit = aitkenLimit(trace.logLikelihood);
    const projected = bic(row.logLikelihood + 2 * Math.max(0, limit - row.logLikelihood), row.nParameters, f.outcome.fit.nSamples);
    if (projected < rivalBic) { rival = j; rivalBic = projected; }
  });
  return rival;
}

/** Keeps the replay histories of only the KEEP_HISTORY likeliest candidates. */
function pruneHistories<P, S>(table: SelectionRow<P>[], fitted: ({ outcome: FitOutcome<P, S> } | undefined)[]): void {
  const ranked = table.map((_row, j) => j).filter((j) => fitted[j] !== undefined)
    .sort((a, b) => (!!table[a].degenerate !== !!table[b].degenerate ? (table[a].degenerate ? 1 : -1) : table[a].bic - table[b].bic));
  for (const j of ranked.slice(KEEP_HISTORY)) (fitted[j] as { outcome: FitOutcome<P, S> }).outcome.fit.history = [];
}
