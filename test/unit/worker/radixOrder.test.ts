import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sortedOrder } from '../../../src/worker/radixOrder';

/** The reference: a comparison sort of the positions, ties by position, NaN last. */
function reference(values: Float64Array, descending: boolean): number[] {
  const idx = Array.from(values, (_, i) => i);
  return idx.sort((a, b) => {
    const va = values[a], vb = values[b];
    const na = Number.isNaN(va), nb = Number.isNaN(vb);
    if (na || nb) return na && nb ? a - b : na ? 1 : -1;
    if (va === vb) return a - b;
    return (va < vb ? -1 : 1) * (descending ? -1 : 1);
  });
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('the linear-time sort order of numbers', () => {
  it('agrees with a comparison sort on numbers of every size and sign, ties in position order', () => {
    const r = seeded(3);
    for (const n of [0, 1, 2, 17, 1000, 50_000]) {
      const values = Float64Array.from({ length: n }, () => {
        const u = r();
        if (u < 0.1) return Math.round(r() * 5) - 2; // many ties
        if (u < 0.2) return (r() - 0.5) * 1e-300;
        if (u < 0.3) return (r() - 0.5) * 1e300;
        return Math.log(r()) * 10;
      });
      for (const descending of [false, true]) assert.deepEqual(Array.from(sortedOrder(values, descending)), reference(values, descending), `n = ${n}, ${descending ? 'descending' : 'ascending'}`);
    }
  });

  it('puts −∞ and +∞ at the ends, NaN after them either way, and ties −0 with +0', () => {
    const values = Float64Array.from([0, NaN, -Infinity, 1, -0, Infinity, -1, NaN]);
    assert.deepEqual(Array.from(sortedOrder(values)), [2, 6, 0, 4, 3, 5, 1, 7]);
    assert.deepEqual(Array.from(sortedOrder(values, true)), [5, 3, 0, 4, 6, 2, 1, 7]);
  });

  it('leaves equal keys in their order (stable), also when every key is the same', () => {
    const same = new Float64Array(1000).fill(0.5);
    assert.deepEqual(Array.from(sortedOrder(same, true)), Array.from({ length: 1000 }, (_, i) => i));
  });
});
