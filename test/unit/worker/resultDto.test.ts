import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drawnRuns, MAX_DRAWN_RUNS } from '../../../src/worker/resultDto';
import type { FitSettingsDto, RunTrace } from '../../../src/protocol/model';
import { readTable } from '../../../src/data';
import { runFit } from '../../../src/worker/runFit';

function trace(run: number, final: number): RunTrace {
  return { run, init: run % 2 ? 'random-resp' : 'split-merge', logLikelihood: [final - 1, final], lowerBoundAfterE: [], lowerBoundAfterM: [], finalLogLikelihood: final, iterations: 2, outcome: 'converged', converged: true };
}

describe('the runs the log-likelihood chart draws', () => {
  it('keeps every run of an ordinary fit', () => {
    const runs = Array.from({ length: 10 }, (_, r) => trace(r, -r));
    assert.deepEqual(drawnRuns(runs, 3), { runs });
  });

  it('keeps the kept run and those that ended highest, in their order, and says how many there were', () => {
    const runs = Array.from({ length: 300 }, (_, r) => trace(r, -((r * 37) % 300)));
    const { runs: drawn, runsTotal } = drawnRuns(runs, 250);
    assert.equal(runsTotal, 300);
    assert.equal(drawn.length, MAX_DRAWN_RUNS);
    assert.ok(drawn.some((r) => r.run === 250), 'the kept run is drawn even when others ended higher');
    const cut = [...drawn.filter((r) => r.run !== 250)].sort((a, b) => a.finalLogLikelihood - b.finalLogLikelihood)[0].finalLogLikelihood;
    assert.ok(runs.filter((r) => r.run !== 250 && !drawn.includes(r)).every((r) => r.finalLogLikelihood <= cut), 'no run left out ended higher than one drawn');
    assert.deepEqual(drawn.map((r) => r.run), [...drawn.map((r) => r.run)].sort((a, b) => a - b), 'in their own order');
  });
});

describe('the membership map of a model without numeric columns', () => {
  const fitted = (columns: string[], K: number, text: string) => {
    const table = readTable(new TextEncoder().encode(text), { fileName: 'lc.csv' });
    const settings: FitSettingsDto = {
      columns, categorical: [], counts: [], components: { min: K, max: K }, models: ['VVI'], standardize: false, nInit: 3, seed: 0,
      maxIter: 200, tol: 1e-6, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 1000,
    };
    return runFit(table, 'lc.csv', settings, { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined }).dto;
  };
  // Three groups of answers to two questions, a little noise in each.
  const answers = ['a,b,x', ...Array.from({ length: 90 }, (_, i) => {
    const g = i % 3;
    return `${['yes', 'no', 'maybe'][i % 10 === 9 ? (g + 1) % 3 : g]},${['red', 'green', 'blue'][g]},${i}`;
  })].join('\n') + '\n';

  it('puts each component at a corner of a regular polygon and each row at its probability-weighted mean of them', () => {
    const dto = fitted(['a', 'b'], 3, answers);
    const corners = dto.sample.mapCorners, map = dto.sample.map;
    assert.ok(corners && map, 'a latent class model has a map');
    assert.equal(corners.length, 3);
    for (const [x, y] of corners) assert.ok(Math.abs(Math.hypot(x, y) - 1) < 1e-12, 'on the unit circle');
    for (let k = 0; k < 3; k++) {
      const [a, b] = [corners[k], corners[(k + 1) % 3]];
      assert.ok(Math.abs(Math.hypot(a[0] - b[0], a[1] - b[1]) - Math.sqrt(3)) < 1e-12, 'equally spaced');
    }
    assert.equal(map.length, dto.sample.resp.length);
    let nearCorner = 0;
    map.forEach(([px, py], i) => {
      const r = dto.sample.resp[i];
      const cx = r.reduce((s, v, k) => s + v * corners[k][0], 0), cy = r.reduce((s, v, k) => s + v * corners[k][1], 0);
      assert.ok(Math.hypot(px - cx, py - cy) <= 0.06 + 1e-6, `row ${i} sits within the small spread of its weighted mean`);
      const k = dto.sample.labels[i];
      if (Math.hypot(px - corners[k][0], py - corners[k][1]) < 0.2) nearCorner++;
    });
    assert.ok(nearCorner > map.length / 2, `most rows sit by their own component's corner (${nearCorner} of ${map.length})`);
    // The same row always lands at the same place.
    assert.deepEqual(fitted(['a', 'b'], 3, answers).sample.map, map);
  });

  it('draws two components at the two ends of a line, and none for a fit with numeric columns', () => {
    assert.deepEqual(fitted(['a', 'b'], 2, answers).sample.mapCorners, [[-1, 0], [1, 0]]);
    const numeric = fitted(['x'], 2, answers);
    assert.equal(numeric.sample.map, undefined);
    assert.equal(numeric.sample.mapCorners, undefined);
  });
});
