/**
 * Cheap lower bounds on hcvvv's merge costs. Most candidate merges are never the cheapest before one of their
 * groups merges elsewhere, so hcVVV stores a bound first and computes the exact cost (emulated arithmetic, up to
 * O(p³)) only when the bound is the smallest entry left (`hcVVV.ts`).
 *
 * Both bounds rest on det(W) ≥ 0: a group's term l·log(det(W/l) + β(tr W + α)/l) is at least
 * l·log(β(tr W + α)/l) (and equal to it for l ≤ p), and on the trace being computable in plain arithmetic to
 * within a known distance of the emulated one. The margins are generous: a loose bound only costs an exact
 * evaluation, a bound above the cost would change the merges.
 */
import { RTHALF, type VvvGroups } from './vvvGroups';

/** A number no larger than groups.singletonsCost(i, j). */
export function singletonsLowerBound(groups: VvvGroups, i: number, j: number): number {
  const p = groups.p;
  const sums = groups.sums;
  let trace = 0;
  for (let c = 0; c < p; c++) {
    const v = (sums[i * p + c] - sums[j * p + c]) * RTHALF;
    trace += v * v;
  }
  // The differences are the same bits either way; the fused sum of p squares is within p·2^-52 of the plain one.
  const criterion = groups.criterion;
  const relative = ((p + 2) * 2 ** -51 * trace) / (trace + criterion.alpha) + 2 ** -50;
  const logB = Math.log(((criterion.beta * (trace + criterion.alpha)) / 2) * (1 - relative));
  const s = criterion.singleTerm;
  const t = 2 * (logB - 2 ** -48 * (Math.abs(logB) + 1));
  return (t - (s + s)) - 2 ** -48 * (Math.abs(t) + 2 * Math.abs(s));
}

/** A number no larger than groups.exactCost(base, j, …), or −Infinity when no bound is useful. */
export function mergeLowerBound(groups: VvvGroups, base: number, j: number): number {
  const p = groups.p;
  const ni = groups.size[base];
  const nj = groups.size[j];
  const nij = ni + nj;
  const qij = 1 / nij;
  const si = Math.sqrt(ni * qij);
  const sj = nj === 1 ? Math.sqrt(qij) : Math.sqrt(nj * qij);
  const sums = groups.sums;
  let dot = 0;
  let scale = 0;
  for (let c = 0; c < p; c++) {
    const a = si * sums[j * p + c];
    const b = sj * sums[base * p + c];
    const v = a - b;
    const m = Math.abs(a) + Math.abs(b);
    dot += v * v;
    scale += m * m;
  }
  const criterion = groups.criterion;
  const termI = groups.term[base];
  const termJ = nj === 1 ? criterion.singleTerm : groups.term[j];
  const traces = groups.trace[base] + (nj === 1 ? 0 : groups.trace[j]);
  const trace = traces + dot;
  // |emulated − plain| trace ≤ (2^-49 + (p + 1)·2^-51)·(traces + Σ(|a| + |b|)²): each difference is off by at
  // most 2^-51·(|a| + |b|) either way, and each sum of p squares by p·2^-52 of itself.
  const relative = ((p + 8) * 2 ** -50 * (traces + scale)) / (trace + criterion.alpha) + 2 ** -48;
  if (!(relative < 0.5)) return -Infinity;
  const logB = Math.log(((criterion.beta * (trace + criterion.alpha)) / nij) * (1 - relative));
  const t = nij * (logB - 2 ** -48 * (Math.abs(logB) + 1));
  const cost = t - (termI + termJ);
  return cost - 2 ** -48 * (Math.abs(t) + Math.abs(termI) + Math.abs(termJ));
}
