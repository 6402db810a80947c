/**
 * The Gaussian mixture as a `MixtureFamily`: owns the working buffers of one fit and runs the fused pass through
 * a `PassExecutor` (complete rows, shardable) plus `runMissingPass` (rows with missing cells).
 */
import type { FitNotice, FitOptions, GaussianParams } from '../mixture/types';
import type { MixtureFamily, PassTotals } from '../mixture/family';
import type { PreparedData } from '../mixture/prepare';
import type { PassExecutor } from './executor';
import type { Rng } from '../numeric/rng';
import { messages, notices as noticeTexts } from '../mixture/errors';
import { BOUND_E, CROSS_NEW, CROSS_OLD, LOG_LIK, sumsLayout, type PassBuffers, type PassLayout, type PassParams } from './pass';
import { allocWorkParams, mStep, type WorkParams } from './mStep';
import { computePrecision } from './precision';
import { runMissingPass } from './missingPass';
import { toUserParams } from './units';

/** A component is empty when its responsibilities add up to less than this (a millionth of one row). */
const EMPTY_NK = 1e-6;
/** Re-seeds allowed per restart before the run is given up as unsupported by the data. */
const MAX_RESEEDS_PER_COMPONENT = 3;

export interface GaussianFamily extends MixtureFamily<GaussianParams> {
  /** θ in working units (live; copy before keeping). */
  readonly current: WorkParams;
  /** Starts a new restart with a fresh random stream (used for re-seeding). */
  reset(rng: Rng): void;
}

export function createGaussianFamily(
  data: PreparedData, o: FitOptions, executor: PassExecutor, layout: PassLayout, buffers: PassBuffers,
): GaussianFamily {
  const K = o.nComponents, d = data.nFeatures, t = o.covarianceType, N = data.nUsed;
  const L = sumsLayout(K, d, t);
  const sums = new Float64Array(L.length);
  const missingSums = new Float64Array(L.length);
  const cur = allocWorkParams(t, K, d);
  const centres = new Float64Array(K * d);
  const passParams: PassParams = {
    mode: 0, means: centres, precFactor: new Float64Array(t === 'full' || t === 'tied' ? K * d * d : K * d), logNorm: new Float64Array(K),
  };
  const covFull = new Float64Array(data.groups.length > 0 ? K * d * d : 0);
  const logWeights = new Float64Array(K);
  const factors = new Array<undefined>(data.groups.length).fill(undefined) as Parameters<typeof runMissingPass>[0]['factors'];
  const missingScratch = new Float64Array(K + K * d + d);
  const tmp = new Float64Array(d * d);
  const noticeList: FitNotice[] = [];
  let rng: Rng | undefined;
  let reseeds = 0;

  const passAll = (mode: 0 | 1): number => {
    passParams.mode = mode;
    executor.run(passParams, sums);
    if (data.groups.length === 0) return -1;
    missingSums.fill(0);
    const bad = runMissingPass({ layout, buffers, groups: data.groups, mode, means: centres, covFull, logWeights, factors, scratch: missingScratch }, missingSums);
    for (let j = 0; j < sums.length; j++) sums[j] += missingSums[j];
    return bad;
  };

  /** Moves an emptied component to the worst-explained row with the data's spread. */
  const reseed = (k: number, iteration: number): void => {
    let row = 0;
    if (iteration > 1) {
      executor.flush();
      for (let i = 1; i < N; i++) if (buffers.logProbNorm[i] < buffers.logProbNorm[row]) row = i;
    } else if (rng) row = rng.int(N);
    for (let a = 0; a < d; a++) { const v = data.x[row * d + a]; cur.means[k * d + a] = v === v ? v : 0; }
    const cv = data.columnVariance;
    if (t === 'full') for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cur.covariances[k * d * d + a * d + b] = a === b ? cv[a] + o.regCovar : 0;
    if (t === 'diag') for (let a = 0; a < d; a++) cur.covariances[k * d + a] = cv[a] + o.regCovar;
    if (t === 'spherical') cur.covariances[k] = cv.reduce((s, v) => s + v, 0) / d + o.regCovar;
    cur.weights[k] = 1 / N;
    const total = cur.weights.reduce((s, w) => s + w, 0);
    for (let j = 0; j < K; j++) cur.weights[j] /= total;
  };

  return {
    kind: 'gaussian',
    nSamples: N,
    notices: noticeList,
    current: cur,
    reset(r) { rng = r; reseeds = 0; },
    statsFromResp() {
      centres.fill(0); // the column means, in working units
      passAll(1);
      return sums[L.scalars + CROSS_NEW];
    },
    mStep(run, iteration) {
      mStep(sums, centres, o.regCovar, N, cur);
      let reseeded = 0;
      for (let k = 0; k < K; k++) {
        if (sums[k] >= EMPTY_NK) continue;
        if (++reseeds > MAX_RESEEDS_PER_COMPONENT * K) return { failure: messages.componentKeepsEmptying(k, K) };
        reseed(k, iteration);
        noticeList.push(noticeTexts.componentReseeded(run, iteration, k));
        reseeded++;
      }
      const bad = computePrecision(cur, passParams.precFactor, passParams.logNorm, tmp);
      if (bad >= 0) return { failure: messages.illDefinedCovariance(bad) };
      centres.set(cur.means);
      if (covFull.length > 0) {
        for (let k = 0; k < K; k++) logWeights[k] = Math.log(cur.weights[k]);
        expandWork(cur, covFull);
      }
      return { reseeded };
    },
    eStep(): PassTotals | { failure: string } {
      const bad = passAll(0);
      if (bad >= 0) return { failure: messages.illDefinedCovariance(bad) };
      const s = L.scalars, shift = data.logJacobian;
      const ll = sums[s + LOG_LIK];
      if (!Number.isFinite(ll)) return { failure: messages.illDefinedCovariance(0) };
      // Working units → the user's: every log density shifts by −Σ log scale over the row's observed cells.
      return { logLikelihood: ll - shift, crossOld: sums[s + CROSS_OLD] - shift, crossNew: sums[s + CROSS_NEW] - shift, boundAfterE: sums[s + BOUND_E] - shift };
    },
    snapshot: () => toUserParams(cur, data.shift, data.scale),
  };
}

/** Full K × d × d covariances from working params of any structure. */
function expandWork(p: WorkParams, out: Float64Array): void {
  const { nComponents: K, nFeatures: d, covariances: c } = p;
  out.fill(0);
  for (let k = 0; k < K; k++) {
    const o = k * d * d;
    if (p.covarianceType === 'full') out.set(c.subarray(o, o + d * d), o);
    else if (p.covarianceType === 'tied') out.set(c.subarray(0, d * d), o);
    else for (let a = 0; a < d; a++) out[o + a * d + a] = p.covarianceType === 'diag' ? c[k * d + a] : c[k];
  }
}
