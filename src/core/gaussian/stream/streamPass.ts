/**
 * The E-step of a streamed fit: one pass over the file per iteration, chunk by chunk, with the pass code of the
 * in-memory fit. Each chunk's complete rows go through the fused pass (`shardPass.ts`: WebAssembly or JavaScript
 * kernels) and its incomplete rows through the missing-value pass, grouped by pattern; every statistic is added
 * into one sums array in file order, so a pass gives the same numbers every time, and the in-memory fit's up to the
 * order of the sums. Nothing per row outlives its chunk: the responsibilities of the previous iteration are not
 * kept, so the lower bound after the M-step (which needs them) is not known for these iterations (NaN).
 */
import type { PassBuffers, PassLayout, PassParams, PrecisionLayout } from '../pass';
import { CROSS_OLD, sumsLayout } from '../pass';
import { createShardPass, type ShardPass } from '../shardPass';
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

/** A chunk's rows in working units, responsibilities and log densities: complete rows (c) and incomplete ones (m). */
interface ChunkBuffers { rows: number; K: number; xc: Float64Array; rc: Float64Array; lc: Float64Array; xm: Float64Array; rm: Float64Array; lm: Float64Array }
/** One set per data set, shared by its families (one pass at a time), grown when a chunk or K needs more. */
const buffersByData = new WeakMap<GaussianData, ChunkBuffers>();

function chunkBuffers(data: GaussianData, rows: number, K: number): ChunkBuffers {
  let b = buffersByData.get(data);
  if (!b || b.rows < rows || b.K < K) {
    const R = Math.max(rows, b?.rows ?? 0), KK = Math.max(K, b?.K ?? 0), d = data.nFeatures;
    b = {
      rows: R, K: KK, xc: new Float64Array(R * d), rc: new Float64Array(R * KK), lc: new Float64Array(R),
      xm: new Float64Array(R * d), rm: new Float64Array(R * KK), lm: new Float64Array(R),
    };
    buffersByData.set(data, b);
  }
  return b;
}

/** A streamed family's pass over `source` for data prepared by `prepareStream` (its units, rows and options). */
export function createStreamPass(source: RowSource, data: GaussianData, K: number, precision: PrecisionLayout, missing: 'em' | 'drop'): StreamPass {
  const d = data.nFeatures, { shift, scale } = data;
  const L = sumsLayout(K, d, precision);
  const missingSums = new Float64Array(L.length);
  /** The complete rows' pass of the last chunk, kept for the next chunk of as many rows (one WebAssembly instance for a pass). */
  let shard: { rows: number; pass: ShardPass; buffers: PassBuffers } | undefined;
  const state = { counts: new Float64Array(K), logMaxResp: 0, worst: new Float64Array(d), worstLog: Infinity };

  /** Adds the hard assignment of rows [0, n) of resp / lpn, and notes the worst-explained row of x. */
  const tally = (resp: Float64Array, lpn: Float64Array, x: Float64Array, n: number): void => {
    const counts = state.counts;
    let logMax = 0;
    for (let i = 0, o = 0; i < n; i++, o += K) {
      let arg = 0, max = resp[o];
      for (let k = 1; k < K; k++) if (resp[o + k] > max) { max = resp[o + k]; arg = k; }
      counts[arg]++;
      logMax += Math.log(max);
      if (lpn[i] < state.worstLog) { state.worstLog = lpn[i]; state.worst.set(x.subarray(i * d, (i + 1) * d)); }
    }
    state.logMaxResp += logMax;
  };

  const chunkPass = (c: RowChunk, p: PassParams, ctx: MissingContext, sums: Float64Array): number => {
    const { xc, rc, lc, xm, rm, lm } = chunkBuffers(data, c.rows, K);
    let nc = 0;
    const incomplete: { r: number; key: string }[] = [];
    const cx = c.x, rows = c.rows;
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      let nMissing = 0;
      for (let a = 0; a < d; a++) { const v = cx[o + a]; if (v !== v) nMissing++; }
      if (nMissing > 0) {
        if (nMissing < d && missing === 'em') incomplete.push({ r, key: patternKey(cx, o, d) });
        continue;
      }
      const w = nc * d;
      for (let a = 0; a < d; a++) xc[w + a] = (cx[o + a] - shift[a]) / scale[a];
      nc++;
    }
    if (nc > 0) {
      if (shard?.rows !== nc || shard.buffers.x.buffer !== xc.buffer) {
        const layout: PassLayout = { nUsed: nc, nComplete: nc, nFeatures: d, nComponents: K, precision };
        const buffers = { x: xc.subarray(0, nc * d), resp: rc.subarray(0, nc * K), logProbNorm: lc.subarray(0, nc) };
        shard = { rows: nc, pass: createShardPass(layout, buffers, 0, nc, true, true), buffers };
      }
      shard.pass.run(p, sums);
      shard.pass.flush();
      tally(shard.buffers.resp, shard.buffers.logProbNorm, shard.buffers.x, nc);
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
