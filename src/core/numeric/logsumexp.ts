import { fastExp, fastLog } from './exp';

/**
 * log Σ exp(a_j) over `a[off … off+n)`, shifted by the maximum so nothing overflows.
 * scipy's guard (`scipy/special/_logsumexp.py`): when the maximum is not finite the shift is 0, so a row of
 * all −∞ gives −∞ (not NaN: −∞ − (−∞) would be NaN) and a +∞ entry gives +∞.
 */
export function logSumExp(a: ArrayLike<number>, off = 0, n = a.length - off): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (a[off + j] > max) max = a[off + j];
  const shift = Number.isFinite(max) ? max : 0;
  let s = 0;
  for (let j = 0; j < n; j++) s += Math.exp(a[off + j] - shift);
  return Math.log(s) + shift;
}

/**
 * `logSumExp` of a[0 … n) that also writes the normalised probabilities exp(a_j − result) into `probs`: one
 * exponential per entry instead of two, and `fastExp` / `fastLog` (within 2 ulp; the sum is ≥ 1, where fastLog is
 * accurate) instead of the calls out to Math's. Same guards: a row of all −∞ gives −∞ (and NaN probabilities, as
 * exp(−∞ − (−∞)) would).
 */
export function logNormalise(a: ArrayLike<number>, n: number, probs: Float64Array): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (a[j] > max) max = a[j];
  const shift = Number.isFinite(max) ? max : 0;
  let s = 0;
  for (let j = 0; j < n; j++) {
    const e = fastExp(a[j] - shift);
    probs[j] = e;
    s += e;
  }
  const inv = 1 / s;
  for (let j = 0; j < n; j++) probs[j] = s > 0 ? probs[j] * inv : NaN;
  return fastLog(s) + shift;
}
