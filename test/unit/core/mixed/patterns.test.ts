import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockPatterns } from '../../../../src/core/mixed/patterns';
import { createMixedFamily } from '../../../../src/core/mixed/family';
import { prepareMixed } from '../../../../src/core/mixed/prepare';
import type { MixedInput } from '../../../../src/core/mixed/types';
import type { PassTotals, StepFailure } from '../../../../src/core/mixture/family';
import { createRng } from '../../../../src/core/numeric/rng';

/** Rows of few patterns: 3 categorical columns (3, 2, 4 levels) and a count column of 0–2, 10% of cells missing, numbers optional. */
function fewPatterns(seed: number, n: number, withNumbers: boolean): MixedInput {
  const rng = createRng(seed, 5);
  const L = [3, 2, 4];
  const codes = new Int32Array(n * 3), counts = new Float64Array(n), num = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const z = rng.next() < 0.6 ? 0 : 1;
    for (let j = 0; j < 3; j++) codes[i * 3 + j] = rng.next() < 0.1 ? -1 : rng.next() < 0.7 ? (z + j) % L[j] : Math.floor(rng.next() * L[j]);
    counts[i] = rng.next() < 0.1 ? NaN : Math.floor(rng.next() * 3) + z;
    num[i * 2] = 4 * z + rng.normal();
    num[i * 2 + 1] = rng.next() < 0.1 ? NaN : -2 * z + rng.normal();
  }
  return {
    rows: n,
    ...(withNumbers ? { numeric: { data: num, rows: n, cols: 2 }, numericNames: ['x', 'y'] } : {}),
    categorical: { names: ['a', 'b', 'c'], levels: L.map((l) => Array.from({ length: l }, (_, v) => `v${v}`)), codes },
    counts: { names: ['n'], values: counts },
  };
}

const isFailure = (t: PassTotals | StepFailure): t is StepFailure => 'failure' in t;

describe('patterns of the categorical and count cells', () => {
  it('group the rows whose cells are all the same, missing ones included, and add up to the rows', () => {
    const data = prepareMixed(fewPatterns(1, 3000, false), { missing: 'em', standardize: false });
    const p = blockPatterns(data);
    assert.ok(p, 'few patterns are found');
    assert.ok(p.count < 300, `${p.count} patterns`);
    assert.equal(p.size.reduce((a, b) => a + b, 0), data.nUsed);
    const J = 3;
    for (let i = 0; i < data.nUsed; i++) {
      const u: number = p.of[i];
      for (let j = 0; j < J; j++) assert.equal(p.data.codes[u * J + j], data.codes[i * J + j]);
      assert.ok(Object.is(p.data.counts[u], data.counts[i]) || (Number.isNaN(p.data.counts[u]) && Number.isNaN(data.counts[i])));
    }
  });

  it('are not used when there are more than half as many as rows', () => {
    const input = fewPatterns(2, 40, false);
    const values = Float64Array.from({ length: 40 }, (_, i) => i);
    const data = prepareMixed({ ...input, counts: { names: ['n'], values } }, { missing: 'em', standardize: false });
    assert.equal(blockPatterns(data), undefined);
  });

  for (const withNumbers of [false, true]) {
    it(`give the row-by-row E- and M-steps' totals, responsibilities and parameters (${withNumbers ? 'with' : 'without'} numeric columns)`, () => {
      const data = prepareMixed(fewPatterns(3, 2000, withNumbers), { missing: 'em', standardize: false });
      assert.ok(blockPatterns(data));
      const K = 3;
      const fast = createMixedFamily(data, 'VVV', 1e-6, K);
      const plain = createMixedFamily(data, 'VVV', 1e-6, K, { patterns: false });
      const rng = createRng(9, 1);
      for (let i = 0; i < data.nUsed; i++) {
        const r = [rng.next(), rng.next(), rng.next()];
        const s = r[0] + r[1] + r[2];
        for (let k = 0; k < K; k++) { fast.resp[i * K + k] = r[k] / s; plain.resp[i * K + k] = r[k] / s; }
      }
      assert.equal(fast.statsFromResp(), plain.statsFromResp());
      for (let it = 0; it < 8; it++) {
        for (const f of [fast, plain]) assert.ok(!('failure' in f.mStep(0, it)));
        const a = fast.eStep(), b = plain.eStep();
        assert.ok(!isFailure(a) && !isFailure(b));
        for (const key of ['logLikelihood', 'crossOld', 'crossNew', 'boundAfterE'] as const) {
          assert.ok(Math.abs(a[key] - b[key]) <= 1e-10 * Math.abs(b[key]), `${key} at iteration ${it}: ${a[key]} vs ${b[key]}`);
        }
      }
      fast.flush(); plain.flush();
      for (let i = 0; i < fast.resp.length; i++) assert.ok(Math.abs(fast.resp[i] - plain.resp[i]) <= 1e-12, `resp ${i}`);
      for (let i = 0; i < data.nUsed; i++) assert.ok(Math.abs(fast.logDensity[i] - plain.logDensity[i]) <= 1e-10 * Math.abs(plain.logDensity[i]), `log density ${i}`);
      const pa = fast.snapshot(), pb = plain.snapshot();
      for (let j = 0; j < 3; j++) pa.categorical.probabilities[j].forEach((v, at) => assert.ok(Math.abs(v - pb.categorical.probabilities[j][at]) <= 1e-12));
      pa.counts.rates.forEach((v, at) => assert.ok(Math.abs(v - pb.counts.rates[at]) <= 1e-12 * Math.max(1, v)));
      pa.weights.forEach((v, k) => assert.ok(Math.abs(v - pb.weights[k]) <= 1e-12));
    });
  }
});

describe('distinct rows as the starts see them', () => {
  it('are counted from the table as from the start data (missing numbers and counts at the mean, missing categories as none)', async () => {
    const { countDistinctStartRows, startDataOf } = await import('../../../../src/core/mixed/spec');
    const { countDistinctRows } = await import('../../../../src/core/gaussian/prepare');
    for (const withNumbers of [false, true]) {
      const input = fewPatterns(4, 300, withNumbers);
      // Ties: some rows copied, and a count at exactly its column's mean where another row's is missing.
      const J = 3;
      for (let i = 0; i < 60; i += 2) {
        input.categorical.codes.copyWithin((i + 1) * J, i * J, (i + 1) * J);
        input.counts.values[i + 1] = input.counts.values[i];
        if (input.numeric) input.numeric.data.copyWithin((i + 1) * 2, i * 2, (i + 1) * 2);
      }
      const data = prepareMixed(input, { missing: 'em', standardize: false });
      const s = startDataOf(data);
      for (const limit of [1, 2, 5, 40, 1000]) {
        assert.equal(countDistinctStartRows(data, limit), countDistinctRows(s.x, data.nUsed, s.nFeatures, limit), `limit ${limit}`);
      }
    }
  });
});
