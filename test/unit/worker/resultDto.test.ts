import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drawnRuns, MAX_DRAWN_RUNS } from '../../../src/worker/resultDto';
import type { RunTrace } from '../../../src/protocol/model';

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
