/** R mclust's M-steps for every model (test/fixtures/mclust/mstep.json, made by make_mclust_mstep.R there). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COVARIANCE_MODELS, type ModelName } from '../../../../../src/core/gaussian/models/catalog';
import type { ScatterInput } from '../../../../../src/core/gaussian/models/estimate';
import { repoRoot } from '../../helpers';

/** mclust's estimate for one model: sigma K×d×d (k-major, row-major); d = 1 cases have K values. */
export interface MclustFit {
  model: ModelName | 'E' | 'V';
  sigma: number[];
  innerIterations: number;
  /** The iterative models again with inner tolerance 1e-15 (mclust's default is √ε ≈ 1.5e-8). */
  sigmaTight?: number[];
  tightIterations?: number;
}

/** One data set with its responsibilities, reduced to N_k and W_k (full, k-major, row-major). */
export interface MclustCase { name: string; n: number; d: number; G: number; nk: number[]; scatter: number[]; fits: MclustFit[] }

interface Fixture { mclustVersion: string; cases: MclustCase[]; nMclustParams: { model: ModelName; d: number; G: number; nParams: number }[] }

let cached: Fixture | undefined;

/** The parsed fixture (read once). */
export function mclustFixture(): Fixture {
  cached ??= JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test/fixtures/mclust/mstep.json'), 'utf8')) as Fixture;
  return cached;
}

/** The scatter input of a case in the layout of `model` (the diagonals for diagonal models). */
export function inputFor(c: MclustCase, model: ModelName, regCovar = 0): ScatterInput {
  const { d, G: K } = c;
  const full = Float64Array.from(c.scatter);
  const scatter = COVARIANCE_MODELS[model].layout === 'full' ? full : diagonals(full, K, d);
  return { K, d, nk: Float64Array.from(c.nk), scatter, regCovar };
}

/** The K×d diagonals of K×d×d matrices. */
export function diagonals(full: ArrayLike<number>, K: number, d: number): Float64Array {
  const out = new Float64Array(K * d);
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) out[k * d + j] = full[k * d * d + j * d + j];
  return out;
}

/** mclust's sigma in the layout of `model`. */
export function sigmaFor(c: MclustCase, model: ModelName, sigma: number[]): Float64Array {
  return COVARIANCE_MODELS[model].layout === 'full' ? Float64Array.from(sigma) : diagonals(sigma, c.G, c.d);
}

/** max |a − b| / max |b| over two arrays. */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0, scale = 0;
  for (let i = 0; i < b.length; i++) { diff = Math.max(diff, Math.abs(a[i] - b[i])); scale = Math.max(scale, Math.abs(b[i])); }
  return diff / scale;
}
