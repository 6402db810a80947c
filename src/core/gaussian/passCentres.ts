/**
 * What the pass kernels subtract from each scaled row, computed once per pass (and identically for the JavaScript
 * and WebAssembly kernels, whose per-row results are bit-identical):
 * - diag/spherical: μ_ka·(1/σ_ka), so (x − μ)/σ = x·(1/σ) − μ/σ is one multiply-subtract per cell;
 * - full/tied: c_k = M_k μ_k (M_k the lower-triangular precision factor), so y = M_k x − c_k needs no per-row
 *   difference vector (sklearn's X·P − μ·P).
 * Writes K × d values at out[o…].
 */
export function centredMeans(
  full: boolean, K: number, d: number, means: Float64Array, precFactor: Float64Array, out: Float64Array, o: number,
): void {
  if (!full) {
    for (let j = 0; j < K * d; j++) out[o + j] = means[j] * precFactor[j];
    return;
  }
  const dd = d * d;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      let c = 0;
      for (let a = 0; a <= j; a++) c += precFactor[k * dd + j * d + a] * means[k * d + a];
      out[o + k * d + j] = c;
    }
  }
}
