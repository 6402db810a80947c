import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PairTable, withPairTable } from '../../../../../src/core/gaussian/agglomerate/pairTable';
import { seeded } from './support';

/** mclust's scan: the last pair in packed order among the smallest costs. */
function scan(costs: Float64Array, last: number): [number, number, number] {
  let best: [number, number, number] = [0, 1, costs[0]];
  for (let j = 1; j <= last; j++) {
    for (let i = 0; i < j; i++) {
      const v = costs[PairTable.index(i, j)];
      if (v <= best[2]) best = [i, j, v];
    }
  }
  return best;
}

/** mclust's wardsw on a plain packed array. */
function wardsw(costs: Float64Array, j: number, last: number): void {
  for (let i = 0; i < j; i++) {
    const a = PairTable.index(i, j);
    const b = PairTable.index(i, last);
    [costs[a], costs[b]] = [costs[b], costs[a]];
  }
  for (let k = j + 1; k < last; k++) {
    const a = PairTable.index(j, k);
    const b = PairTable.index(k, last);
    [costs[a], costs[b]] = [costs[b], costs[a]];
  }
}

describe('PairTable', () => {
  it("finds mclust's pair (the last of the smallest in packed order) through writes, rescans and slot moves", () => {
    const rng = seeded(11);
    for (let trial = 0; trial < 40; trial++) {
      const n = 3 + rng.int(30);
      const table = new PairTable(n);
      const mirror = new Float64Array(table.costs.length);
      // Few distinct values, so that ties are common.
      const draw = (): number => rng.int(6);
      for (let j = 1; j < n; j++) {
        for (let i = 0; i < j; i++) mirror[PairTable.index(i, j)] = table.costs[PairTable.index(i, j)] = draw();
        table.rescan(j);
      }
      const best = new Float64Array(3);
      for (let last = n - 1; last >= 1; last--) {
        table.best(last, best);
        assert.deepEqual(Array.from(best), scan(mirror, last), `trial ${trial}, last ${last}`);
        if (last === 1) break;
        const [i, j] = [best[0], best[1]];
        if (j !== last) {
          table.moveLastInto(j, last);
          wardsw(mirror, j, last);
        }
        for (let k = 0; k < last; k++) {
          if (k === i) continue;
          const v = draw();
          const a = Math.min(i, k);
          const b = Math.max(i, k);
          mirror[PairTable.index(a, b)] = v;
          if (k < i || k === j) table.costs[PairTable.index(a, b)] = v;
          else table.set(i, k, v);
        }
        if (i > 0) table.rescan(i);
        if (j < last) table.rescan(j);
      }
    }
  });

  it('lends one zeroed buffer to consecutive trees, and a separate one to a table built while another is in use', () => {
    const first = withPairTable(50, (t) => { t.costs.fill(7); t.isBound.fill(1); return t.costs.buffer; });
    withPairTable(40, (t) => {
      assert.equal(t.costs.buffer, first, 'the second tree reuses the first one\'s buffer');
      assert.equal(t.costs.length, (40 * 39) / 2);
      assert.ok(t.costs.every((v) => v === 0) && t.isBound.every((v) => v === 0), 'zeroed');
      t.costs.fill(3);
      withPairTable(10, (inner) => {
        assert.notEqual(inner.costs.buffer, first, 'never the buffer of a table still in use');
        inner.costs.fill(5);
      });
      assert.ok(t.costs.every((v) => v === 3), 'the outer table is untouched');
    });
    assert.throws(() => withPairTable(30, () => { throw new Error('cancelled'); }));
    withPairTable(30, (t) => assert.equal(t.costs.buffer, first, 'lent again after a build that threw'));
  });
});
