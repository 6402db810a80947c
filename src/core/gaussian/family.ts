/**
 * The Gaussian mixture as a `MixtureFamily`, for any of the 14 covariance models: owns θ in working units and
 * runs the fused pass through a `PassExecutor` (complete rows, shardable, WebAssembly where it can) plus
 * `runMissingPass` (rows with missing cells). The models differ only in the M-step of the covariances
 * (`models/estimate.ts`); the E-step reads one of two precision layouts.
 */
import type { ComponentIssue, FitNotice } from '../mixture/types';
import type { MixtureFamily, PassTotals, StepFailure } from '../mixture/family';
import type { Rng } from '../numeric/rng';
import type { GaussianParams, ModelName } from './types';
import type { GaussianData } from './prepare';
import type { PassExecutor } from './executor';
import { messages, notices as noticeTexts } from '../mixture/errors';
import { BOUND_E, CROSS_NEW, CROSS_OLD, LOG_LIK, sumsLayout, type PassBuffers, type PassLayout, type PassParams } from './pass';
import { workingRow } from './prepare';
import type { StreamPass } from './stream/streamPass';
import { allocWorkParams, weightsMeansScatter } from './mStep';
import { computePrecision } from './precision';
import { missingScratchLength, runMissingPass } from './missingPass';
import { toUserParams } from './units';
import { degenerateComponents } from './degenerate';
import { createModelWorkspace, estimateCovariances } from './models/estimate';
import { modelInfo, nMixtureParameters } from './models/catalog';

/** A component is empty when its responsibilities add up to less than this (a millionth of one row). */
const EMPTY_NK = 1e-6;
/** Inner iterations a warm-started iterative M-step may take per EM iteration (see `createGaussianFamily`). */
const INNER_BUDGET = 2;
/** Re-seeds allowed per run before the run is given up as unsupported by the data. */
const MAX_RESEEDS_PER_COMPONENT = 3;

/** The working state `save` copies: θ in working units (the covariances also warm-start iterative M-steps). */
export interface GaussianState {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
}

/** Working buffers of the pass, shared by the families of one data set (one fit at a time). */
interface SharedBuffers { resp: Float64Array; logProbNorm: Float64Array }
const shared = new WeakMap<GaussianData, SharedBuffers>();

function buffersFor(data: GaussianData, K: number): PassBuffers {
  let b = shared.get(data);
  if (!b || b.resp.length < data.nUsed * K) {
    b = { resp: data.allocate(data.nUsed * K), logProbNorm: b?.logProbNorm ?? data.allocate(data.nUsed) };
    shared.set(data, b);
  }
  return { x: data.x, resp: b.resp, logProbNorm: b.logProbNorm };
}

/**
 * The family for K components on `data`. With `stream` (a data set prepared by `stream/prepareStream.ts`) every
 * E-step is a pass over the file and nothing per row is held; such a family only continues runs started on a
 * sample (`restore`), it takes no start itself.
 */
export function createGaussianFamily(
  data: GaussianData, model: ModelName, regCovar: number, K: number, executor: PassExecutor, stream?: StreamPass,
): MixtureFamily<GaussianParams, GaussianState> {
  const d = data.nFeatures, N = data.nUsed;
  const layout = modelInfo(model).layout;
  const passLayout: PassLayout = { nUsed: N, nComplete: data.nComplete, nFeatures: d, nComponents: K, precision: layout };
  const buffers: PassBuffers = stream ? { x: data.x, resp: new Float64Array(0), logProbNorm: new Float64Array(0) } : buffersFor(data, K);
  const L = sumsLayout(K, d, layout);
  const sums = new Float64Array(L.length);
  const missingSums = new Float64Array(L.length);
  const cur = allocWorkParams(model, layout, K, d);
  const scatter = new Float64Array(cur.covariances.length);
  const workspace = createModelWorkspace(K, d);
  // Warm-started M-steps of the iterative models take at most this many inner iterations (a generalized EM step);
  // as EM converges the warm starts complete the inner maximisation, so the end point is the exact M-step's.
  workspace.innerBudget = INNER_BUDGET;
  const centres = new Float64Array(K * d);
  const passParams: PassParams = { mode: 0, means: centres, precFactor: new Float64Array(cur.covariances.length), logNorm: new Float64Array(K) };
  const covFull = new Float64Array(data.groups.length > 0 ? K * d * d : 0);
  const logWeights = new Float64Array(K);
  const factors = new Array<undefined>(data.groups.length).fill(undefined) as Parameters<typeof runMissingPass>[0]['factors'];
  const missingScratch = new Float64Array(missingScratchLength(K, d));
  const tmp = new Float64Array(d * d);
  const noticeList: FitNotice[] = [];
  let rng: Rng | undefined;
  let reseeds = 0;
  /** `cur.covariances` holds this run's previous estimate (iterative M-steps start from it). */
  let warm = false;

  const passAll = (mode: 0 | 1): number => {
    passParams.mode = mode;
    if (stream) {
      if (mode === 1) throw new Error('A streamed family takes no start: it continues runs started on the sample.');
      return stream.eStep(passParams, { means: centres, covFull, logWeights, scratch: missingScratch }, sums);
    }
    executor.run(passParams, sums);
    if (data.groups.length === 0) return -1;
    missingSums.fill(0);
    const bad = runMissingPass({ layout: passLayout, buffers, groups: data.groups, mode, means: centres, covFull, logWeights, factors, scratch: missingScratch }, missingSums);
    for (let j = 0; j < sums.length; j++) sums[j] += missingSums[j];
    return bad;
  };

  /** θ changed: the pass's precision factors, centres and (for incomplete rows) full covariances follow. */
  const afterParams = (): StepFailure | undefined => {
    const bad = computePrecision(layout, K, d, cur.covariances, cur.weights, passParams.precFactor, passParams.logNorm, tmp);
    if (bad >= 0) return { code: 'ill-defined-covariance', failure: messages.illDefinedCovariance(bad) };
    centres.set(cur.means);
    if (covFull.length > 0) {
      for (let k = 0; k < K; k++) logWeights[k] = Math.log(cur.weights[k]);
      expandWork(layout, K, d, cur.covariances, covFull);
    }
    return undefined;
  };

  /** Moves an emptied component to the worst-explained row (a random row on the first iteration), with the data's spread. */
  const reseed = (k: number, iteration: number): void => {
    let values: Float64Array;
    if (stream) {
      // Streamed: the worst-explained row of the last pass, or a random row of the kept sample.
      const kept = data.streamed?.prefix ?? new Int32Array(1);
      values = iteration > 1 || !rng ? stream.worst : workingRow(data, kept[rng.int(kept.length)]);
    } else {
      let row = 0;
      if (iteration > 1) {
        executor.flush();
        for (let i = 1; i < N; i++) if (buffers.logProbNorm[i] < buffers.logProbNorm[row]) row = i;
      } else if (rng) row = rng.int(N);
      values = workingRow(data, row);
    }
    for (let a = 0; a < d; a++) { const v = values[a]; cur.means[k * d + a] = v === v ? v : 0; }
    const cv = data.columnVariance;
    for (let a = 0; a < d; a++) {
      const v = cv[a] + regCovar;
      if (layout === 'full') for (let b = 0; b < d; b++) cur.covariances[k * d * d + a * d + b] = a === b ? v : 0;
      else cur.covariances[k * d + a] = v;
    }
    cur.weights[k] = 1 / N;
    const total = cur.weights.reduce((s, w) => s + w, 0);
    for (let j = 0; j < K; j++) cur.weights[j] /= total;
  };

  if (!stream) executor.begin(passLayout, buffers);
  return {
    nComponents: K,
    nSamples: N,
    nParameters: nMixtureParameters(model, K, d),
    resp: buffers.resp,
    logDensity: buffers.logProbNorm,
    notices: noticeList,
    flush: () => executor.flush(),
    detachArrays() {
      if (stream) throw new Error('A streamed family holds no per-row arrays.');
      executor.flush();
      // The fit keeps these: the next family on this data set gets buffers of its own.
      if (shared.get(data)?.resp === buffers.resp) shared.delete(data);
      return { resp: buffers.resp.subarray(0, N * K), logDensity: buffers.logProbNorm.subarray(0, N) };
    },
    beginRun(r) { rng = r; reseeds = 0; warm = false; },
    statsFromResp() {
      centres.fill(0); // the column means, in working units
      passAll(1);
      return sums[L.scalars + CROSS_NEW];
    },
    mStep(run, iteration) {
      weightsMeansScatter(sums, centres, layout, cur, scatter);
      const empty: number[] = [];
      for (let k = 0; k < K; k++) if (sums[k] < EMPTY_NK) empty.push(k);
      const estimated = empty.length === 0
        ? estimateCovariances(model, { K, d, nk: cur.nk, scatter, regCovar }, cur.covariances, warm, workspace)
        : estimateWithout(empty);
      // 'not-converged' leaves a valid Σ whose objective is no lower than the start's (a generalized M-step).
      if (!estimated.ok && estimated.reason === 'singular') return { code: 'ill-defined-covariance', failure: messages.illDefinedCovariance(estimated.component) };
      warm = true;
      for (const k of empty) {
        if (++reseeds > MAX_RESEEDS_PER_COMPONENT * K) return { code: 'empty-component', failure: messages.componentKeepsEmptying(k, K) };
        reseed(k, iteration);
        noticeList.push(noticeTexts.componentReseeded(run, iteration, k));
      }
      return afterParams() ?? { reseeded: empty.length };
    },
    eStep(): PassTotals | StepFailure {
      const bad = passAll(0);
      if (bad >= 0) return { code: 'ill-defined-covariance', failure: messages.illDefinedCovariance(bad) };
      const s = L.scalars, shift = data.logJacobian;
      const ll = sums[s + LOG_LIK];
      if (!Number.isFinite(ll)) return { code: 'ill-defined-covariance', failure: messages.illDefinedCovariance(0) };
      // Working units → the user's: every log density shifts by −Σ log scale over the row's observed cells.
      return { logLikelihood: ll - shift, crossOld: sums[s + CROSS_OLD] - shift, crossNew: sums[s + CROSS_NEW] - shift, boundAfterE: sums[s + BOUND_E] - shift };
    },
    snapshot: () => toUserParams(cur, layout, data.shift, data.scale),
    save: () => ({ weights: Float64Array.from(cur.weights), means: Float64Array.from(cur.means), covariances: Float64Array.from(cur.covariances) }),
    restore(state) {
      cur.weights.set(state.weights);
      cur.means.set(state.means);
      cur.covariances.set(state.covariances);
      warm = true;
      const failure = afterParams();
      if (failure) throw new Error(`restore: ${failure.failure}`);
    },
    assess(): ComponentIssue[] {
      const nk = Float64Array.from({ length: K }, (_, k) => sums[k]);
      return degenerateComponents(layout, K, d, cur.covariances, nk, regCovar, data.columnVariance, data.columnNames);
    },
    end: () => { if (!stream) executor.end(); },
    ...(stream ? { hardAssignments: () => ({ counts: Array.from(stream.counts), logMaxResp: stream.logMaxResp }) } : {}),
  };

  /**
   * The model's M-step over the components that kept rows (an emptied one has no scatter to estimate from and is
   * re-seeded next); rare, so it may allocate.
   */
  function estimateWithout(empty: readonly number[]): ReturnType<typeof estimateCovariances> {
    const keep = Array.from({ length: K }, (_, k) => k).filter((k) => !empty.includes(k));
    const m = layout === 'full' ? d * d : d, K2 = keep.length;
    const nk2 = new Float64Array(K2), scatter2 = new Float64Array(K2 * m), out2 = new Float64Array(K2 * m);
    keep.forEach((k, j) => {
      nk2[j] = cur.nk[k];
      scatter2.set(scatter.subarray(k * m, (k + 1) * m), j * m);
      out2.set(cur.covariances.subarray(k * m, (k + 1) * m), j * m);
    });
    const r = estimateCovariances(model, { K: K2, d, nk: nk2, scatter: scatter2, regCovar }, out2, warm, createModelWorkspace(K2, d));
    if (!r.ok && r.reason === 'singular') return { ...r, component: keep[r.component] };
    keep.forEach((k, j) => cur.covariances.set(out2.subarray(j * m, (j + 1) * m), k * m));
    return r;
  }
}

/** Full K × d × d covariances from working covariances of either layout. */
function expandWork(layout: 'full' | 'diag', K: number, d: number, c: Float64Array, out: Float64Array): void {
  if (layout === 'full') { out.set(c); return; }
  out.fill(0);
  for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) out[k * d * d + a * d + a] = c[k * d + a];
}
