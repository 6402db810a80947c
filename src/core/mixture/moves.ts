/**
 * Split-and-merge moves (after Ueda, Nakano, Ghahramani & Hinton 2000, "SMEM algorithm for mixture models"): ways
 * to leave a maximum of the likelihood that EM cannot leave by itself, written as new responsibilities from a
 * fitted run's. A move frees one component by merging it into the component its rows overlap most, and spends it
 * where the fit is poor:
 * - 'split': another component's rows are divided in two by a weighted 2-means in the start features;
 * - 'reseed': the freed component is re-seeded at a row the fit explains worst (lowest log density), taking the
 *   rows nearer to that row than to their own component's centre (in the start features).
 * EM from the new responsibilities then decides whether the move leads to a higher maximum (see `search.ts`).
 * Pure functions of the arrays given; all randomness comes from the `Rng`.
 */
import type { Rng } from '../numeric/rng';

/**
 * One move: free `freed` (merged into `into`), then spend it: 'split' divides component `split` between `split` and
 * `freed` (`split === into` re-partitions the pair's rows), 'reseed' re-seeds it at a poorly fitted row.
 */
export interface Move {
  readonly kind: 'split' | 'reseed';
  readonly freed: number;
  readonly into: number;
  /** The component split in two ('split' only). */
  readonly split: number;
  /** Split by random soft responsibilities (EM then finds the division) instead of a 2-means. */
  readonly soft?: boolean;
}

/** What a move reads: the run's responsibilities and log densities (working rows), and the start features. */
export interface MoveInput {
  readonly resp: Float64Array;
  readonly logDensity: Float64Array;
  readonly nSamples: number;
  readonly nComponents: number;
  /** nSamples × nFeatures (NaN = missing, read as 0, the column mean, as the start methods do). */
  readonly x: Float64Array;
  readonly nFeatures: number;
}

/** Lloyd iterations of a split's 2-means at most. */
const SPLIT_LLOYD = 10;
/** A re-seeded component starts at one of the rows the fit explains worst: this share of them (at least one). */
const WORST_SHARE = 0.02;

/**
 * Every move, in order of promise: for each component the partner it overlaps most (cosine of their responsibility
 * columns, SMEM's merge criterion) is the one it merges into; the components to split are ranked by how poorly their
 * rows are fitted (mean negative log density, a stand-in for SMEM's split criterion). At most `max` moves.
 */
export function proposeMoves(inp: MoveInput, max: number): Move[] {
  const { resp, logDensity, nSamples: n, nComponents: K } = inp;
  if (K < 2) return [];
  const gram = new Float64Array(K * K), poorFit = new Float64Array(K), mass = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const r = resp[i * K + k];
      if (r === 0) continue;
      mass[k] += r;
      poorFit[k] -= r * logDensity[i];
      for (let l = k; l < K; l++) gram[k * K + l] += r * resp[i * K + l];
    }
  }
  const overlap = (k: number, l: number): number => {
    const [a, b] = k < l ? [k, l] : [l, k];
    return gram[a * K + b] / Math.sqrt(gram[a * K + a] * gram[b * K + b] || 1);
  };
  const partner = new Int32Array(K);
  for (let f = 0; f < K; f++) {
    let best = -1, score = -Infinity;
    for (let g = 0; g < K; g++) if (g !== f && overlap(f, g) > score) { score = overlap(f, g); best = g; }
    partner[f] = best;
  }
  const bySplit = Array.from({ length: K }, (_, k) => k).sort((a, b) => poorFit[b] / (mass[b] || 1) - poorFit[a] / (mass[a] || 1) || a - b);
  const moves: Move[] = [];
  // Every pair's rows divided afresh, by a 2-means and by a random soft split; then each component re-seeded where
  // the fit is worst; then merges with the closest partner paired with splits of the worst-fitted components.
  for (let a = 0; a < K; a++) {
    for (let b = a + 1; b < K; b++) {
      moves.push({ kind: 'split', freed: b, into: a, split: a });
      moves.push({ kind: 'split', freed: b, into: a, split: a, soft: true });
    }
  }
  for (let f = 0; f < K; f++) moves.push({ kind: 'reseed', freed: f, into: partner[f], split: -1 });
  for (const m of bySplit) {
    for (let f = 0; f < K; f++) if (f !== m && partner[f] !== m) moves.push({ kind: 'split', freed: f, into: partner[f], split: m });
  }
  return moves.slice(0, Math.max(0, max));
}

/** How many moves `proposeMoves` proposes with K components (at most `max`). */
export function countMoves(K: number, max: number): number {
  return K < 2 ? 0 : Math.min(max, K * (K - 1) + K + K * Math.max(0, K - 2));
}

/** Writes the responsibilities a move starts from into `out` (nSamples × nComponents). */
export function applyMove(move: Move, inp: MoveInput, out: Float64Array, rng: Rng): void {
  const { resp, nSamples: n, nComponents: K } = inp;
  out.set(resp.subarray(0, n * K));
  const { freed: f, into: g } = move;
  for (let i = 0; i < n; i++) { out[i * K + g] += out[i * K + f]; out[i * K + f] = 0; }
  if (move.kind === 'split' && move.soft) softSplit(inp, out, move.split, f, rng);
  else if (move.kind === 'split') splitComponent(inp, out, move.split, f, rng);
  else reseedComponent(inp, out, f, rng);
}

const cell = (x: Float64Array, j: number): number => { const v = x[j]; return v === v ? v : 0; };

function sqDist(x: Float64Array, i: number, c: Float64Array, at: number, d: number): number {
  let s = 0;
  for (let a = 0; a < d; a++) { const t = cell(x, i * d + a) - c[at + a]; s += t * t; }
  return s;
}

/** A row drawn with probability ∝ weight (the last row with weight when rounding runs past the end). */
function drawRow(weight: (i: number) => number, n: number, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += weight(i);
  let target = rng.next() * total, last = -1;
  for (let i = 0; i < n; i++) {
    const w = weight(i);
    if (w <= 0) continue;
    last = i;
    target -= w;
    if (target < 0) return i;
  }
  return last;
}

/** Divides component m's responsibilities between m and f at random, row by row (EM then finds the division). */
function softSplit(inp: MoveInput, out: Float64Array, m: number, f: number, rng: Rng): void {
  const { nSamples: n, nComponents: K } = inp;
  for (let i = 0; i < n; i++) {
    const u = rng.next(), w = out[i * K + m];
    out[i * K + m] = w * u;
    out[i * K + f] = w * (1 - u);
  }
}

/** Divides component m's responsibilities between m and f by a weighted 2-means of its rows (k-means++ seeded). */
function splitComponent(inp: MoveInput, out: Float64Array, m: number, f: number, rng: Rng): void {
  const { x, nSamples: n, nComponents: K, nFeatures: d } = inp;
  const w = (i: number): number => out[i * K + m];
  const c = new Float64Array(2 * d);
  const first = drawRow(w, n, rng);
  if (first < 0) return;
  for (let a = 0; a < d; a++) c[a] = cell(x, first * d + a);
  const second = drawRow((i) => w(i) * sqDist(x, i, c, 0, d), n, rng);
  if (second < 0) return;
  for (let a = 0; a < d; a++) c[d + a] = cell(x, second * d + a);
  const side = new Uint8Array(n);
  const sum = new Float64Array(2 * d), mass = new Float64Array(2);
  for (let it = 0; it < SPLIT_LLOYD; it++) {
    let changed = 0;
    sum.fill(0); mass.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w(i);
      if (wi === 0) continue;
      const s = sqDist(x, i, c, d, d) < sqDist(x, i, c, 0, d) ? 1 : 0;
      if (s !== side[i] || it === 0) changed++;
      side[i] = s;
      mass[s] += wi;
      for (let a = 0; a < d; a++) sum[s * d + a] += wi * cell(x, i * d + a);
    }
    if (changed === 0 || mass[0] === 0 || mass[1] === 0) break;
    for (let s = 0; s < 2; s++) for (let a = 0; a < d; a++) c[s * d + a] = sum[s * d + a] / mass[s];
  }
  for (let i = 0; i < n; i++) if (side[i] === 1) { out[i * K + f] = out[i * K + m]; out[i * K + m] = 0; }
}

/**
 * Re-seeds component f at one of the worst-explained rows (drawn among the lowest WORST_SHARE by log density): every
 * row nearer to it than to the centre of its most responsible component goes to f.
 */
function reseedComponent(inp: MoveInput, out: Float64Array, f: number, rng: Rng): void {
  const { x, logDensity, nSamples: n, nComponents: K, nFeatures: d } = inp;
  const rows = Array.from({ length: n }, (_, i) => i).sort((a, b) => logDensity[a] - logDensity[b] || a - b);
  const seed = rows[rng.int(Math.max(1, Math.floor(WORST_SHARE * n)))];
  const centres = new Float64Array((K + 1) * d), mass = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const r = out[i * K + k];
      if (r === 0) continue;
      mass[k] += r;
      for (let a = 0; a < d; a++) centres[k * d + a] += r * cell(x, i * d + a);
    }
  }
  for (let k = 0; k < K; k++) if (mass[k] > 0) for (let a = 0; a < d; a++) centres[k * d + a] /= mass[k];
  for (let a = 0; a < d; a++) centres[K * d + a] = cell(x, seed * d + a);
  for (let i = 0; i < n; i++) {
    let own = 0;
    for (let k = 1; k < K; k++) if (out[i * K + k] > out[i * K + own]) own = k;
    if (i !== seed && sqDist(x, i, centres, K * d, d) >= sqDist(x, i, centres, own * d, d)) continue;
    for (let k = 0; k < K; k++) out[i * K + k] = 0;
    out[i * K + f] = 1;
  }
}
