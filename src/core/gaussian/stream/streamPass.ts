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
import { createWasmPass, type ColumnRows, type WasmPass } from '../wasmPass';
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

/** Rows of a table read in place per chunk (a multiple of the WebAssembly pass's 4-row step and 256-row blocks). */
const IN_PLACE_CHUNK = 16_384;

/** Per table read in place, whether each chunk has every cell (1), a missing one (0), or is not checked yet (−1). */
const completeByTable = new WeakMap<object, Int8Array>();

function chunkComplete(t: NonNullable<RowSource['inPlace']>, chunk: number, f: number, n: number): boolean {
  let flags = completeByTable.get(t);
  if (!flags) { flags = new Int8Array(Math.ceil(t.rows / IN_PLACE_CHUNK)).fill(-1); completeByTable.set(t, flags); }
  if (flags[chunk] < 0) {
    let complete = 1;
    for (let a = 0; a < t.columns.length && complete; a++) {
      const col = t.columns[a];
      for (let r = f, end = f + n; r < end; r++) if (col[r] !== col[r]) { complete = 0; break; }
    }
    flags[chunk] = complete;
  }
  return flags[chunk] === 1;
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

  /** Adds the hard assignment of rows [0, n) of resp / lpn; `noteWorst(i)` puts row i in `state.worst` when it is the worst-explained yet. */
  const tally = (resp: Float64Array, lpn: Float64Array, n: number, noteWorst: (i: number) => void): void => {
    const counts = state.counts;
    let logMax = 0;
    for (let i = 0, o = 0; i < n; i++, o += K) {
      let arg = 0, max = resp[o];
      for (let k = 1; k < K; k++) if (resp[o + k] > max) { max = resp[o + k]; arg = k; }
      counts[arg]++;
      logMax += Math.log(max);
      if (lpn[i] < state.worstLog) { state.worstLog = lpn[i]; noteWorst(i); }
    }
    state.logMaxResp += logMax;
  };
  const tallyRows = (resp: Float64Array, lpn: Float64Array, x: Float64Array, n: number): void =>
    tally(resp, lpn, n, (i) => state.worst.set(x.subarray(i * d, (i + 1) * d)));

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
      tallyRows(shard.buffers.resp, shard.buffers.logProbNorm, shard.buffers.x, nc);
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
    tallyRows(buffers.resp, buffers.logProbNorm, buffers.x, m);
    return -1;
  };

  /** Rows of a table read in place, the WebAssembly pass that reads them (made again when a chunk's size changes). */
  let direct: { rows: number; pass: WasmPass; resp: Float64Array; lpn: Float64Array; from: ColumnRows } | undefined;
  let rowMajor = new Float64Array(0);
  /**
   * The E-step over rows held as columns, a chunk at a time: a chunk with no missing cell goes straight from the
   * columns into the WebAssembly pass (no copy of its rows in between), but for its last n mod 4 rows; those rows,
   * and every chunk with a missing cell, go row-major through `chunkPass` as a streamed file's do.
   */
  const inPlacePass = (t: NonNullable<RowSource['inPlace']>, p: PassParams, ctx: MissingContext, sums: Float64Array): number => {
    const { columns, rows: N } = t;
    for (let f = 0; f < N; f += IN_PLACE_CHUNK) {
      t.poll();
      const n = Math.min(IN_PLACE_CHUNK, N - f);
      const complete = chunkComplete(t, f / IN_PLACE_CHUNK, f, n);
      let done = 0;
      if (complete && n >= 4) {
        const m4 = n - (n % 4);
        const { rc, lc } = chunkBuffers(data, IN_PLACE_CHUNK, K);
        if (direct?.rows !== m4 || direct.resp.buffer !== rc.buffer) {
          const layout: PassLayout = { nUsed: m4, nComplete: m4, nFeatures: d, nComponents: K, precision };
          const resp = rc.subarray(0, m4 * K), lpn = lc.subarray(0, m4);
          const from: ColumnRows = { columns, shift, scale, first: 0 };
          const pass = createWasmPass(layout, new Float64Array(0), resp, lpn, 0, m4, undefined, true, from);
          direct = pass && { rows: m4, pass, resp, lpn, from };
        }
        if (direct) {
          const from = direct.from;
          from.first = f;
          direct.pass.run(p, sums);
          const h = direct.pass.hardAssign(state.counts);
          state.logMaxResp += h.logMaxResp;
          if (h.worstLog < state.worstLog) {
            state.worstLog = h.worstLog;
            for (let a = 0; a < d; a++) state.worst[a] = (columns[a][f + h.worstRow] - shift[a]) / scale[a];
          }
          done = m4;
        }
      }
      if (done === n) continue;
      const m = n - done;
      if (rowMajor.length < m * d) rowMajor = new Float64Array(IN_PLACE_CHUNK * d);
      for (let a = 0; a < d; a++) { const col = columns[a]; for (let r = 0; r < m; r++) rowMajor[r * d + a] = col[f + done + r]; }
      const bad = chunkPass({ x: rowMajor.subarray(0, m * d), rows: m, firstRow: f + done }, p, ctx, sums);
      if (bad >= 0) return bad;
    }
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
      if (source.inPlace) bad = inPlacePass(source.inPlace, p, ctx, sums);
      else source.scan('em', (c) => { if (bad < 0) bad = chunkPass(c, p, ctx, sums); });
      // The previous responsibilities are gone with their chunks: the bound after the M-step is not known.
      sums[L.scalars + CROSS_OLD] = NaN;
      return bad;
    },
  };
}
