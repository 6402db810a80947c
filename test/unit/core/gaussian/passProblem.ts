import type { CovarianceType } from '../helpers';
import { createRng } from '../../../../src/core/numeric/rng';

/**
 * Random E-step problem: K components spread over [−4, 4]^d with random scales; rows near them, every fifth row far
 * from all of them (so its log densities are all very negative and only the shift keeps them finite).
 */
export function problem(seed: number, n: number, d: number, K: number, t: CovarianceType) {
  const rng = createRng(seed, n + 17 * d + K);
  const full = t === 'full' || t === 'tied';
  const means = Float64Array.from({ length: K * d }, () => 4 * rng.normal());
  const precFactor = new Float64Array(full ? K * d * d : K * d);
  for (let k = 0; k < K; k++) {
    const scale = 0.5 + 1.5 * rng.next();
    for (let j = 0; j < d; j++) {
      if (!full) precFactor[k * d + j] = t === 'spherical' ? scale : 0.5 + 1.5 * rng.next();
      else for (let a = 0; a <= j; a++) precFactor[k * d * d + j * d + a] = a === j ? 0.5 + 1.5 * rng.next() : 0.4 * rng.normal();
    }
  }
  const logNorm = Float64Array.from({ length: K }, () => -1 - 2 * rng.next());
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const k = rng.int(K), far = i % 5 === 4 ? 300 * (1 + rng.next()) : 0;
    for (let a = 0; a < d; a++) x[i * d + a] = means[k * d + a] + far + 1.2 * rng.normal();
  }
  const resp = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += (resp[i * K + k] = rng.next());
    for (let k = 0; k < K; k++) resp[i * K + k] /= s;
  }
  return { x, resp, means, precFactor, logNorm };
}
