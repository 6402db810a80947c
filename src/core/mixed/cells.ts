/**
 * The categorical cells' two passes over the rows, which are most of an iteration of a latent class model: each
 * row's Σ_j log θ_kj[x_ij] for every component, and each level's Σ_i r_ik. Both keep four components' sums in local
 * variables (V8 keeps them in registers; a sum held in an array is stored and loaded again on every row, which made
 * these passes three times slower), and add in the same order as the plain loops, so the results are the same to
 * the last bit.
 */
import type { MixedData } from './prepare';

/**
 * Where each observed categorical cell's probabilities sit: `cell[i·J + j]` is the index in θ of component 0's
 * probability of the row's level (−1 when the cell is missing), component k's at cell + k·stride[j] (stride[j] = L_j).
 * `byLevel` lists the rows of each (column, level) in row order: rows[start[s] … start[s + 1]) for the level l of
 * column j, s = levelStart[j] + l. Made once per fit.
 */
export interface CellIndex {
  readonly cell: Int32Array;
  readonly stride: Int32Array;
  /** Where each column's K × L_j block starts in θ (`thetaLayout`). */
  readonly offsets: Int32Array;
  readonly levelStart: Int32Array;
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

export function cellIndex(data: MixedData, offsets: Int32Array): CellIndex {
  const N = data.nUsed, J = data.levels.length;
  const stride = Int32Array.from(data.levels, (levels) => levels.length);
  const cell = new Int32Array(N * J);
  const levelStart = new Int32Array(J + 1);
  for (let j = 0; j < J; j++) levelStart[j + 1] = levelStart[j] + stride[j];
  const start = new Int32Array(levelStart[J] + 1);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < J; j++) {
      const code = data.codes[i * J + j];
      cell[i * J + j] = code >= 0 ? offsets[j] + code : -1;
      if (code >= 0) start[levelStart[j] + code + 1]++;
    }
  }
  for (let s = 0; s < levelStart[J]; s++) start[s + 1] += start[s];
  const rows = new Int32Array(start[levelStart[J]]);
  const fill = start.slice(0, levelStart[J]);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < J; j++) {
      const code = data.codes[i * J + j];
      if (code >= 0) rows[fill[levelStart[j] + code]++] = i;
    }
  }
  return { cell, stride, offsets, levelStart, start, rows };
}

/** out[i·K + k] = −base[i] + Σ_j log θ_kj[x_ij] over the row's observed categorical cells (j in order). */
export function categoricalLogDensity(index: CellIndex, N: number, K: number, logTheta: Float64Array, base: Float64Array, out: Float64Array): void {
  const { cell, stride } = index;
  const J = stride.length;
  for (let i = 0; i < N; i++) {
    const row = i * J, o = i * K, b = -base[i];
    let k = 0;
    for (; k + 4 <= K; k += 4) {
      let s0 = b, s1 = b, s2 = b, s3 = b;
      for (let j = 0; j < J; j++) {
        const at = cell[row + j];
        if (at < 0) continue;
        const L = stride[j], p = at + k * L;
        s0 += logTheta[p]; s1 += logTheta[p + L]; s2 += logTheta[p + 2 * L]; s3 += logTheta[p + 3 * L];
      }
      out[o + k] = s0; out[o + k + 1] = s1; out[o + k + 2] = s2; out[o + k + 3] = s3;
    }
    for (; k < K; k++) {
      let s = b;
      for (let j = 0; j < J; j++) {
        const at = cell[row + j];
        if (at >= 0) s += logTheta[at + k * stride[j]];
      }
      out[o + k] = s;
    }
  }
}

/** levelCounts[offsets[j] + k·L_j + l] = Σ r_ik over the rows whose cell j is level l (in row order). */
export function levelCounts(index: CellIndex, K: number, resp: Float64Array, out: Float64Array): void {
  const { stride, offsets, levelStart, start, rows } = index;
  const J = stride.length;
  for (let j = 0; j < J; j++) {
    const L = stride[j];
    for (let l = 0; l < L; l++) {
      const s = levelStart[j] + l, t0 = start[s], t1 = start[s + 1], at = offsets[j] + l;
      let k = 0;
      for (; k + 4 <= K; k += 4) {
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (let t = t0; t < t1; t++) {
          const r = rows[t] * K + k;
          a0 += resp[r]; a1 += resp[r + 1]; a2 += resp[r + 2]; a3 += resp[r + 3];
        }
        const p = at + k * L;
        out[p] = a0; out[p + L] = a1; out[p + 2 * L] = a2; out[p + 3 * L] = a3;
      }
      for (; k < K; k++) {
        let a = 0;
        for (let t = t0; t < t1; t++) a += resp[rows[t] * K + k];
        out[at + k * L] = a;
      }
    }
  }
}
