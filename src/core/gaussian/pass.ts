/**
 * The one fused pass over the rows per EM iteration: E-step in log space (through the precision's Cholesky
 * factor), responsibilities, per-row log density, the lower-bound terms, and the sufficient statistics that the
 * next M-step needs. Written over a row range [start, end) so the rows can be sharded over threads and the
 * partial sums added up (see `executor.ts`). No allocation: every buffer comes from the caller.
 *
 * Statistics are accumulated about each component's current mean c_k (the mean used by this E-step), not about 0:
 * Σ r (x − c) and Σ r (x − c)(x − c)ᵀ. The new mean is c + S1/N_k and the covariance S2/N_k − m mᵀ with m = S1/N_k
 * small, so the one-pass formula does not lose digits to cancellation the way raw Σ r x xᵀ − N_k μ μᵀ would.
 */
import { fastExp, fastLog } from '../numeric/exp';
import { EXP_NEGLIGIBLE, RESP_NEGLIGIBLE } from './negligible';
import { centredMeans } from './passCentres';
import { passDiagFused, passFullFused } from './passSmall';

export { RESP_NEGLIGIBLE } from './negligible';

/** Fixed for one fit. */
export interface PassLayout {
  /** Rows in the buffers (all rows used by the fit). */
  readonly nUsed: number;
  /** The pass covers rows [0, nComplete): those with no missing cell (others go through `missingPass.ts`). */
  readonly nComplete: number;
  readonly nFeatures: number;
  readonly nComponents: number;
  /** How the precision is stored: 'full' (d × d factor per component) or 'diag' (d inverse standard deviations). */
  readonly precision: PrecisionLayout;
}

/** Buffers shared by the engine and the executor for one fit (shared memory when threaded). */
export interface PassBuffers {
  /** nUsed × nFeatures, row-major, in working units (centred, maybe standardised). */
  readonly x: Float64Array;
  /** nUsed × nComponents: read as q_{t−1}, overwritten with q_t. */
  readonly resp: Float64Array;
  /** nUsed: log p(x_i | θ_t) written by the pass. */
  readonly logProbNorm: Float64Array;
}

/** What the pass reads for one iteration. */
export interface PassParams {
  /** 0 = E-step + statistics; 1 = statistics of the current resp only (after initialisation). */
  mode: 0 | 1;
  /** nComponents × nFeatures; also the centres the statistics are taken about. */
  readonly means: Float64Array;
  /**
   * Cholesky factor of each precision, as M_k = L_k⁻¹ with Σ_k = L_k L_kᵀ (lower triangle, = sklearn's
   * precisions_cholesky transposed): layout 'full' nComponents × d × d; layout 'diag' nComponents × d holding 1/σ_ka.
   */
  readonly precFactor: Float64Array;
  /** nComponents: log π_k − ½ d log 2π + log det M_k, the row-independent part of log π_k N(x | k). */
  readonly logNorm: Float64Array;
}

/** The two precision layouts of the 14 covariance models (they differ in the M-step, not in the E-step). */
export type PrecisionLayout = 'full' | 'diag';

/** Whether the statistics keep the full d × d second moment (full layout) or only its diagonal. */
export const fullMoments = (t: PrecisionLayout): boolean => t === 'full';

/** Offsets into the sums array: [N_k (K) | S1 (K×d) | S2 (K×d×d or K×d) | scalars]. */
export function sumsLayout(K: number, d: number, precision: PrecisionLayout) {
  const m2 = fullMoments(precision) ? d * d : d;
  const s1 = K;
  const s2 = s1 + K * d;
  const scalars = s2 + K * m2;
  return { nk: 0, s1, s2, m2, scalars, length: scalars + 4 };
}
/** Scalar slots after the statistics. */
export const LOG_LIK = 0, CROSS_OLD = 1, CROSS_NEW = 2, BOUND_E = 3;

/** Scratch length the kernels need: two rows of K (weighted) and K×d (differences), K exponentials, K×d (M_k μ_k). */
export const scratchLength = (K: number, d: number): number => 3 * K + 3 * K * d;

/**
 * Adds the pass over rows [start, end) into `sums` (the caller zeroes it). Scalar slots:
 * LOG_LIK Σ log p(x_i); CROSS_OLD Σ q_{t−1}·log π p(x|k); CROSS_NEW Σ q_t·log π p(x|k); BOUND_E Σ log p(x_i)·Σ_k q_t
 * (mode 1: CROSS_NEW holds Σ r log r of the given resp, the rest 0).
 * `specialised` false runs only the general kernels (the reference the specialised ones are tested against).
 */
export function runPass(
  layout: PassLayout, buf: PassBuffers, p: PassParams, start: number, end: number, sums: Float64Array, scratch: Float64Array,
  specialised = true,
): void {
  if (!warmedUp) warmUp();
  const kernel = p.mode === 0 && specialised ? specialisedEStep(layout) : fullMoments(layout.precision) ? passFull : passDiag;
  // Row blocks, not one long call: V8 would otherwise optimise the kernel mid-loop (on-stack replacement) before the
  // code after the loop has run, and deoptimise at the end of every pass; short calls get a clean optimisation.
  for (let s = start; s < end; s += ROW_BLOCK) kernel(layout, buf, p, s, Math.min(end, s + ROW_BLOCK), sums, scratch);
}

const ROW_BLOCK = 1024;

type Kernel = typeof passFull;

/** The E-step kernel for the layout: fused diag/spherical, fused full/tied below BY_COMPONENT_MIN_D, else `passFull`. */
function specialisedEStep(layout: PassLayout): Kernel {
  if (!fullMoments(layout.precision)) return passDiagEStep;
  return layout.nFeatures < BY_COMPONENT_MIN_D ? passFullEStep : passFull;
}

let warmedUp = false;
/**
 * Runs every branch of both kernels once on a two-row problem with non-integer values, so V8 has type feedback
 * for all of their code before it optimises them; without it the optimised kernel bails out at the first
 * operation it never saw, on every pass.
 */
function warmUp(): void {
  warmedUp = true;
  // d = 2 and 4 for full, so both ways of taking the statistics (BY_COMPONENT_MIN_D) get feedback.
  for (const [precision, d] of [['full', 2], ['full', 4], ['diag', 2]] as const) {
    // Three rows: a pair and an odd last row, so both paths get feedback; the last row is so far out that one
    // component's exponential is negligible.
    const K = 2;
    const layout: PassLayout = { nUsed: 3, nComplete: 3, nFeatures: d, nComponents: K, precision };
    const x = Float64Array.from({ length: 3 * d }, (_, j) => (j < 2 * d ? 0.5 + j * 0.75 - (j % 3) : 2500.25 + j));
    const buf: PassBuffers = { x, resp: Float64Array.of(0.25, 0.75, 0.5, 0.5, 0.125, 0.875), logProbNorm: new Float64Array(3) };
    const p: PassParams = {
      mode: 1, means: Float64Array.from({ length: K * d }, (_, j) => 0.1 + j * 0.3), precFactor: new Float64Array(precision === 'full' ? K * d * d : K * d).fill(0.7),
      logNorm: Float64Array.of(-1.5, -2.5),
    };
    const sums = new Float64Array(sumsLayout(K, d, precision).length);
    const scratch = new Float64Array(scratchLength(K, d));
    // Several calls: V8 allocates a function's feedback vector only after it has been called a few times.
    for (let j = 0; j < 16; j++) {
      p.mode = j % 2 === 0 ? 1 : 0;
      const kernel = p.mode === 0 ? specialisedEStep(layout) : precision === 'full' ? passFull : passDiag;
      kernel(layout, buf, p, 0, 3, sums, scratch);
    }
  }
}

/**
 * Full and tied: rows are taken two at a time so each precision-factor entry loaded from memory serves both rows
 * and the two Mahalanobis sums form independent chains; likewise each statistics entry is read and written once
 * per pair. (An odd last row pairs with itself and its second copy is not counted.) From d = BY_COMPONENT_MIN_D on,
 * the E-step takes four rows at a time (`eStepFull4`) and the statistics follow component by component
 * (`componentStatsFull`). Scratch: [weighted row 0 (K) | weighted row 1 (K) | x − μ_k of row 0 (K×d) | of row 1 (K×d) | exp (K) | M_k μ_k (K×d)].
 */
function passFull(
  layout: PassLayout, buf: PassBuffers, p: PassParams, start: number, end: number, sums: Float64Array, scratch: Float64Array,
): void {
  const K = layout.nComponents, d = layout.nFeatures, dd = d * d;
  const { x, resp, logProbNorm } = buf;
  const { means, precFactor, logNorm } = p;
  const L = sumsLayout(K, d, layout.precision);
  const o1 = L.s1, o2 = L.s2, os = L.scalars;
  const D0 = 2 * K, D1 = 2 * K + K * d, EX = 2 * K + 2 * K * d, CM = 3 * K + 2 * K * d;
  const estep = p.mode === 0;
  const byComponent = d >= BY_COMPONENT_MIN_D;
  if (estep) centredMeans(true, K, d, means, precFactor, scratch, CM);
  if (byComponent) {
    // E-step four rows at a time (each factor entry serves four rows), then the statistics component by component.
    if (estep) eStepFull4(K, d, x, resp, logProbNorm, precFactor, logNorm, start, end, scratch, D0, EX, CM, sums, os);
    else sums[os + CROSS_NEW] += entropyTerm(resp, start * K, end * K);
    componentStatsFull(K, d, x, resp, means, start, end, sums, scratch, o1, o2, D0, D1);
    return;
  }
  let crossNew = 0;
  for (let i0 = start; i0 < end; i0 += 2) {
    const pair = i0 + 1 < end;
    const i1 = pair ? i0 + 1 : i0;
    const x0 = i0 * d, x1 = i1 * d;
    let max0 = -Infinity, max1 = -Infinity;
    for (let k = 0; k < K && estep; k++) {
      const fo = k * dd, co = CM + k * d;
      let maha0 = 0, maha1 = 0;
      for (let j = 0; j < d; j++) {
        const row = fo + j * d;
        let y0 = -scratch[co + j], y1 = y0;
        for (let a = 0; a <= j; a++) {
          const m = precFactor[row + a];
          y0 += m * x[x0 + a];
          y1 += m * x[x1 + a];
        }
        maha0 += y0 * y0;
        maha1 += y1 * y1;
      }
      const w0 = logNorm[k] - 0.5 * maha0, w1 = logNorm[k] - 0.5 * maha1;
      scratch[k] = w0;
      scratch[K + k] = w1;
      if (w0 > max0) max0 = w0;
      if (w1 > max1) max1 = w1;
    }
    const nRows = pair ? 2 : 1;
    for (let h = 0; h < nRows; h++) {
      const i = h === 0 ? i0 : i1, wo = h * K;
      if (estep) {
        normaliseRow(resp, logProbNorm, scratch, i, K, wo, EX, h === 0 ? max0 : max1, sums, os);
      } else {
        crossNew += entropyTerm(resp, i * K, i * K + K);
      }
    }
    {
      for (let k = 0; k < K; k++) {
        let r0 = resp[i0 * K + k], r1 = pair ? resp[i1 * K + k] : 0;
        if (r0 < RESP_NEGLIGIBLE) r0 = 0;
        if (r1 < RESP_NEGLIGIBLE) r1 = 0;
        if (r0 === 0 && r1 === 0) continue;
        sums[k] += r0 + r1;
        const mo = k * d, s0 = D0 + k * d, s1 = D1 + k * d, t1 = o1 + k * d, t2 = o2 + k * dd;
        for (let a = 0; a < d; a++) {
          scratch[s0 + a] = x[x0 + a] - means[mo + a];
          scratch[s1 + a] = x[x1 + a] - means[mo + a];
        }
        for (let a = 0; a < d; a++) {
          const ra0 = r0 * scratch[s0 + a], ra1 = r1 * scratch[s1 + a];
          sums[t1 + a] += ra0 + ra1;
          const row = t2 + a * d;
          for (let b = a; b < d; b++) sums[row + b] += ra0 * scratch[s0 + b] + ra1 * scratch[s1 + b];
        }
      }
    }
  }
  sums[os + CROSS_NEW] += crossNew;
}

/**
 * From this many features on, the full statistics go component by component after the E-step sweep, pairing up
 * only rows whose responsibility for the component is not negligible: with separated components a row pair as it
 * comes mostly pairs a row with one that has nothing for the component, and the d² update does twice the work it
 * needs. For small d the extra sweep and its unpredictable branches cost more than that waste.
 */
const BY_COMPONENT_MIN_D = 4;

/** Mode 1 (statistics of the given responsibilities): Σ r log r over resp[from, to). */
export function entropyTerm(resp: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let j = from; j < to; j++) {
    const r = resp[j];
    if (r > 0) s += r * Math.log(r);
  }
  return s;
}

/**
 * The E-step of `passFull` four rows at a time (d ≥ BY_COMPONENT_MIN_D, so the weighted rows fit at scratch[W, W + 4K)
 * inside the room of the difference vectors, which the statistics only use afterwards). A last group of fewer than
 * four rows repeats its first row in the missing slots and normalises only its own rows.
 */
function eStepFull4(
  K: number, d: number, x: Float64Array, resp: Float64Array, logProbNorm: Float64Array, precFactor: Float64Array, logNorm: Float64Array,
  start: number, end: number, scratch: Float64Array, W: number, EX: number, CM: number, sums: Float64Array, os: number,
): void {
  const dd = d * d;
  for (let i0 = start; i0 < end; i0 += 4) {
    const n = end - i0 < 4 ? end - i0 : 4;
    const x0 = i0 * d, x1 = n > 1 ? x0 + d : x0, x2 = n > 2 ? x0 + 2 * d : x0, x3 = n > 3 ? x0 + 3 * d : x0;
    let max0 = -Infinity, max1 = -Infinity, max2 = -Infinity, max3 = -Infinity;
    for (let k = 0; k < K; k++) {
      const fo = k * dd, co = CM + k * d;
      let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
      for (let j = 0; j < d; j++) {
        const row = fo + j * d;
        let y0 = -scratch[co + j], y1 = y0, y2 = y0, y3 = y0;
        for (let a = 0; a <= j; a++) {
          const m = precFactor[row + a];
          y0 += m * x[x0 + a];
          y1 += m * x[x1 + a];
          y2 += m * x[x2 + a];
          y3 += m * x[x3 + a];
        }
        q0 += y0 * y0;
        q1 += y1 * y1;
        q2 += y2 * y2;
        q3 += y3 * y3;
      }
      const ln = logNorm[k];
      const w0 = ln - 0.5 * q0, w1 = ln - 0.5 * q1, w2 = ln - 0.5 * q2, w3 = ln - 0.5 * q3;
      scratch[W + k] = w0;
      scratch[W + K + k] = w1;
      scratch[W + 2 * K + k] = w2;
      scratch[W + 3 * K + k] = w3;
      if (w0 > max0) max0 = w0;
      if (w1 > max1) max1 = w1;
      if (w2 > max2) max2 = w2;
      if (w3 > max3) max3 = w3;
    }
    normaliseRow(resp, logProbNorm, scratch, i0, K, W, EX, max0, sums, os);
    if (n > 1) normaliseRow(resp, logProbNorm, scratch, i0 + 1, K, W + K, EX, max1, sums, os);
    if (n > 2) normaliseRow(resp, logProbNorm, scratch, i0 + 2, K, W + 2 * K, EX, max2, sums, os);
    if (n > 3) normaliseRow(resp, logProbNorm, scratch, i0 + 3, K, W + 3 * K, EX, max3, sums, os);
  }
}

/**
 * Log-sum-exp of row i's weighted log densities at scratch[wo, wo + K) with maximum `max`: writes q_t into resp and
 * log p(x_i) into logProbNorm, and adds the row's LOG_LIK, CROSS_OLD, CROSS_NEW and BOUND_E terms into sums[os…].
 * scratch[EX, EX + K) takes the exponentials.
 */
function normaliseRow(
  resp: Float64Array, logProbNorm: Float64Array, scratch: Float64Array, i: number, K: number, wo: number, EX: number, max: number, sums: Float64Array, os: number,
): void {
  const ro = i * K;
  // scipy's guard: a non-finite maximum shifts by 0 so all −∞ stays −∞ instead of NaN.
  const shift = max > -Infinity && max < Infinity ? max : 0;
  let s = 0;
  for (let k = 0; k < K; k++) {
    const z = scratch[wo + k] - shift;
    const e = z < EXP_NEGLIGIBLE ? 0 : fastExp(z);
    scratch[EX + k] = e;
    s += e;
  }
  const lpn = s === 1 ? shift : fastLog(s) + shift;
  const inv = 1 / s;
  logProbNorm[i] = lpn;
  let rowSum = 0, crossOld = 0, crossNew = 0;
  for (let k = 0; k < K; k++) {
    const w = scratch[wo + k];
    crossOld += resp[ro + k] * w;
    const r = scratch[EX + k] * inv;
    resp[ro + k] = r;
    crossNew += r * w;
    rowSum += r;
  }
  sums[os + LOG_LIK] += lpn;
  sums[os + CROSS_OLD] += crossOld;
  sums[os + CROSS_NEW] += crossNew;
  sums[os + BOUND_E] += lpn * rowSum;
}

/** The statistics sweep of `passFull` component by component (see BY_COMPONENT_MIN_D); an odd row left over pairs with itself, weighted 0. */
function componentStatsFull(
  K: number, d: number, x: Float64Array, resp: Float64Array, means: Float64Array, start: number, end: number, sums: Float64Array, scratch: Float64Array,
  o1: number, o2: number, D0: number, D1: number,
): void {
  const dd = d * d;
  for (let k = 0; k < K; k++) {
    const mo = k * d, t1 = o1 + k * d, t2 = o2 + k * dd;
    let nk = 0;
    let i0 = -1;
    for (let i = start; i <= end; i++) {
      let r0: number, r1: number, i1: number;
      if (i < end) {
        r1 = resp[i * K + k];
        if (r1 < RESP_NEGLIGIBLE) continue;
        if (i0 < 0) { i0 = i; continue; }
        r0 = resp[i0 * K + k];
        i1 = i;
      } else {
        if (i0 < 0) break;
        r0 = resp[i0 * K + k];
        r1 = 0;
        i1 = i0;
      }
      nk += r0 + r1;
      const x0 = i0 * d, x1 = i1 * d;
      for (let a = 0; a < d; a++) {
        scratch[D0 + a] = x[x0 + a] - means[mo + a];
        scratch[D1 + a] = x[x1 + a] - means[mo + a];
      }
      for (let a = 0; a < d; a++) {
        const ra0 = r0 * scratch[D0 + a], ra1 = r1 * scratch[D1 + a];
        sums[t1 + a] += ra0 + ra1;
        const row = t2 + a * d;
        for (let b = a; b < d; b++) sums[row + b] += ra0 * scratch[D0 + b] + ra1 * scratch[D1 + b];
      }
      i0 = -1;
    }
    sums[k] += nk;
  }
}

/** Diag and spherical E-step: the fused kernel (`passSmall.ts`) over the row pairs, an odd last row through `passDiag`. */
function passDiagEStep(
  layout: PassLayout, buf: PassBuffers, p: PassParams, start: number, end: number, sums: Float64Array, scratch: Float64Array,
): void {
  const K = layout.nComponents, d = layout.nFeatures;
  const L = sumsLayout(K, d, layout.precision);
  passDiagFused(K, d, buf.x, buf.resp, buf.logProbNorm, p.means, p.precFactor, p.logNorm, start, end, sums, scratch, L.s1, L.s2, L.scalars);
  if ((end - start) & 1) passDiag(layout, buf, p, end - 1, end, sums, scratch);
}

/** Full and tied E-step below BY_COMPONENT_MIN_D: the fused kernel (`passSmall.ts`) over the row pairs, an odd last row through `passFull`. */
function passFullEStep(
  layout: PassLayout, buf: PassBuffers, p: PassParams, start: number, end: number, sums: Float64Array, scratch: Float64Array,
): void {
  const K = layout.nComponents, d = layout.nFeatures;
  const L = sumsLayout(K, d, layout.precision);
  passFullFused(K, d, buf.x, buf.resp, buf.logProbNorm, p.means, p.precFactor, p.logNorm, start, end, sums, scratch, L.s1, L.s2, L.scalars);
  if ((end - start) & 1) passFull(layout, buf, p, end - 1, end, sums, scratch);
}

/** Diag and spherical (precFactor holds 1/σ per feature): the same two-rows-at-a-time scheme as `passFull`. */
function passDiag(
  layout: PassLayout, buf: PassBuffers, p: PassParams, start: number, end: number, sums: Float64Array, scratch: Float64Array,
): void {
  const K = layout.nComponents, d = layout.nFeatures;
  const { x, resp, logProbNorm } = buf;
  const { means, precFactor, logNorm } = p;
  const L = sumsLayout(K, d, layout.precision);
  const o1 = L.s1, o2 = L.s2, os = L.scalars;
  const EX = 2 * K + 2 * K * d, CM = 3 * K + 2 * K * d;
  const estep = p.mode === 0;
  if (estep) centredMeans(false, K, d, means, precFactor, scratch, CM);
  let crossNew = 0;
  for (let i0 = start; i0 < end; i0 += 2) {
    const pair = i0 + 1 < end;
    const i1 = pair ? i0 + 1 : i0;
    const x0 = i0 * d, x1 = i1 * d;
    let max0 = -Infinity, max1 = -Infinity;
    for (let k = 0; k < K && estep; k++) {
      const mo = k * d;
      let maha0 = 0, maha1 = 0;
      for (let a = 0; a < d; a++) {
        const pr = precFactor[mo + a], mp = scratch[CM + mo + a];
        const y0 = x[x0 + a] * pr - mp, y1 = x[x1 + a] * pr - mp;
        maha0 += y0 * y0;
        maha1 += y1 * y1;
      }
      const w0 = logNorm[k] - 0.5 * maha0, w1 = logNorm[k] - 0.5 * maha1;
      scratch[k] = w0;
      scratch[K + k] = w1;
      if (w0 > max0) max0 = w0;
      if (w1 > max1) max1 = w1;
    }
    const nRows = pair ? 2 : 1;
    for (let h = 0; h < nRows; h++) {
      const i = h === 0 ? i0 : i1, wo = h * K;
      if (estep) {
        normaliseRow(resp, logProbNorm, scratch, i, K, wo, EX, h === 0 ? max0 : max1, sums, os);
      } else {
        crossNew += entropyTerm(resp, i * K, i * K + K);
      }
    }
    for (let k = 0; k < K; k++) {
      let r0 = resp[i0 * K + k], r1 = pair ? resp[i1 * K + k] : 0;
      if (r0 < RESP_NEGLIGIBLE) r0 = 0;
      if (r1 < RESP_NEGLIGIBLE) r1 = 0;
      if (r0 === 0 && r1 === 0) continue;
      sums[k] += r0 + r1;
      const mo = k * d, t1 = o1 + k * d, t2 = o2 + k * d;
      for (let a = 0; a < d; a++) {
        const e0 = x[x0 + a] - means[mo + a], e1 = x[x1 + a] - means[mo + a];
        const ra0 = r0 * e0, ra1 = r1 * e1;
        sums[t1 + a] += ra0 + ra1;
        sums[t2 + a] += ra0 * e0 + ra1 * e1;
      }
    }
  }
  sums[os + CROSS_NEW] += crossNew;
}
