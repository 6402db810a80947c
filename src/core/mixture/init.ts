/**
 * The numeric start methods (sklearn `_initialize_parameters`): initial responsibilities written into resp (nUsed × K).
 * - 'kmeans++': k-means++ seeding (greedy, 2 + ⌊ln K⌋ candidates per centre as sklearn), rows to the nearest centre;
 *   on more than SEED_SAMPLE rows the centres are seeded on a random sample of that many rows (the seeding costs
 *   O(N·K·d·log K) and a sample finds centres as good), then every row goes to its nearest centre;
 * - 'kmeans':   the same seeding, then Lloyd steps until no row changes cluster (at most 300, sklearn's max_iter);
 * - 'random-points': K distinct random rows as centres, rows to the nearest (sklearn's 'random_from_data' gives
 *   responsibility only to those K rows, which leaves every covariance at regCovar; nearest-centre is steadier);
 * - 'random-resp': uniform random responsibilities normalised per row (sklearn's 'random').
 * Missing cells count as the column mean (0 in working units). All randomness comes from `rng`.
 */
import type { StartMethod } from './types';
import type { Rng } from '../numeric/rng';
import { FitError, messages } from './errors';

export interface InitInput {
  readonly x: Float64Array;
  readonly nSamples: number;
  readonly nFeatures: number;
  readonly nComponents: number;
  readonly resp: Float64Array;
  readonly rng: Rng;
  readonly isCancelled?: () => boolean;
}

const MAX_LLOYD = 300;
/** Rows k-means++ seeds its centres on at most (a seeded random sample beyond that). */
export const SEED_SAMPLE = 8192;

const cell = (x: Float64Array, i: number): number => { const v = x[i]; return v === v ? v : 0; };

function sqDist(x: Float64Array, i: number, c: Float64Array, k: number, d: number): number {
  let s = 0;
  for (let a = 0; a < d; a++) { const t = cell(x, i * d + a) - c[k * d + a]; s += t * t; }
  return s;
}

/**
 * min(bound, squared distance of row i to centre k), stopping as soon as the partial sum reaches the bound (the
 * sum only grows, so the answer is then the bound): the same value as Math.min(bound, sqDist(…)).
 */
function closer(x: Float64Array, i: number, c: Float64Array, k: number, d: number, bound: number): number {
  let s = 0;
  for (let a = 0; a < d; a++) {
    const t = cell(x, i * d + a) - c[k * d + a];
    s += t * t;
    if (s >= bound) return bound;
  }
  return s;
}

function checkCancel(inp: InitInput): void {
  if (inp.isCancelled?.()) throw new FitError('cancelled', messages.cancelled());
}

/** Fills `inp.resp` for a numeric method (the trees and the full-model start are the family's: see `starts.ts`). */
export function initialResp(method: Exclude<StartMethod, 'hierarchical' | 'hierarchical-sphered' | 'full-model'>, inp: InitInput): void {
  const { nSamples: n, nComponents: K, resp, rng } = inp;
  switch (method) {
    case 'random-resp': {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < K; k++) { const u = rng.next(); resp[i * K + k] = u; s += u; }
        for (let k = 0; k < K; k++) resp[i * K + k] /= s;
      }
      return;
    }
    case 'random-points': return assign(inp, randomCentres(inp));
    case 'kmeans++': {
      if (inp.nSamples <= SEED_SAMPLE) return assignLabels(inp, kmeansPlusPlus(inp).labels);
      return assign(inp, kmeansPlusPlus(sampleRows(inp, SEED_SAMPLE)).centres);
    }
    case 'kmeans': return assign(inp, lloyd(inp, kmeansPlusPlus(inp.nSamples <= SEED_SAMPLE ? inp : sampleRows(inp, SEED_SAMPLE)).centres));
  }
}

/** A seeded random sample of m rows (partial Fisher–Yates on the row indices), as an InitInput of its own. */
function sampleRows(inp: InitInput, m: number): InitInput {
  const { x, nSamples: n, nFeatures: d, nComponents: K, rng } = inp;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const sx = new Float64Array(m * d);
  for (let j = 0; j < m; j++) {
    const r = j + rng.int(n - j);
    const t = index[j]; index[j] = index[r]; index[r] = t;
    sx.set(x.subarray(index[j] * d, index[j] * d + d), j * d);
  }
  return { x: sx, nSamples: m, nFeatures: d, nComponents: K, resp: new Float64Array(0), rng, isCancelled: inp.isCancelled };
}

/** K distinct rows (by value) chosen uniformly; falls back to repeats only if fewer distinct rows exist. */
function randomCentres(inp: InitInput): Float64Array {
  const { x, nSamples: n, nFeatures: d, nComponents: K, rng } = inp;
  const c = new Float64Array(K * d);
  for (let k = 0, tries = 0; k < K; tries++) {
    const i = rng.int(n);
    for (let a = 0; a < d; a++) c[k * d + a] = cell(x, i * d + a);
    let dup = false;
    for (let j = 0; j < k && tries < 100 * K; j++) if (sqDist(x, i, c, j, d) === 0) dup = true;
    if (!dup) k++;
  }
  return c;
}

/**
 * k-means++ centres (nComponents × d) and each row's nearest centre (the lowest index among equal distances, as
 * `nearest` picks it). Each candidate's distances are kept while it is the best so far, so the chosen one's need
 * no second pass, and the labels follow from them.
 */
export function kmeansPlusPlus(inp: InitInput): { centres: Float64Array; labels: Int32Array } {
  const { x, nSamples: n, nFeatures: d, nComponents: K, rng } = inp;
  const c = new Float64Array(K * d);
  const labels = new Int32Array(n);
  let closest = new Float64Array(n);
  let trial = new Float64Array(n), best = new Float64Array(n);
  const nTrials = 2 + Math.floor(Math.log(K));
  const setCentre = (k: number, i: number): void => { for (let a = 0; a < d; a++) c[k * d + a] = cell(x, i * d + a); };
  setCentre(0, rng.int(n));
  let potential = 0;
  for (let i = 0; i < n; i++) { closest[i] = sqDist(x, i, c, 0, d); potential += closest[i]; }
  for (let k = 1; k < K; k++) {
    checkCancel(inp);
    let bestRow = -1, bestPotential = Infinity;
    for (let t = 0; t < nTrials; t++) {
      // Sample a row with probability ∝ its squared distance to the nearest centre so far.
      let target = rng.next() * potential, cand = n - 1;
      for (let i = 0; i < n; i++) { target -= closest[i]; if (target < 0) { cand = i; break; } }
      if (potential === 0) cand = rng.int(n);
      setCentre(k, cand);
      let pot = 0;
      for (let i = 0; i < n; i++) pot += (trial[i] = closer(x, i, c, k, d, closest[i]));
      if (pot < bestPotential) {
        bestPotential = pot;
        bestRow = cand;
        [best, trial] = [trial, best];
      }
    }
    setCentre(k, bestRow);
    potential = bestPotential;
    for (let i = 0; i < n; i++) if (best[i] < closest[i]) labels[i] = k;
    [closest, best] = [best, closest];
  }
  return { centres: c, labels };
}

function nearest(x: Float64Array, i: number, c: Float64Array, K: number, d: number): number {
  let best = 0, bestD = Infinity;
  for (let k = 0; k < K; k++) { const s = closer(x, i, c, k, d, bestD); if (s < bestD) { bestD = s; best = k; } }
  return best;
}

/** Lloyd iterations from `c` (updated in place) until no row changes cluster; an emptied cluster keeps its centre. */
function lloyd(inp: InitInput, c: Float64Array): Float64Array {
  const { x, nSamples: n, nFeatures: d, nComponents: K } = inp;
  const labels = new Int32Array(n).fill(-1);
  const sum = new Float64Array(K * d), count = new Float64Array(K);
  for (let it = 0; it < MAX_LLOYD; it++) {
    checkCancel(inp);
    let changed = 0;
    sum.fill(0); count.fill(0);
    for (let i = 0; i < n; i++) {
      const k = nearest(x, i, c, K, d);
      if (k !== labels[i]) { labels[i] = k; changed++; }
      count[k]++;
      for (let a = 0; a < d; a++) sum[k * d + a] += cell(x, i * d + a);
    }
    if (changed === 0) break;
    for (let k = 0; k < K; k++) if (count[k] > 0) for (let a = 0; a < d; a++) c[k * d + a] = sum[k * d + a] / count[k];
  }
  return c;
}

/** Hard responsibilities from labels. */
function assignLabels(inp: InitInput, labels: Int32Array): void {
  const { nSamples: n, nComponents: K, resp } = inp;
  resp.fill(0, 0, n * K);
  for (let i = 0; i < n; i++) resp[i * K + labels[i]] = 1;
}

/** Hard responsibilities: each row to its nearest centre. */
function assign(inp: InitInput, c: Float64Array): void {
  const { x, nSamples: n, nFeatures: d, nComponents: K, resp } = inp;
  resp.fill(0, 0, n * K);
  for (let i = 0; i < n; i++) resp[i * K + nearest(x, i, c, K, d)] = 1;
}
