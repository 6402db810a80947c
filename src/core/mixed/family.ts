/**
 * The mixed-data mixture as a `MixtureFamily`: the numeric block is a Gaussian of any covariance model whose pass
 * (`gaussian/missingPass.ts`, one missing-value pattern at a time, complete rows being a pattern too) takes the
 * categorical and count blocks' log densities as an offset, so one log-sum-exp per row gives the responsibilities,
 * the log-likelihood and the bound terms of the whole model. Without numeric columns (a latent class model) the
 * rows are normalised here directly.
 */
import type { ComponentIssue, FitNotice } from '../mixture/types';
import type { MixtureFamily, PassTotals, StepFailure } from '../mixture/family';
import type { ModelName } from '../gaussian/types';
import type { MixedData } from './prepare';
import type { MixedParams } from './types';
import { messages } from '../mixture/errors';
import { logNormalise } from '../numeric/logsumexp';
import { BOUND_E, CROSS_NEW, CROSS_OLD, LOG_LIK, sumsLayout } from '../gaussian/pass';
import { allocWorkParams, weightsMeansScatter } from '../gaussian/mStep';
import { missingScratchLength, runMissingPass } from '../gaussian/missingPass';
import { degenerateComponents } from '../gaussian/degenerate';
import { toUserParams } from '../gaussian/units';
import { createModelWorkspace, estimateCovariances } from '../gaussian/models/estimate';
import { modelInfo, nCovarianceParameters } from '../gaussian/models/catalog';
import {
  allocBlockParams, allocBlockStats, blockMStep, blockOffsets, blockParameterCount, blockStats, rowLogFactorials, thetaLayout,
} from './blocks';
import { cellIndex } from './cells';
import { blockPatterns, patternResp } from './patterns';

/** A component is empty when its responsibilities add up to less than this. */
const EMPTY_NK = 1e-6;

/** θ of a mixed fit in working units: what `save` copies. */
export interface MixedState {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  readonly theta: Float64Array;
  readonly rates: Float64Array;
}

/** Free parameters: K − 1 weights, the numeric block's means and covariance parameters, and the blocks'. */
export function mixedParameterCount(data: MixedData, model: ModelName, K: number): number {
  const numeric = data.d > 0 ? K * data.d + nCovarianceParameters(model, K, data.d) : 0;
  return K - 1 + numeric + blockParameterCount(data, K);
}

/** `patterns: false` runs the blocks row by row even when their cells have few patterns (for tests). */
export function createMixedFamily(data: MixedData, model: ModelName, reg: number, K: number, options: { patterns?: boolean } = {}): MixtureFamily<MixedParams, MixedState> {
  const N = data.nUsed, d = data.d;
  const layout = modelInfo(model).layout;
  const L = sumsLayout(K, d, layout);
  const sums = new Float64Array(d > 0 ? L.length : K + 4);
  const S = d > 0 ? L.scalars : K;
  const resp = new Float64Array(N * K), logDensity = new Float64Array(N);
  const cur = allocWorkParams(model, layout, K, d);
  const scatter = new Float64Array(cur.covariances.length);
  const workspace = createModelWorkspace(K, Math.max(d, 1));
  workspace.innerBudget = 2;
  const centres = new Float64Array(K * d);
  const covFull = new Float64Array(K * d * d);
  const logWeights = new Float64Array(K);
  const factors = new Array<undefined>(data.groups.length).fill(undefined) as Parameters<typeof runMissingPass>[0]['factors'];
  const scratch = new Float64Array(missingScratchLength(K, d));
  const { offsets } = thetaLayout(data, K);
  // The blocks' passes run over the distinct patterns of their cells when there are few (see patterns.ts).
  const patterns = options.patterns === false ? undefined : blockPatterns(data);
  const blockData = patterns?.data ?? data;
  const P = blockData.nUsed;
  const cells = cellIndex(blockData, offsets);
  const blocks = allocBlockParams(data, K);
  const stats = allocBlockStats(data, K);
  const logFact = rowLogFactorials(blockData);
  // The blocks' log densities per row, for the numeric pass and the row-by-row one (with patterns, per pattern).
  const offset = patterns ? new Float64Array(0) : new Float64Array(N * K);
  /** With patterns: the blocks' log densities, the summed responsibilities and (no numeric column) the pass per pattern. */
  const patOffset = patterns ? new Float64Array(P * K) : offset;
  const patResp = patterns ? new Float64Array(P * K) : resp;
  const patProbs = patterns && d === 0 ? new Float64Array(P * K) : undefined;
  const patLogDensity = patterns && d === 0 ? new Float64Array(P) : undefined;
  const weighted = new Float64Array(K), probs = new Float64Array(K);
  const noticeList: FitNotice[] = [];
  const passLayout = { nUsed: N, nComplete: 0, nFeatures: d, nComponents: K, precision: layout };
  let warm = false;

  /** The numeric pass (or, with no numeric column, the rows normalised here) over every row. */
  const pass = (mode: 0 | 1): number => {
    sums.fill(0);
    if (d > 0) {
      return runMissingPass({
        layout: passLayout, buffers: { x: data.x, resp, logProbNorm: logDensity }, groups: data.groups, mode, means: centres,
        covFull, logWeights, factors, scratch, ...(mode === 0 ? (patterns ? { offset: patOffset, offsetRow: patterns.of } : { offset }) : {}),
      }, sums);
    }
    if (mode === 0 && patterns && patProbs && patLogDensity) return patternPass();
    let logLik = 0, crossOld = 0, crossNew = 0, boundE = 0;
    for (let i = 0; i < N; i++) {
      const ro = i * K;
      if (mode === 1) {
        for (let k = 0; k < K; k++) { const r = resp[ro + k]; sums[k] += r; if (r > 0) crossNew += r * Math.log(r); }
        continue;
      }
      for (let k = 0; k < K; k++) weighted[k] = logWeights[k] + offset[ro + k];
      const lpn = logNormalise(weighted, K, probs);
      logDensity[i] = lpn;
      logLik += lpn;
      let rowSum = 0;
      for (let k = 0; k < K; k++) {
        const q = resp[ro + k];
        if (q > 0) crossOld += q * weighted[k];
        const r = probs[k];
        resp[ro + k] = r;
        if (r > 0) crossNew += r * weighted[k];
        sums[k] += r;
        rowSum += r;
      }
      boundE += lpn * rowSum;
    }
    sums[S + LOG_LIK] = logLik; sums[S + CROSS_OLD] = crossOld; sums[S + CROSS_NEW] = crossNew; sums[S + BOUND_E] = boundE;
    return -1;
  };

  /**
   * The E-step of a latent class model over the patterns: each pattern's log-sum-exp once, weighted by its rows in
   * the totals; the rows then take their pattern's responsibilities (the old ones weigh the bound term first), and
   * `patResp` holds the sums the blocks' statistics need.
   */
  const patternPass = (): number => {
    const pat = patterns!, probsOf = patProbs!, lpnOf = patLogDensity!;
    let logLik = 0, crossNew = 0, boundE = 0;
    for (let u = 0; u < P; u++) {
      const uo = u * K, m = pat.size[u];
      for (let k = 0; k < K; k++) { weighted[k] = logWeights[k] + patOffset[uo + k]; }
      const lpn = logNormalise(weighted, K, probs);
      lpnOf[u] = lpn;
      logLik += m * lpn;
      let rowSum = 0, cross = 0;
      for (let k = 0; k < K; k++) {
        const r = probs[k];
        probsOf[uo + k] = r;
        patResp[uo + k] = m * r;
        if (r > 0) cross += r * weighted[k];
        sums[k] += m * r;
        rowSum += r;
        // The bound's old term needs each row's old responsibilities with these log joints: kept in patOffset.
        patOffset[uo + k] = weighted[k];
      }
      crossNew += m * cross;
      boundE += m * lpn * rowSum;
    }
    let crossOld = 0;
    const { of } = pat;
    for (let i = 0; i < N; i++) {
      const ro = i * K, uo = of[i] * K;
      logDensity[i] = lpnOf[of[i]];
      for (let k = 0; k < K; k++) {
        const q = resp[ro + k];
        if (q > 0) crossOld += q * patOffset[uo + k];
        resp[ro + k] = probsOf[uo + k];
      }
    }
    sums[S + LOG_LIK] = logLik; sums[S + CROSS_OLD] = crossOld; sums[S + CROSS_NEW] = crossNew; sums[S + BOUND_E] = boundE;
    return -1;
  };

  /** θ changed: the pass's centres, full covariances and log weights follow. */
  const afterParams = (): void => {
    for (let k = 0; k < K; k++) logWeights[k] = Math.log(cur.weights[k]);
    if (d === 0) return;
    centres.set(cur.means);
    if (layout === 'full') covFull.set(cur.covariances);
    else {
      covFull.fill(0);
      for (let k = 0; k < K; k++) for (let a = 0; a < d; a++) covFull[k * d * d + a * d + a] = cur.covariances[k * d + a];
    }
  };

  const failure = (k: number, empty: boolean): StepFailure => empty
    ? { code: 'empty-component', failure: messages.componentEmptied(k, K) }
    : { code: 'ill-defined-covariance', failure: messages.illDefinedCovariance(k) };

  return {
    nComponents: K,
    nSamples: N,
    nParameters: mixedParameterCount(data, model, K),
    resp,
    logDensity,
    notices: noticeList,
    flush: () => undefined,
    beginRun() { warm = false; },
    statsFromResp() {
      centres.fill(0);
      pass(1);
      if (patterns) patternResp(patterns, K, resp, patResp);
      blockStats(blockData, K, patResp, cells, stats);
      return sums[S + CROSS_NEW];
    },
    mStep() {
      for (let k = 0; k < K; k++) if (sums[k] < EMPTY_NK) return failure(k, true);
      if (d > 0) {
        weightsMeansScatter(sums, centres, layout, cur, scatter);
        const estimated = estimateCovariances(model, { K, d, nk: cur.nk, scatter, regCovar: reg }, cur.covariances, warm, workspace);
        if (!estimated.ok && estimated.reason === 'singular') return failure(estimated.component, false);
      } else {
        let total = 0;
        for (let k = 0; k < K; k++) total += sums[k];
        for (let k = 0; k < K; k++) cur.weights[k] = sums[k] / total;
      }
      warm = true;
      blockMStep(data, K, stats, reg, offsets, blocks);
      afterParams();
      return { reseeded: 0 };
    },
    eStep(): PassTotals | StepFailure {
      blockOffsets(blockData, K, blocks, cells, logFact, patOffset);
      const bad = pass(0);
      if (bad >= 0) return failure(bad, false);
      // (the pattern pass of a latent class model has summed the responsibilities already)
      if (patterns && d > 0) patternResp(patterns, K, resp, patResp);
      blockStats(blockData, K, patResp, cells, stats);
      const ll = sums[S + LOG_LIK], shift = data.logJacobian;
      if (!Number.isFinite(ll)) return failure(0, false);
      return { logLikelihood: ll - shift, crossOld: sums[S + CROSS_OLD] - shift, crossNew: sums[S + CROSS_NEW] - shift, boundAfterE: sums[S + BOUND_E] - shift };
    },
    snapshot(): MixedParams {
      const gaussian = d > 0 ? toUserParams(cur, layout, data.shift, data.scale) : undefined;
      const probabilities = data.levels.map((levels, j) => Float64Array.from(blocks.theta.subarray(offsets[j], offsets[j] + K * levels.length)));
      return {
        kind: 'mixed', nComponents: K, weights: Float64Array.from(cur.weights),
        ...(gaussian ? { gaussian: { model, nFeatures: d, means: gaussian.means, covariances: gaussian.covariances } } : {}),
        categorical: { names: data.categoricalNames, levels: data.levels, probabilities },
        counts: { names: data.countNames, rates: Float64Array.from(blocks.rates) },
      };
    },
    save: () => ({
      weights: Float64Array.from(cur.weights), means: Float64Array.from(cur.means), covariances: Float64Array.from(cur.covariances),
      theta: Float64Array.from(blocks.theta), rates: Float64Array.from(blocks.rates),
    }),
    restore(state) {
      cur.weights.set(state.weights); cur.means.set(state.means); cur.covariances.set(state.covariances);
      blocks.theta.set(state.theta); blocks.rates.set(state.rates);
      for (let j = 0; j < blocks.theta.length; j++) blocks.logTheta[j] = Math.log(blocks.theta[j]);
      for (let j = 0; j < blocks.rates.length; j++) blocks.logRates[j] = Math.log(blocks.rates[j]);
      warm = true;
      afterParams();
    },
    assess(): ComponentIssue[] {
      if (d === 0) return [];
      const nk = Float64Array.from({ length: K }, (_, k) => sums[k]);
      return degenerateComponents(layout, K, d, cur.covariances, nk, reg, data.columnVariance, data.numericNames);
    },
    end: () => undefined,
  };
}
