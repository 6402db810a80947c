/**
 * The E-step of a streamed fit: one pass over the file per iteration, chunk by chunk, with the pass code of the
 * in-memory fit. Each chunk's complete rows go through the fused pass (`shardPass.ts`: WebAssembly or JavaScript
 * kernels) and its incomplete rows through the missing-value pass, grouped by pattern; every statistic is added
 * into one sums array in file order, so a pass gives the same numbers every time, and the in-memory fit's up to the
 * order of the sums. Nothing per row outlives its chunk: the responsibilities of the previous iteration are not
 * kept, so the lower bound after the M-step (which needs them) is not known for these iterations (NaN).
 */
import type { PassLayout, PassParams, PrecisionLayout } from '../pass';
import { CROSS_OLD, sumsLayout } from '../pass';
import { createShardPass } from '../shardPass';
import { runMissingPass, type MissingPassInput, type PatternGroup } from '../missingPass';
import { patternKey } from '../marginal';
import type { GaussianData } from '../prepare';
import type { RowChunk, RowSource } from './types';

/** What the missing-value pass needs of the current θ (the family keeps it). */
export type MissingContext = Pick<MissingPassInput, 'means' | 'covFull' | 'logWeights' | 'scratch'>;

/** The passes of a streamed family. */
export interface StreamPass {
  /** One E-step over every row of the file: `sums` is overwritten; returns −1 or a component whose covariance failed. */
  eStep(p: PassParams, missing: MissingContext, sums: Float64Array): number;
  /** Per-component counts of rows whose largest responsibility is that component's, in the last pass. */
  readonly counts: Float64Array;
  /** Σ over rows of log max_k r_ik in the last pass (ICL's entropy term). */
  readonly logMaxResp: number;
  /** The row (working units) with the lowest log density in the last pass: where an emptied component is re-seeded. */
  readonly worst: Float64Array;
}

/** A streamed family's pass over `source` for data prepared by `prepareStream` (its units, rows and options). */
export function createStreamPass(source: RowSource, data: GaussianData, K: number, precision: PrecisionLayout, missing: 'em' | 'drop'): StreamPass {
  const d = data.nFeatures, { shift, scale } = data;
  const L = sumsLayout(K, d, precision);
  const missingSums = new Float64Array(L.length);
  let cap = 0;
  let xc = new Float64Array(0), rc = new Float64Array(0), lc = new Float64Array(0);
  let xm = new Float64Array(0), rm = new Float64Array(0), lm = new Float64Array(0);
  const grow = (rows: number): void => {
    if (rows <= cap) return;
    cap = rows;
    xc = new Float64Array(rows * d); rc = new Float64Array(rows * K); lc = new Float64Array(rows);
    xm = new Float64Array(rows * d); rm = new Float64Array(rows * K); lm = new Float64Array(rows);
  };
  const state = { counts: new Float64Array(K), logMaxResp: 0, worst: new Float64Array(d), worstLog: Infinity };

  /** Adds the hard assignment of rows [0, n) of resp / lpn, and notes the worst-explained row of x. */
  const tally = (resp: Float64Array, lpn: Float64Array, x: Float64Array, n: number): void => {
    for (let i = 0; i < n; i++) {
      let arg = 0;
      for (let k = 1; k < K; k++) if (resp[i * K + k] > resp[i * K + arg]) arg = k;
      state.counts[arg]++;
      state.logMaxResp += Math.log(resp[i * K + arg]);
      if (lpn[i] < state.worstLog) { state.worstLog = lpn[i]; state.worst.set(x.subarray(i * d, (i + 1) * d)); }
    }
  };

  const chunkPass = (c: RowChunk, p: PassParams, ctx: MissingContext, sums: Float64Array): number => {
    grow(c.rows);
    let nc = 0;
    const incomplete: { r: number; key: string }[] = [];
    for (let r = 0; r < c.rows; r++) {
      const o = r * d;
      let nMissing = 0;
      for (let a = 0; a < d; a++) if (Number.isNaN(c.x[o + a])) nMissing++;
      if (nMissing === d || (nMissing > 0 && missing === 'drop')) continue;
      if (nMissing > 0) { incomplete.push({ r, key: patternKey(c.x, o, d) }); continue; }
      for (let a = 0; a < d; a++) xc[nc * d + a] = (c.x[o + a] - shift[a]) / scale[a];
      nc++;
    }
    if (nc > 0) {
      const layout: PassLayout = { nUsed: nc, nComplete: nc, nFeatures: d, nComponents: K, precision };
      const buffers = { x: xc.subarray(0, nc * d), resp: rc.subarray(0, nc * K).fill(0), logProbNorm: lc.subarray(0, nc) };
      const shard = createShardPass(layout, buffers, 0, nc);
      shard.run(p, sums);
      shard.flush();
      tally(buffers.resp, buffers.logProbNorm, buffers.x, nc);
    }
    const m = incomplete.length;
    if (m === 0) return -1;
    incomplete.sort((u, v) => (u.key < v.key ? -1 : u.key > v.key ? 1 : u.r - v.r));
    const groups: PatternGroup[] = [];
    incomplete.forEach(({ r, key }, j) => {
      for (let a = 0; a < d; a++) xm[j * d + a] = (c.x[r * d + a] - shift[a]) / scale[a];
      const last = groups[groups.length - 1];
      if (last && last.key === key) groups[groups.length - 1] = { ...last, end: j + 1 };
      else groups.push({ key, start: j, end: j + 1 });
    });
    const buffers = { x: xm.subarray(0, m * d), resp: rm.subarray(0, m * K).fill(0), logProbNorm: lm.subarray(0, m) };
    missingSums.fill(0);
    const bad = runMissingPass({
      layout: { nUsed: m, nComplete: 0, nFeatures: d, nComponents: K, precision }, buffers, groups, mode: 0,
      factors: new Array<undefined>(groups.length).fill(undefined), ...ctx,
    }, missingSums);
    if (bad >= 0) return bad;
    for (let j = 0; j < sums.length; j++) sums[j] += missingSums[j];
    tally(buffers.resp, buffers.logProbNorm, buffers.x, m);
    return -1;
  };

  return {
    get counts() { return state.counts; },
    get logMaxResp() { return state.logMaxResp; },
    get worst() { return state.worst; },
    eStep(p, ctx, sums) {
      sums.fill(0);
      state.counts.fill(0);
      state.logMaxResp = 0;
      state.worstLog = Infinity;
      let bad = -1;
      source.scan('em', (c) => { if (bad < 0) bad = chunkPass(c, p, ctx, sums); });
      // The previous responsibilities are gone with their chunks: the bound after the M-step is not known.
      sums[L.scalars + CROSS_OLD] = NaN;
      return bad;
    },
  };
}
