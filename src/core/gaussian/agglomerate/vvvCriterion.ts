/**
 * The criterion of mclust's hcVVV: each group of l rows with scatter matrix W contributes
 *
 *     term(l, W) = l · log( det(W / l) + β · (tr W + α) / l )          (l > p)
 *     term(l, W) = l · log( β · (tr W + α) / l )                        (l ≤ p: W is singular anyway)
 *
 * and a merge costs term(merged) − term(i) − term(j). α = traceW(X / √(n·p)) (the total scatter of the data,
 * scaled) and β = 1 are hcVVV's defaults (R/mbahc.R); the trace term keeps the criterion finite for groups whose
 * scatter is singular (ties, duplicate rows, groups no larger than p). Source: mclust's vvvtij and det2mc.
 * Logs and exps are correctly rounded, as glibc's nearly always are (see `correctlyRounded.ts`).
 */
import { crExp, crLog } from './correctlyRounded';
import { dotSelf, fma } from './openblasArithmetic';

/** Fortran's FLMAX, mclust's "no value yet" and "singular" sentinel. */
export const FLMAX = Number.MAX_VALUE;
/** .Machine$double.eps, the floor of α. */
const EPS = 2 ** -52;

/** α and β of the criterion, with log(α·β), the term of a single row. */
export class VvvCriterion {
  /** α, floored at the machine epsilon as hcVVV does. */
  readonly alpha: number;
  /** log(β·α): the term of a group of one row. */
  readonly singleTerm: number;

  constructor(alpha: number, readonly beta = 1) {
    this.alpha = Math.max(alpha, EPS);
    this.singleTerm = crLog(beta * this.alpha);
  }

  /** The term of two rows whose scatter has trace `trace` (hcvvv's shortcut, whatever p is). */
  pairTerm(trace: number): number {
    return 2 * crLog((this.beta * (trace + this.alpha)) / 2);
  }

  /**
   * mclust's vvvtij: the term of a group of l rows in p dimensions whose scatter has trace `trace` and factor
   * R (p × p row-major, W = RᵀR), with s = 1/√l so that Π (R_kk·s)² = det(W / l).
   */
  term(l: number, p: number, r: Float64Array, s: number, trace: number): number {
    const beta = this.beta;
    const alpha = this.alpha;
    let value: number;
    if (l <= p) {
      value = crLog((beta * (trace + alpha)) / l);
    } else if (trace === 0) {
      value = crLog((alpha * beta) / l);
    } else {
      const detLog = logDetScaled(p, r, s);
      if (detLog === -FLMAX) value = crLog((beta * (trace + alpha)) / l);
      else if (detLog <= 0) value = crLog(crExp(detLog) + (beta * (trace + alpha)) / l);
      else value = crLog(1 + crExp(-detLog) * ((beta * (trace + alpha)) / l)) + detLog;
    }
    return l * value;
  }
}

/** mclust's det2mc: 2·Σ log|R_kk·s|, or −FLMAX when a diagonal entry is zero. */
function logDetScaled(p: number, r: Float64Array, s: number): number {
  let sum = 0;
  for (let k = 0; k < p; k++) {
    const q = r[k * p + k] * s;
    if (Math.abs(q) <= 0) return -FLMAX;
    sum += crLog(Math.abs(q));
  }
  return 2 * sum;
}

/**
 * hcVVV's α: mclust's traceW(X / √(n·p)), the trace of the centred scatter matrix of the scaled data, computed
 * in mcltrw's order (means by fused daxpy, centring by fused daxpy, one ddot per column).
 * @param x row-major n × p
 */
export function defaultAlpha(x: Float64Array, n: number, p: number): number {
  const scale = Math.sqrt(n * p);
  const fac = 1 / Math.sqrt(n);
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) mean[j] = fma(fac, x[i * p + j] / scale, mean[j]);
  }
  const column = new Float64Array(n);
  let ss = 0;
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) column[i] = fma(-fac, mean[j], x[i * p + j] / scale);
    ss = ss + dotSelf(column, 0, n);
  }
  return ss;
}
