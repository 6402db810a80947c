/**
 * The fused pass in WebAssembly (`src/wasm/passKernels.ts`, two rows per SIMD vector) for one shard of complete
 * rows, laid out in blocks of BLOCK rows (rows feature-major and responsibilities component-major within a block).
 * Two ways, the same bits:
 * - resident (a shard up to RESIDENT_MAX_BYTES): the rows are copied in once per fit, and the responsibilities and
 *   log densities stay in the module's memory from pass to pass; `flush` copies them back into the fit's buffers
 *   when the engine reads them. Fastest, but the rows are held twice.
 * - staged (larger shards): the module holds a window of WINDOW_BLOCKS blocks; each pass moves the shard through it
 *   window by window and writes the responsibilities and log densities straight back into the fit's buffers. The
 *   rows are held once (a 1 GB table costs 1.4 GB less), for a copy per pass. The accumulators carry over from
 *   window to window and the blocks are the whole shard's, so the sums are the same bits as in one sweep.
 *
 * Only a multiple of four rows is taken; the caller runs the few rows left over through the JavaScript kernels
 * (`pass.ts`), which also remain the path wherever WebAssembly is not available. The per-row results are
 * bit-identical to the JavaScript kernels'.
 */
import passKernels from 'wasm:passKernels';
import { EXP_TABLE, INV_TABLE, LOG_TABLE } from '../numeric/exp';
import { CROSS_NEW, entropyTerm, fullMoments, sumsLayout, type PassLayout, type PassParams } from './pass';
import { centredMeans } from './passCentres';

/** Rows per block: a block's x, responsibilities and weighted densities stay in the first cache levels. */
const BLOCK = 256;
/** Blocks in the module's window when staged (8192 rows: well under a megabyte for K and d up to 8). */
export const WINDOW_BLOCKS = 32;
/** Largest shard (rows, responsibilities and log densities) kept resident in the module. */
export const RESIDENT_MAX_BYTES = 128 * 2 ** 20;
/** Our region starts past the module's own first page. */
const BASE = 65536;
/** A shard needing more memory than this (a 32-bit module's reach, with room) stays with the JavaScript kernels. */
const MAX_BYTES = 2 ** 31;

/** The part of the WebAssembly API used here (typed locally: core compiles without DOM or Node types). */
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Exports {
  memory: WasmMemory;
  setTables(tables: number): void;
  passDiag: Kernel;
  passFull: Kernel;
  passStats(full: number, K: number, d: number, nb: number, nBlocks: number, lastNb: number, x: number, r: number, means: number, scratch: number, stats: number): void;
}

/** (K, d, nb, nBlocks, lastNb, x, r, lpn, means, prec, centred means, logNorm, scratch, acc, stats): byte offsets. */
type Kernel = (
  K: number, d: number, nb: number, nBlocks: number, lastNb: number, x: number, r: number, lpn: number,
  means: number, prec: number, cm: number, logNorm: number, scratch: number, acc: number, stats: number,
) => void;

/** An instance of the module with its lookup tables in place (they sit at BASE in every pass's layout). */
function newInstance(mod: object): Exports {
  const exports = new (wasmApi as WasmApi).Instance(mod, {}).exports as unknown as Exports;
  const tables = BASE;
  const bytes = tables + align((32 + 128 + 128) * 8);
  const mem = exports.memory;
  if (mem.buffer.byteLength < bytes) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
  const heap = new Float64Array(mem.buffer);
  heap.set(EXP_TABLE, tables / 8);
  heap.set(LOG_TABLE, tables / 8 + 32);
  heap.set(INV_TABLE, tables / 8 + 160);
  exports.setTables(tables);
  return exports;
}

/** The instance this thread's staged passes over changing rows share (its memory grows to the largest asked). */
let shared: Exports | undefined;
function sharedInstance(mod: object): Exports {
  shared ??= newInstance(mod);
  return shared;
}

let compiled: object | null | undefined;
function module(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasmApi ? new wasmApi.Module(passKernels) : null;
    } catch {
      compiled = null; // no SIMD support: the JavaScript kernels run instead
    }
  }
  return compiled;
}

export interface WasmPass {
  /** Rows [start, start + rows) are this pass's; rows is a multiple of 4. */
  readonly rows: number;
  /**
   * The statistics pass of mode 1 (as `runPass`): the statistics of the shard's responsibilities in `resp` (e.g.
   * written by initialisation) and Σ r log r, added into `sums`.
   */
  stats(p: PassParams, sums: Float64Array): void;
  /** One E-step pass (mode 0) over the shard, added into `sums` (as `runPass`). */
  run(p: PassParams, sums: Float64Array): void;
  /** Makes the shard's rows of `resp` and `logProbNorm` current (a no-op when staged: every pass writes them). */
  flush(): void;
  /**
   * Rows read in place (`columnsFrom`), after an E-step: adds each row to the count of its most probable component
   * and gives Σ log max_k r_ik and the row with the lowest log density, read from the module (their responsibilities
   * are not copied out).
   */
  hardAssign(counts: Float64Array): { logMaxResp: number; worstRow: number; worstLog: number };
}

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * Rows read in place from a table's columns: row r of the pass is row `first + r` of the columns, taken to working
 * units as (value − shift) / scale, the same arithmetic as a working copy. The caller moves `first` between passes.
 */
export interface ColumnRows {
  readonly columns: readonly Float64Array[];
  readonly shift: Float64Array;
  readonly scale: Float64Array;
  first: number;
}

/**
 * A WebAssembly pass over rows [start, start + 4⌊(end − start)/4⌋) of x (nUsed × d, row-major), with the fit's
 * `resp` (nUsed × K) and `logProbNorm` (nUsed), or undefined where it does not apply (no WebAssembly SIMD, fewer
 * than four rows, more memory than the module can have). `windowBlocks`: blocks in the module at a time (default:
 * every block when the shard is at most RESIDENT_MAX_BYTES, else WINDOW_BLOCKS); every block means resident, unless
 * `rowsChange` (the caller rewrites x between passes, as a streamed fit does with each chunk): then every pass loads them.
 * `columnsFrom` (with `rowsChange`): the rows are read from columns held elsewhere instead of x, see `ColumnRows`;
 * then an E-step leaves its responsibilities and log densities in the module for `hardAssign` (undefined when the
 * shard does not fit in one window).
 */
export function createWasmPass(
  layout: PassLayout, x: Float64Array, resp: Float64Array, logProbNorm: Float64Array, start: number, end: number, windowBlocks?: number,
  rowsChange = false, columnsFrom?: ColumnRows,
): WasmPass | undefined {
  const K = layout.nComponents, d = layout.nFeatures, t = layout.precision;
  const rows = Math.floor((end - start) / 4) * 4;
  if (rows === 0) return undefined;
  const full = fullMoments(t);
  const mod = module();
  if (!mod || !wasmApi) return undefined;
  const nBlocks = Math.ceil(rows / BLOCK);
  const lastNb = rows - (nBlocks - 1) * BLOCK;
  // Layout in bytes.
  let at = BASE;
  const take = (doubles: number): number => { const o = at; at += align(doubles * 8); return o; };
  take(32 + 128 + 128); // the lookup tables, at BASE (see newInstance)
  const m2 = full ? d * d : d;
  /** Doubles per component in the statistics accumulators: two lanes of N, S1 and S2. */
  const perK = 2 * (1 + d + m2);
  const means = take(K * d), prec = take(K * m2), cm = take(K * d), logNorm = take(K);
  const acc = take(8), stats = take(K * perK);
  const scratch = take(K * BLOCK + 4 * K + 2 * d);
  const shardBytes = rows * (d + K + 1) * 8;
  const window = Math.min(nBlocks, Math.max(1, Math.floor(windowBlocks ?? (shardBytes <= RESIDENT_MAX_BYTES ? nBlocks : WINDOW_BLOCKS))));
  const resident = window === nBlocks && !rowsChange && !columnsFrom;
  if (columnsFrom && window < nBlocks) return undefined;
  const xs = take(window * BLOCK * d), rs = take(window * BLOCK * K), lpns = take(window * BLOCK);
  if (at > MAX_BYTES) return undefined;
  // Staged passes over changing rows keep nothing in the module between calls, so they share one instance.
  const exports = rowsChange ? sharedInstance(mod) : newInstance(mod);
  const mem = exports.memory;
  try {
    if (mem.buffer.byteLength < at) mem.grow(Math.ceil((at - mem.buffer.byteLength) / 65536));
  } catch {
    return undefined; // the memory could not grow that far: the JavaScript kernels work on the fit's own buffers
  }
  let heap = new Float64Array(mem.buffer);
  /** The module's memory as doubles (another pass sharing the instance may have grown it since). */
  const view = (): void => { if (heap.buffer !== mem.buffer) heap = new Float64Array(mem.buffer); };
  const L = sumsLayout(K, d, t);
  /** Rows of block b of the shard. */
  const blockRows = (b: number): number => (b === nBlocks - 1 ? lastNb : BLOCK);
  /** Copies blocks [b0, b0 + n) of x (`withX`) and resp into the window, feature-major and component-major within a block. */
  const load = (b0: number, n: number, withX: boolean, withResp: boolean): void => {
    for (let b = 0; b < n; b++) {
      const nb = blockRows(b0 + b), xo = xs / 8 + b * BLOCK * d, ro = rs / 8 + b * BLOCK * K, r0 = start + (b0 + b) * BLOCK;
      if (withX && columnsFrom) {
        for (let a = 0; a < d; a++) {
          const o = xo + a * nb, col = columnsFrom.columns[a], sh = columnsFrom.shift[a], sc = columnsFrom.scale[a], c0 = columnsFrom.first + r0;
          for (let i = 0; i < nb; i++) heap[o + i] = (col[c0 + i] - sh) / sc;
        }
      } else if (withX) for (let a = 0; a < d; a++) { const o = xo + a * nb; for (let i = 0, xi = r0 * d + a; i < nb; i++, xi += d) heap[o + i] = x[xi]; }
      if (withResp) for (let k = 0; k < K; k++) { const o = ro + k * nb; for (let i = 0, ri = r0 * K + k; i < nb; i++, ri += K) heap[o + i] = resp[ri]; }
    }
  };
  /** Copies the window's responsibilities and log densities of blocks [b0, b0 + n) back into the fit's buffers. */
  const store = (b0: number, n: number): void => {
    for (let b = 0; b < n; b++) {
      const nb = blockRows(b0 + b), ro = rs / 8 + b * BLOCK * K, lo = lpns / 8 + b * BLOCK, r0 = start + (b0 + b) * BLOCK;
      for (let k = 0; k < K; k++) { const o = ro + k * nb; for (let i = 0, ri = r0 * K + k; i < nb; i++, ri += K) resp[ri] = heap[o + i]; }
      for (let i = 0; i < nb; i++) logProbNorm[r0 + i] = heap[lo + i];
    }
  };
  /**
   * Runs `kernel(nBlocks, lastNb)` on each window in turn (the accumulators carry over). Staged, every window is
   * loaded and, after an E-step, stored; resident, only the caller's responsibilities of a statistics pass are loaded.
   */
  const sweep = (kernel: (n: number, last: number) => void, eStep: boolean): void => {
    for (let b0 = 0; b0 < nBlocks; b0 += window) {
      const n = Math.min(window, nBlocks - b0);
      // The previous responsibilities of changing rows mean nothing (their pass does not use the bound's cross term).
      if (!resident || !eStep) load(b0, n, !resident, !(eStep && rowsChange));
      kernel(n, blockRows(b0 + n - 1));
      if (!resident && eStep && !columnsFrom) store(b0, n);
    }
  };
  /** Resident: the module holds responsibilities newer than the fit's buffers. */
  let stale = false;
  if (resident) {
    for (let b = 0; b < nBlocks; b++) {
      const nb = blockRows(b), xo = xs / 8 + b * BLOCK * d, r0 = start + b * BLOCK;
      for (let a = 0; a < d; a++) { const o = xo + a * nb; for (let i = 0, xi = r0 * d + a; i < nb; i++, xi += d) heap[o + i] = x[xi]; }
    }
  }
  /** Adds the module's lane-pair statistics (and, after an E-step, its four scalars) into sums. */
  const addStats = (sums: Float64Array, scalars: boolean): void => {
    const a = acc / 8;
    if (scalars) for (let j = 0; j < 4; j++) sums[L.scalars + j] += heap[a + 2 * j] + heap[a + 2 * j + 1];
    // S2 is the upper triangle for full, as the scalar kernels leave it.
    for (let k = 0; k < K; k++) {
      const o = stats / 8 + k * perK, o1 = o + 2, o2 = o1 + 2 * d;
      sums[k] += heap[o] + heap[o + 1];
      for (let c = 0; c < d; c++) sums[L.s1 + k * d + c] += heap[o1 + 2 * c] + heap[o1 + 2 * c + 1];
      if (!full) for (let c = 0; c < d; c++) sums[L.s2 + k * d + c] += heap[o2 + 2 * c] + heap[o2 + 2 * c + 1];
      else {
        for (let c = 0; c < d; c++) {
          for (let e = c; e < d; e++) sums[L.s2 + k * m2 + c * d + e] += heap[o2 + 2 * (c * d + e)] + heap[o2 + 2 * (c * d + e) + 1];
        }
      }
    }
  };
  return {
    rows,
    stats(p, sums) {
      view();
      heap.set(p.means, means / 8);
      heap.fill(0, acc / 8, stats / 8 + K * perK);
      sweep((n, last) => exports.passStats(full ? 1 : 0, K, d, BLOCK, n, last, xs, rs, means, scratch, stats), false);
      stale = false;
      addStats(sums, false);
      sums[L.scalars + CROSS_NEW] += entropyTerm(resp, start * K, (start + rows) * K);
    },
    run(p, sums) {
      view();
      heap.set(p.means, means / 8);
      heap.set(p.precFactor, prec / 8);
      heap.set(p.logNorm, logNorm / 8);
      centredMeans(full, K, d, p.means, p.precFactor, heap, cm / 8);
      heap.fill(0, acc / 8, stats / 8 + K * perK);
      const kernel = full ? exports.passFull : exports.passDiag;
      sweep((n, last) => kernel(K, d, BLOCK, n, last, xs, rs, lpns, means, prec, cm, logNorm, scratch, acc, stats), true);
      addStats(sums, true);
      stale = resident;
    },
    flush() {
      if (!stale) return;
      view();
      store(0, nBlocks);
      stale = false;
    },
    hardAssign(counts) {
      if (!columnsFrom) throw new Error('hardAssign is for rows read in place');
      view();
      let logMaxResp = 0, worstRow = -1, worstLog = Infinity;
      // Σ log max r as the log of products of 32 maxima (each ≥ 1/K, so a product stays far from underflow).
      let product = 1, inProduct = 0;
      for (let b = 0; b < nBlocks; b++) {
        const nb = blockRows(b), ro = rs / 8 + b * BLOCK * K, lo = lpns / 8 + b * BLOCK;
        for (let i = 0; i < nb; i++) {
          let arg = 0, max = heap[ro + i];
          for (let k = 1; k < K; k++) { const v = heap[ro + k * nb + i]; if (v > max) { max = v; arg = k; } }
          counts[arg]++;
          product *= max;
          if (++inProduct === 32) { logMaxResp += Math.log(product); product = 1; inProduct = 0; }
          if (heap[lo + i] < worstLog) { worstLog = heap[lo + i]; worstRow = b * BLOCK + i; }
        }
      }
      return { logMaxResp: logMaxResp + Math.log(product), worstRow, worstLog };
    },
  };
}

