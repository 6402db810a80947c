import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VvvCriterion } from '../../../../../src/core/gaussian/agglomerate/vvvCriterion';
import { VvvGroups, type MergedStats } from '../../../../../src/core/gaussian/agglomerate/vvvGroups';
import { mergeLowerBound, singletonsLowerBound } from '../../../../../src/core/gaussian/agglomerate/vvvBounds';
import { seeded } from './support';

/** Groups in random states: sizes, traces, terms, factors and means at the given scale and offset. */
function randomGroups(seed: number, n: number, p: number, scale: number, offset: number): VvvGroups {
  const rng = seeded(seed);
  const x = Float64Array.from({ length: n * p }, () => offset + scale * (rng.uniform() < 0.2 ? rng.int(3) : rng.normal()));
  const groups = new VvvGroups(x, n, p, new VvvCriterion(scale * scale * (0.01 + rng.uniform())));
  for (let s = 0; s < n; s++) {
    if (rng.uniform() < 0.4) continue; // stays a single row
    const size = 2 + rng.int(3 * p);
    groups.size[s] = size;
    groups.formed[s] = rng.int(1000);
    groups.trace[s] = rng.uniform() < 0.1 ? 0 : scale * scale * size * rng.uniform();
    groups.term[s] = (rng.uniform() - 0.5) * 10 * size;
    for (let c = 0; c < p; c++) groups.sums[s * p + c] *= Math.sqrt(size);
    for (let a = 0; a < p; a++) {
      groups.storedRow[s * p + a] = scale * rng.normal();
      for (let b = a; b < p; b++) groups.trueFactor[s * p * p + a * p + b] = scale * rng.normal();
    }
  }
  return groups;
}

describe('lower bounds of merge costs (vvvBounds)', () => {
  it('never exceed the exact merge costs, whatever the sizes, scales and offsets of the groups', () => {
    const stats: MergedStats = { trace: 0, term: 0, size: 0, weightI: 0, weightJ: 0 };
    let checked = 0;
    for (const [seed, p, scale, offset] of [[1, 1, 1, 0], [2, 2, 1e-3, 0], [3, 3, 1, 1e4], [4, 5, 1e3, -50], [5, 8, 1, 0], [6, 17, 0.1, 3]] as const) {
      const n = 30;
      const groups = randomGroups(seed, n, p, scale, offset);
      const u = new Float64Array(p * p);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (i === j) continue;
          if (groups.size[i] === 1 && groups.size[j] === 1) {
            if (i < j) assert.ok(singletonsLowerBound(groups, i, j) <= groups.singletonsCost(i, j), `singletons ${i}, ${j}`);
            continue;
          }
          if (groups.size[i] === 1) continue; // the base is the group of several rows
          const bound = mergeLowerBound(groups, i, j);
          const cost = groups.exactCost(i, j, u, stats, false);
          assert.ok(Number.isFinite(cost), `cost of ${i}, ${j}`);
          assert.ok(bound <= cost, `p ${p}: bound ${bound} > cost ${cost} for ${i}, ${j}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 1000);
  });

  it('are equal to the exact cost to about 1e-12 when the merged group has at most p rows', () => {
    const groups = randomGroups(9, 20, 6, 1, 0);
    const stats: MergedStats = { trace: 0, term: 0, size: 0, weightI: 0, weightJ: 0 };
    const u = new Float64Array(36);
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) {
        if (i === j || groups.size[i] === 1 || groups.size[i] + groups.size[j] > 6) continue;
        const cost = groups.exactCost(i, j, u, stats, false);
        assert.ok(Math.abs(cost - mergeLowerBound(groups, i, j)) <= 1e-12 * (1 + Math.abs(groups.term[i])), `${i}, ${j}`);
      }
    }
  });
});
