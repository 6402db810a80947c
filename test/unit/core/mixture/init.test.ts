import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialResp, kmeansPlusPlus } from '../../../../src/core/mixture/init';
import { START_METHODS } from '../../../../src/core/mixture/types';

/** The methods that need only the rows (the trees and the full-model start come from the family: see starts.ts). */
type RowMethod = Exclude<(typeof START_METHODS)[number], 'hierarchical' | 'hierarchical-sphered' | 'full-model'>;
const INIT_METHODS = START_METHODS.filter((m): m is RowMethod => m !== 'hierarchical' && m !== 'hierarchical-sphered' && m !== 'full-model');
import { createRng } from '../../../../src/core/numeric/rng';

/** Rows around four centres, with repeated rows so that some distances tie exactly. */
function data(n: number, d: number): Float64Array {
  const rng = createRng(11, n + d);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (i % 7 === 6) { x.copyWithin(i * d, (i - 1) * d, i * d); continue; }
    for (let a = 0; a < d; a++) x[i * d + a] = 5 * (i % 4) + rng.normal();
  }
  return x;
}

describe('initialisation', () => {
  for (const K of [1, 2, 3, 6]) {
    it(`k-means++ labels each row with its nearest centre, the lowest index on a tie (K = ${K})`, () => {
      const n = 503, d = 3, x = data(n, d);
      const { centres, labels } = kmeansPlusPlus({ x, nSamples: n, nFeatures: d, nComponents: K, resp: new Float64Array(n * K), rng: createRng(2, K) });
      for (let k = 0; k < K; k++) {
        // Every centre is a row of the data.
        const row = Array.from({ length: n }, (_, i) => i).find((i) => [0, 1, 2].every((a) => x[i * d + a] === centres[k * d + a]));
        assert.notEqual(row, undefined, `centre ${k} is not a row`);
      }
      for (let i = 0; i < n; i++) {
        let best = 0, bestD = Infinity;
        for (let k = 0; k < K; k++) {
          let s = 0;
          for (let a = 0; a < d; a++) s += (x[i * d + a] - centres[k * d + a]) ** 2;
          if (s < bestD) { bestD = s; best = k; }
        }
        assert.equal(labels[i], best, `row ${i}`);
      }
    });
  }

  for (const method of INIT_METHODS) {
    it(`'${method}' gives responsibilities that sum to 1 per row, the same for the same seed`, () => {
      const n = 400, d = 2, K = 3, x = data(n, d);
      const run = (): Float64Array => {
        const resp = new Float64Array(n * K);
        initialResp(method, { x, nSamples: n, nFeatures: d, nComponents: K, resp, rng: createRng(9, 0) });
        return resp;
      };
      const a = run();
      for (let i = 0; i < n; i++) assert.ok(Math.abs(a[i * K] + a[i * K + 1] + a[i * K + 2] - 1) < 1e-12);
      assert.deepEqual(run(), a);
      if (method !== 'random-resp') assert.ok(a.every((r) => r === 0 || r === 1));
    });
  }
});
