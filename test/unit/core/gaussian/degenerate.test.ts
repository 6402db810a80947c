import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { degenerateComponents, SINGULAR } from '../../../../src/core/gaussian/degenerate';
import { fitGaussianMixture, selectGaussianModel } from '../../../../src/core/gaussian/fit';
import { DEFAULT_EM_OPTIONS } from '../../../../src/core/mixture/types';
import { DEFAULT_GAUSSIAN_OPTIONS } from '../../../../src/core/gaussian/types';
import { createRng } from '../../../../src/core/numeric/rng';

const names = ['a', 'b'];
const colVar = Float64Array.of(4, 9);

describe('the degeneracy rule', () => {
  it('calls a singular component on a handful of rows spurious, and one on many rows flat, naming the tied column', () => {
    const reg = 1e-6;
    // Component 0: ordinary. Component 1: no spread in column b. Component 2: rows on the line a = b.
    const cov = Float64Array.of(
      1, 0.2, 0.2, 2,
      0.5 + reg, 0, 0, reg,
      1 + reg, 3, 3, 9 + reg,
    );
    const issues = degenerateComponents('full', 3, 2, cov, Float64Array.of(100, 4, 500), reg, colVar, names);
    assert.deepEqual(issues.map((i) => [i.component, i.kind]), [[1, 'spurious'], [2, 'flat']]);
    assert.match(issues[0].message, /^Component 2 is spurious: it rests on about 4\.0 rows and its rows share a single value in "b"/);
    assert.match(issues[1].message, /^Component 3 is flat: its rows lie on a line or plane \(about 500 rows/);
  });

  it('says why a full covariance on no more rows than columns is degenerate, and what model to use instead', () => {
    // Rows on the line a = b, and only 2 of them for 2 columns.
    const cov = Float64Array.of(1 + 1e-6, 1, 1, 1 + 1e-6);
    const [issue] = degenerateComponents('full', 1, 2, cov, Float64Array.of(2), 1e-6, colVar, names);
    assert.equal(issue.kind, 'spurious');
    assert.match(issue.message, /rests on about 2\.0 rows, no more than its 2 columns, and a full covariance needs more rows than columns/);
    assert.match(issue.message, /Use a diagonal model \(VVI/);
  });

  it('measures in the data\'s own scale, so correlated or finely rounded columns are sound', () => {
    // Correlation 0.9999 in a column measured in thousands: far above SINGULAR once standardised.
    const big = Float64Array.of(1e6, 0.9999 * 1e6 * 1, 0.9999 * 1e6, 1e6);
    assert.deepEqual(degenerateComponents('full', 1, 2, big, Float64Array.of(1000), 1e-6, Float64Array.of(1e6, 1e6), names), []);
    // A variance of 1e-7 of the column's is small but real (values rounded to 1/1000 of a standard deviation).
    const small = Float64Array.of(4e-7 + 1e-6, 9);
    assert.ok(4e-7 / 4 > SINGULAR);
    assert.deepEqual(degenerateComponents('diag', 1, 2, small, Float64Array.of(50), 1e-6, colVar, names), []);
  });

  it('leaves a column that is constant over all rows to the data-level notice', () => {
    const cov = Float64Array.of(1, 1e-6);
    assert.deepEqual(degenerateComponents('diag', 1, 2, cov, Float64Array.of(30), 1e-6, Float64Array.of(4, 0), names), []);
  });

  it('sets a spurious start aside for a sound one of the same model, and flags the model only when every start collapses', () => {
    // Two clusters, plus three identical rows far away: a component can sit on the three rows.
    const rng = createRng(3);
    const rows: number[] = [];
    for (let i = 0; i < 300; i++) { const c = i % 2; rows.push(c * 6 + rng.normal(), c * 6 + rng.normal()); }
    for (let i = 0; i < 3; i++) rows.push(40, -40);
    const x = { data: Float64Array.from(rows), rows: 303, cols: 2 };
    const three = fitGaussianMixture(x, { nComponents: 3, nInit: 10 });
    // Some start takes the three rows as a component of their own: that run is set aside when a sound one exists.
    if (three.issues.length === 0) {
      assert.ok(three.runs.every((r) => !r.degenerate || r.run !== three.bestRun));
    } else {
      assert.ok(three.runs.filter((r) => r.outcome === 'converged' || r.outcome === 'max-iter').every((r) => r.degenerate), 'flagged only when every completed start is degenerate');
      assert.equal(three.issues[0].kind, 'spurious');
    }
    // With a single start from the mclust tree on these rows the outliers form a component: spurious, and said so.
    const one = fitGaussianMixture(x, { nComponents: 3, nInit: 1, init: 'hierarchical' });
    assert.equal(one.issues.length, 1);
    assert.equal(one.issues[0].kind, 'spurious');
    assert.ok(one.notices.some((n) => n.code === 'component-spurious'));
  });

  it('does not discard a number of components because of tied, discretised values', () => {
    // Three groups; column c holds whole numbers 0–4 (heavily tied), as counts or grades would.
    const rng = createRng(5);
    const rows: number[] = [];
    for (let i = 0; i < 900; i++) {
      const g = i % 3;
      rows.push(g * 5 + rng.normal(), -g * 4 + rng.normal(), Math.max(0, Math.min(4, Math.round(g + rng.normal()))));
    }
    const x = { data: Float64Array.from(rows), rows: 900, cols: 3 };
    const sel = selectGaussianModel(x, { ...DEFAULT_EM_OPTIONS, ...DEFAULT_GAUSSIAN_OPTIONS, nComponents: [1, 2, 3, 4], models: ['VVV'] });
    const chosen = sel.table[sel.bestIndex];
    assert.ok(chosen.nComponents >= 3, `chose K = ${chosen.nComponents}`);
    assert.ok(!chosen.degenerate);
    for (const row of sel.table.filter((r) => r.nComponents <= 3)) assert.ok(!row.degenerate, `K = ${row.nComponents} was flagged`);
  });
});
