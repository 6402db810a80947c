/**
 * AssemblyScript (compiled to WebAssembly with SIMD by `scripts/wasm.js`; not part of the TypeScript program):
 * the fused E-step pass of `src/core/gaussian/pass.ts` with two rows per f64x2 vector. The host
 * (`src/core/gaussian/wasmPass.ts`) keeps the fit's complete rows here in blocks of `nb` rows (nb a multiple of 4),
 * feature-major within a block (x[a·nb + i]), and the responsibilities component-major (r[k·nb + i]), so every
 * vector load takes the same cell of two consecutive rows and the parameters are splatted constants.
 *
 * Every per-row value (weighted log density, exponential, log density, responsibility) is computed with the same
 * IEEE operations in the same order as the JavaScript kernels (`fastExp`, `fastLog` in `core/numeric/exp.ts`), so it
 * is bit-identical to theirs; only the sums over rows are added up in a different order.
 */

// Constants of core/numeric/exp.ts (the same doubles).
const INV_LN2_N: f64 = 46.16624130844683;
const LN2_N_HI: f64 = 0.02166084938653512;
const LN2_N_LO: f64 = 5.9631716539705866e-12;
const ROUND: f64 = 6755399441055744.0;
const C6: f64 = 0.16666666666666666;
const C24: f64 = 0.041666666666666664;
const C120: f64 = 0.008333333333333333;
const C720: f64 = 0.001388888888888889;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
/** EXP_NEGLIGIBLE and RESP_NEGLIGIBLE of core/gaussian/negligible.ts. */
const EXP_NEGLIGIBLE: f64 = -40.0;
const RESP_NEGLIGIBLE: f64 = 1e-15;

/** Tables written by the host at `tables`: 2^(j/32) (32), log(1 + j/128) (128), 1/(1 + j/128) (128). */
let expTable: usize = 0;
let logTable: usize = 0;
let invTable: usize = 0;

export function setTables(tables: usize): void {
  expTable = tables;
  logTable = tables + 32 * 8;
  invTable = logTable + 128 * 8;
}

/** fastExp for z in [−708, 709] per lane (the caller clamps), bit-identical to the scalar one. */
function expv(z: v128): v128 {
  const kf = f64x2.sub(f64x2.add(f64x2.mul(z, f64x2.splat(INV_LN2_N)), f64x2.splat(ROUND)), f64x2.splat(ROUND));
  const ki = i32x4.trunc_sat_f64x2_s_zero(kf);
  const r = f64x2.sub(f64x2.sub(z, f64x2.mul(kf, f64x2.splat(LN2_N_HI))), f64x2.mul(kf, f64x2.splat(LN2_N_LO)));
  let p = f64x2.add(f64x2.splat(C120), f64x2.mul(r, f64x2.splat(C720)));
  p = f64x2.add(f64x2.splat(C24), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C6), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(0.5), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(1.0), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(1.0), f64x2.mul(r, p));
  const k0 = i32x4.extract_lane(ki, 0), k1 = i32x4.extract_lane(ki, 1);
  let t = f64x2.splat(load<f64>(expTable + (<usize>(k0 & 31) << 3)));
  t = f64x2.replace_lane(t, 1, load<f64>(expTable + (<usize>(k1 & 31) << 3)));
  // 2^n from its bits: (n + 1023) << 52.
  const n = i64x2.extend_low_i32x4_s(i32x4.shr_s(ki, 5));
  const pow2 = i64x2.shl(i64x2.add(n, i64x2.splat(1023)), 52);
  return f64x2.mul(f64x2.mul(t, p), pow2);
}

/** fastLog for one positive normal finite x (the callers' sums are ≥ 1), bit-identical to the scalar one. */
function logScalar(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  const hi = <i32>(bits >> 32);
  const e = <f64>((hi >> 20) - 1023);
  const j = (hi >> 13) & 127;
  const m = reinterpret<f64>(((<u64>((hi & 0x000fffff) | 0x3ff00000)) << 32) | (bits & 0xffffffff));
  const r = (m - (1.0 + <f64>j / 128.0)) * load<f64>(invTable + (<usize>j << 3));
  const p = r * (1.0 - r * (0.5 - r * (0.3333333333333333 - r * (0.25 - r * (0.2 - r * (C6 - r * (0.14285714285714285 - r * 0.125)))))));
  return e * LN2_HI + (load<f64>(logTable + (<usize>j << 3)) + p + e * LN2_LO);
}

/** The row pair's log-sum-exp shift: scipy's guard, a non-finite maximum shifts by 0. */
function shiftOf(max: v128): v128 {
  const finite = v128.and(f64x2.gt(max, f64x2.splat(-Infinity)), f64x2.lt(max, f64x2.splat(Infinity)));
  return v128.and(max, finite);
}

/** log Σ e + shift per lane, exactly shift when the sum is 1; a sum that is not a positive finite number gives Math.log's answer. */
function logSumv(s: v128, shift: v128): v128 {
  const s0 = f64x2.extract_lane(s, 0), s1 = f64x2.extract_lane(s, 1);
  const h0 = f64x2.extract_lane(shift, 0), h1 = f64x2.extract_lane(shift, 1);
  const l0 = s0 == 1.0 ? h0 : (s0 >= 2.2250738585072014e-308 && s0 < Infinity ? logScalar(s0) : Math.log(s0)) + h0;
  const l1 = s1 == 1.0 ? h1 : (s1 >= 2.2250738585072014e-308 && s1 < Infinity ? logScalar(s1) : Math.log(s1)) + h1;
  return f64x2.replace_lane(f64x2.splat(l0), 1, l1);
}

/**
 * Normalisation of one block: reads the weighted log densities w (K × nb), writes the responsibilities r (K × nb,
 * reading the old ones for the cross term) and the log densities lpn (nb), and adds the four lower-bound terms into
 * acc (4 vectors: log-likelihood, cross old, cross new, bound after E). e: scratch of 2K vectors.
 */
function normaliseBlock(K: i32, nb: i32, w: usize, r: usize, lpn: usize, e: usize, acc: usize): void {
  const rowBytes = <usize>nb << 3;
  let logLik = v128.load(acc), crossOld = v128.load(acc, 16), crossNew = v128.load(acc, 32), boundE = v128.load(acc, 48);
  const negligible = f64x2.splat(EXP_NEGLIGIBLE), floor = f64x2.splat(-708.0);
  // Four rows per step (two vectors, independent chains); nb is a multiple of 4.
  for (let i = 0; i < nb; i += 4) {
    const io = <usize>i << 3;
    let max0 = f64x2.splat(-Infinity), max1 = max0;
    for (let k = 0; k < K; k++) {
      const at = w + <usize>k * rowBytes + io;
      max0 = f64x2.pmax(max0, v128.load(at));
      max1 = f64x2.pmax(max1, v128.load(at, 16));
    }
    const shift0 = shiftOf(max0), shift1 = shiftOf(max1);
    let s0 = f64x2.splat(0), s1 = s0;
    for (let k = 0; k < K; k++) {
      const at = w + <usize>k * rowBytes + io;
      // Below EXP_NEGLIGIBLE (and for NaN) the exponential is 0, as in the scalar kernels.
      const z0 = f64x2.sub(v128.load(at), shift0), z1 = f64x2.sub(v128.load(at, 16), shift1);
      const k0 = f64x2.ge(z0, negligible), k1 = f64x2.ge(z1, negligible);
      if (!v128.any_true(v128.or(k0, k1))) {
        v128.store(e + (<usize>k << 5), f64x2.splat(0));
        v128.store(e + (<usize>k << 5), f64x2.splat(0), 16);
        continue;
      }
      const e0 = v128.and(expv(f64x2.pmax(z0, floor)), k0);
      const e1 = v128.and(expv(f64x2.pmax(z1, floor)), k1);
      v128.store(e + (<usize>k << 5), e0);
      v128.store(e + (<usize>k << 5), e1, 16);
      s0 = f64x2.add(s0, e0);
      s1 = f64x2.add(s1, e1);
    }
    const l0 = logSumv(s0, shift0), l1 = logSumv(s1, shift1);
    const inv0 = f64x2.div(f64x2.splat(1.0), s0), inv1 = f64x2.div(f64x2.splat(1.0), s1);
    v128.store(lpn + io, l0);
    v128.store(lpn + io, l1, 16);
    let rowSum0 = f64x2.splat(0), rowSum1 = rowSum0;
    for (let k = 0; k < K; k++) {
      const at = <usize>k * rowBytes + io;
      const w0 = v128.load(w + at), w1 = v128.load(w + at, 16);
      const r0 = f64x2.mul(v128.load(e + (<usize>k << 5)), inv0), r1 = f64x2.mul(v128.load(e + (<usize>k << 5), 16), inv1);
      crossOld = f64x2.add(crossOld, f64x2.add(f64x2.mul(v128.load(r + at), w0), f64x2.mul(v128.load(r + at, 16), w1)));
      v128.store(r + at, r0);
      v128.store(r + at, r1, 16);
      crossNew = f64x2.add(crossNew, f64x2.add(f64x2.mul(r0, w0), f64x2.mul(r1, w1)));
      rowSum0 = f64x2.add(rowSum0, r0);
      rowSum1 = f64x2.add(rowSum1, r1);
    }
    logLik = f64x2.add(logLik, f64x2.add(l0, l1));
    boundE = f64x2.add(boundE, f64x2.add(f64x2.mul(l0, rowSum0), f64x2.mul(l1, rowSum1)));
  }
  v128.store(acc, logLik);
  v128.store(acc, crossOld, 16);
  v128.store(acc, crossNew, 32);
  v128.store(acc, boundE, 48);
}

/**
 * Diag/spherical weighted log densities of one block: w[k·nb + i] = logNorm_k − ½ Σ_a (x_ia·p_ka − μ_ka·p_ka)²,
 * with prec (K × d) = 1/σ and mp (K × d) = μ·(1/σ) computed by the host as the scalar kernel does.
 */
function weightedDiag(K: i32, d: i32, nb: i32, x: usize, prec: usize, mp: usize, logNorm: usize, w: usize): void {
  const rowBytes = <usize>nb << 3;
  const half = f64x2.splat(-0.5);
  for (let k = 0; k < K; k++) {
    const ln = f64x2.splat(load<f64>(logNorm + (<usize>k << 3)));
    const pk = prec + (<usize>(k * d) << 3), mk = mp + (<usize>(k * d) << 3);
    const wk = w + <usize>k * rowBytes;
    for (let i = 0; i < nb; i += 4) {
      let q0 = f64x2.splat(0), q1 = f64x2.splat(0);
      let px = x + (<usize>i << 3);
      for (let a = 0; a < d; a++) {
        const pr = v128.load64_splat(pk + (<usize>a << 3));
        const m = v128.load64_splat(mk + (<usize>a << 3));
        const y0 = f64x2.sub(f64x2.mul(v128.load(px), pr), m);
        const y1 = f64x2.sub(f64x2.mul(v128.load(px, 16), pr), m);
        q0 = f64x2.add(q0, f64x2.mul(y0, y0));
        q1 = f64x2.add(q1, f64x2.mul(y1, y1));
        px += rowBytes;
      }
      const o = wk + (<usize>i << 3);
      v128.store(o, f64x2.add(ln, f64x2.mul(half, q0)));
      v128.store(o, f64x2.add(ln, f64x2.mul(half, q1)), 16);
    }
  }
}

/**
 * Diag statistics of one block about the centres `means` (K × d): every row adds r, r·(x − μ) and r·(x − μ)², with r
 * taken as 0 below RESP_NEGLIGIBLE (as the scalar kernels skip it), into lane accumulators stats (per component:
 * N (1) | S1 (d) | S2 (d) vectors). Dense, feature by feature with the sums in registers: with d terms per row this
 * is cheaper than skipping negligible rows with accumulators in memory.
 */
function statsDiag(K: i32, d: i32, nb: i32, x: usize, r: usize, means: usize, stats: usize): void {
  const rowBytes = <usize>nb << 3;
  const tiny = f64x2.splat(RESP_NEGLIGIBLE);
  for (let k = 0; k < K; k++) {
    const rk = r + <usize>k * rowBytes, mk = means + (<usize>(k * d) << 3);
    const st = stats + (<usize>(k * (2 * d + 1)) << 4);
    const s1 = st + 16, s2 = s1 + (<usize>d << 4);
    let nk = v128.load(st);
    for (let i = 0; i < nb; i += 2) {
      const rv = v128.load(rk + (<usize>i << 3));
      nk = f64x2.add(nk, v128.and(rv, f64x2.ge(rv, tiny)));
    }
    v128.store(st, nk);
    let px = x;
    for (let a = 0; a < d; a++) {
      const m = v128.load64_splat(mk + (<usize>a << 3));
      let a1 = v128.load(s1 + (<usize>a << 4)), a2 = v128.load(s2 + (<usize>a << 4));
      let b1 = f64x2.splat(0), b2 = f64x2.splat(0);
      // Four rows per step in two independent accumulator pairs (nb is a multiple of 4).
      for (let i = 0; i < nb; i += 4) {
        const o = <usize>i << 3;
        const rv = v128.load(rk + o), rw = v128.load(rk + o, 16);
        const rr = v128.and(rv, f64x2.ge(rv, tiny)), rs = v128.and(rw, f64x2.ge(rw, tiny));
        const dx = f64x2.sub(v128.load(px + o), m), dy = f64x2.sub(v128.load(px + o, 16), m);
        const t = f64x2.mul(rr, dx), u = f64x2.mul(rs, dy);
        a1 = f64x2.add(a1, t);
        a2 = f64x2.add(a2, f64x2.mul(t, dx));
        b1 = f64x2.add(b1, u);
        b2 = f64x2.add(b2, f64x2.mul(u, dy));
      }
      v128.store(s1 + (<usize>a << 4), f64x2.add(a1, b1));
      v128.store(s2 + (<usize>a << 4), f64x2.add(a2, b2));
      px += rowBytes;
    }
  }
}

/**
 * The diag/spherical E-step pass over nBlocks blocks of nb rows (the last may hold fewer, a multiple of 4, given by
 * lastNb), from x, r and lpn laid out block after block. Accumulates into acc (4 vectors) and stats.
 * scratch: w (K × nb) then e (2K vectors).
 */
export function passDiag(
  K: i32, d: i32, nb: i32, nBlocks: i32, lastNb: i32, x: usize, r: usize, lpn: usize,
  means: usize, prec: usize, mp: usize, logNorm: usize, scratch: usize, acc: usize, stats: usize,
): void {
  const w = scratch, e = scratch + (<usize>(K * nb) << 3);
  for (let b = 0; b < nBlocks; b++) {
    const n = b == nBlocks - 1 ? lastNb : nb;
    const xb = x + (<usize>(b * nb * d) << 3), rb = r + (<usize>(b * nb * K) << 3), lb = lpn + (<usize>(b * nb) << 3);
    weightedDiag(K, d, n, xb, prec, mp, logNorm, w);
    normaliseBlock(K, n, w, rb, lb, e, acc);
    statsDiag(K, d, n, xb, rb, means, stats);
  }
}

/**
 * Full/tied weighted log densities of one block: w[k·nb + i] = logNorm_k − ½ ‖M_k x_i − c_k‖², M_k lower triangular
 * (prec, K × d × d) and c_k = M_k μ_k (cm, K × d, computed by the host as the scalar kernel does); y_j starts at −c_kj
 * and adds M_kja·x_ia for a = 0…j, the scalar kernel's order.
 */
function weightedFull(K: i32, d: i32, nb: i32, x: usize, prec: usize, cm: usize, logNorm: usize, w: usize): void {
  const rowBytes = <usize>nb << 3;
  const half = f64x2.splat(-0.5);
  for (let k = 0; k < K; k++) {
    const ln = f64x2.splat(load<f64>(logNorm + (<usize>k << 3)));
    const mk = prec + (<usize>(k * d * d) << 3), ck = cm + (<usize>(k * d) << 3);
    const wk = w + <usize>k * rowBytes;
    for (let i = 0; i < nb; i += 4) {
      let q0 = f64x2.splat(0), q1 = f64x2.splat(0);
      const xi = x + (<usize>i << 3);
      for (let j = 0; j < d; j++) {
        let y0 = f64x2.neg(v128.load64_splat(ck + (<usize>j << 3)));
        let y1 = y0;
        const row = mk + (<usize>(j * d) << 3);
        let px = xi;
        for (let a = 0; a <= j; a++) {
          const m = v128.load64_splat(row + (<usize>a << 3));
          y0 = f64x2.add(y0, f64x2.mul(m, v128.load(px)));
          y1 = f64x2.add(y1, f64x2.mul(m, v128.load(px, 16)));
          px += rowBytes;
        }
        q0 = f64x2.add(q0, f64x2.mul(y0, y0));
        q1 = f64x2.add(q1, f64x2.mul(y1, y1));
      }
      const o = wk + (<usize>i << 3);
      v128.store(o, f64x2.add(ln, f64x2.mul(half, q0)));
      v128.store(o, f64x2.add(ln, f64x2.mul(half, q1)), 16);
    }
  }
}

/**
 * Full statistics of one block about the centres (K × d): the row pairs with a responsibility of at least
 * RESP_NEGLIGIBLE add r, r·(x − μ) and the upper triangle of r·(x − μ)(x − μ)ᵀ into lane accumulators stats
 * (per component: N (1) | S1 (d) | S2 (d × d) vectors). dx: scratch of d vectors.
 */
function statsFull(K: i32, d: i32, nb: i32, x: usize, r: usize, means: usize, stats: usize, dx: usize): void {
  const rowBytes = <usize>nb << 3;
  const tiny = f64x2.splat(RESP_NEGLIGIBLE);
  for (let k = 0; k < K; k++) {
    const rk = r + <usize>k * rowBytes, mk = means + (<usize>(k * d) << 3);
    const st = stats + (<usize>(k * (1 + d + d * d)) << 4);
    const s1 = st + 16, s2 = s1 + (<usize>d << 4);
    let nk = v128.load(st);
    for (let i = 0; i < nb; i += 2) {
      const rv = v128.load(rk + (<usize>i << 3));
      const big = f64x2.ge(rv, tiny);
      if (!v128.any_true(big)) continue;
      const rr = v128.and(rv, big);
      nk = f64x2.add(nk, rr);
      let px = x + (<usize>i << 3);
      for (let a = 0; a < d; a++) {
        v128.store(dx + (<usize>a << 4), f64x2.sub(v128.load(px), v128.load64_splat(mk + (<usize>a << 3))));
        px += rowBytes;
      }
      for (let a = 0; a < d; a++) {
        const t = f64x2.mul(rr, v128.load(dx + (<usize>a << 4)));
        const o1 = s1 + (<usize>a << 4);
        v128.store(o1, f64x2.add(v128.load(o1), t));
        const row = s2 + (<usize>(a * d) << 4);
        for (let b = a; b < d; b++) {
          const o = row + (<usize>b << 4);
          v128.store(o, f64x2.add(v128.load(o), f64x2.mul(t, v128.load(dx + (<usize>b << 4)))));
        }
      }
    }
    v128.store(st, nk);
  }
}

/** The full/tied E-step pass, as `passDiag` (prec: K × d × d factors, cm: M_k μ_k); scratch: w (K × nb), e (2K vectors), dx (d vectors). */
export function passFull(
  K: i32, d: i32, nb: i32, nBlocks: i32, lastNb: i32, x: usize, r: usize, lpn: usize,
  means: usize, prec: usize, cm: usize, logNorm: usize, scratch: usize, acc: usize, stats: usize,
): void {
  const w = scratch, e = scratch + (<usize>(K * nb) << 3), dx = e + (<usize>K << 5);
  for (let b = 0; b < nBlocks; b++) {
    const n = b == nBlocks - 1 ? lastNb : nb;
    const xb = x + (<usize>(b * nb * d) << 3), rb = r + (<usize>(b * nb * K) << 3), lb = lpn + (<usize>(b * nb) << 3);
    weightedFull(K, d, n, xb, prec, cm, logNorm, w);
    normaliseBlock(K, n, w, rb, lb, e, acc);
    statsFull(K, d, n, xb, rb, means, stats, dx);
  }
}

/**
 * Statistics only (the pass's mode 1, after initialisation): the responsibilities already in r, about the centres
 * `means`, into stats, as the E-step passes take them (full: 1, diag/spherical: 0). scratch: d vectors.
 */
export function passStats(
  full: i32, K: i32, d: i32, nb: i32, nBlocks: i32, lastNb: i32, x: usize, r: usize, means: usize, scratch: usize, stats: usize,
): void {
  for (let b = 0; b < nBlocks; b++) {
    const n = b == nBlocks - 1 ? lastNb : nb;
    const xb = x + (<usize>(b * nb * d) << 3), rb = r + (<usize>(b * nb * K) << 3);
    if (full) statsFull(K, d, n, xb, rb, means, stats, scratch);
    else statsDiag(K, d, n, xb, rb, means, stats);
  }
}
