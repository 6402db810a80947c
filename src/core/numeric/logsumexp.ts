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
