import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng } from '../../../src/core/numeric/rng';
import type { FitSettingsDto } from '../../../src/protocol/model';
import { readSource } from '../../../src/worker/readSource';
import { runFit, type RunFitHooks } from '../../../src/worker/runFit';
import { exportText } from '../../../src/worker/exportText';
import { compareWithColumn } from '../../../src/worker/compare';
import { fitsInPasses, PASSES_MIN_BYTES } from '../../../src/worker/stream/tableFit';
import { RowPages } from '../../../src/worker/rowPages';
import type { Table } from '../../../src/data';

let dir = '';
let table: Table;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-table-passes-'));
  // 40,003 rows of three clusters (three chunks of 16,384: the first and last read in place, the last one short and
  // not a multiple of 4), with 4% of z missing in the middle chunk only; a label column to compare with.
  const rng = createRng(5, 9);
  const lines = ['x,y,z,group'];
  for (let i = 0; i < 40_003; i++) {
    const c = i % 3;
    const z = i >= 16_384 && i < 32_768 && rng.next() < 0.04 ? '' : (c * 2 + rng.normal() * 0.7).toFixed(5);
    lines.push(`${(c * 4 + rng.normal()).toFixed(5)},${(-c * 3 + rng.normal() * (1 + c / 2)).toFixed(5)},${z},g${c}`);
  }
  const file = path.join(dir, 'data.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  ({ table } = await readSource({ fileName: 'data.csv', uri: `file://${file}`, source: { kind: 'path', path: file }, maxBytes: 2 ** 30 }, { onProgress: () => undefined }));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const settings: FitSettingsDto = {
  columns: ['x', 'y', 'z'], categorical: [], counts: [], components: { min: 3, max: 3 }, models: ['VVV'], standardize: false, nInit: 3,
  seed: 2, maxIter: 200, tol: 1e-5, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 500,
};

function hooks(passesMinBytes?: number, isCancelled = () => false): RunFitHooks {
  return { isCancelled, onProgress: () => undefined, executorFor: () => undefined, forDisplay: false, ...(passesMinBytes === undefined ? {} : { passesMinBytes }) };
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    assert.ok(Math.abs(x - y) <= tol * Math.max(1, Math.abs(x)), `${what}[${i}]: ${x} vs ${y}`);
  }
}

describe('a large table fitted in passes (no working copy of its rows)', () => {
  it('chooses passes by the bytes a fit would hold', () => {
    assert.equal(fitsInPasses(1_000_000, 5, 6), true);
    assert.equal(fitsInPasses(10_000, 5, 6), false);
    assert.equal(fitsInPasses(1000, 2, 2, 0), true);
    assert.ok(PASSES_MIN_BYTES >= 2 ** 20);
  });

  const sweep: FitSettingsDto = { ...settings, components: { min: 1, max: 4 }, models: ['VVV', 'EEE'] };
  for (const [name, s] of [['one model', settings], ['a sweep', sweep]] as [string, FitSettingsDto][]) {
    it(`${name}: the in-memory fit's numbers, per-row arrays computed when read`, () => {
      const memory = runFit(table, 'data.csv', s, hooks());
      const passes = runFit(table, 'data.csv', s, hooks(0));
      const [m, p] = [memory.dto, passes.dto];
      assert.equal(p.params.nComponents, m.params.nComponents);
      assert.equal(p.chosen, m.chosen);
      assert.ok(Math.abs(p.logLikelihood - m.logLikelihood) <= 1e-9 * Math.abs(m.logLikelihood), `${p.logLikelihood} vs ${m.logLikelihood}`);
      assert.equal(p.nRowsUsed, m.nRowsUsed);
      assert.equal(p.nImputedRows, m.nImputedRows);
      assert.deepEqual(p.counts, m.counts);
      assert.ok(Math.abs(p.icl - m.icl) <= 1e-9 * Math.abs(m.icl), `ICL ${p.icl} vs ${m.icl}`);
      close(p.params.weights, m.params.weights, 1e-7, 'weights');
      const means = (dto: typeof p) => (dto.params.kind === 'gaussian' ? dto.params.means.flat() : []);
      close(means(p), means(m), 1e-7, 'means');
      assert.ok(means(p).length > 0);
      assert.deepEqual(p.sample.line.map((l, j) => [l, p.sample.rowIndex[j]]).every(([l, r]) => l === table.lineNumbers[r]), true);
      // Per-row arrays: over every row used, as the in-memory fit has them.
      assert.deepEqual(Array.from(passes.fit.rowsUsed), Array.from(memory.fit.rowsUsed));
      close(passes.fit.resp, memory.fit.resp, 1e-6, 'resp');
      close(passes.fit.logDensity, memory.fit.logDensity, 1e-9, 'logDensity');
      const differ = passes.fit.labels.filter((k, j) => k !== memory.fit.labels[j]).length;
      assert.ok(differ <= 2, `${differ} labels differ`);
      assert.ok(passes.numeric.imputed, 'missing z cells are imputed');
      close(passes.numeric.imputed as Float64Array, memory.numeric.imputed as Float64Array, 1e-6, 'imputed');
      // What reads them: the labelled export and comparing with a column.
      const [a, b] = [exportText(table, passes, 'labels-csv', { csvFormulaGuard: true }), exportText(table, memory, 'labels-csv', { csvFormulaGuard: true })];
      assert.equal(a.split('\n').length, b.split('\n').length);
      assert.equal(a.split('\n')[0], b.split('\n')[0]);
      assert.deepEqual(compareWithColumn(table, 'data.csv', passes, 'group').table, compareWithColumn(table, 'data.csv', memory, 'group').table);
      // The rows view: the most unusual rows first, and a cluster's least certain rows (near-ties of probability 1 at
      // the other end would order by rounding).
      const page = (o: typeof memory, view: Parameters<RowPages['page']>[0]['view']) =>
        new RowPages(table, { fit: o.fit, nComponents: o.dto.params.nComponents, fittedColumns: s.columns }).page({ requestId: 1, view, offset: 0, limit: 20 });
      for (const view of [{ kind: 'all', sort: { key: 'logDensity', descending: false } }, { kind: 'cluster', component: 0, sort: { key: 'uncertainty', descending: true } }] as const) {
        const [a, b] = [page(passes, view), page(memory, view)];
        assert.equal(a.total, b.total);
        assert.deepEqual(a.rows.map((r) => [r.row, r.line, r.cluster]), b.rows.map((r) => [r.row, r.line, r.cluster]));
      }
    });
  }

  it('drop: rows with a missing cell are left out of the fit and of the per-row arrays', () => {
    const s = { ...settings, missing: 'drop' as const };
    const [memory, passes] = [runFit(table, 'data.csv', s, hooks()), runFit(table, 'data.csv', s, hooks(0))];
    assert.equal(passes.dto.nRowsUsed, memory.dto.nRowsUsed);
    assert.ok(passes.dto.nDropped > 0);
    assert.deepEqual(Array.from(passes.fit.rowsUsed), Array.from(memory.fit.rowsUsed));
    assert.equal(passes.numeric.imputed, undefined);
  });

  it('a cancel stops the passes with the cancel message', () => {
    let calls = 0;
    assert.throws(() => runFit(table, 'data.csv', settings, hooks(0, () => ++calls > 5)), (e: Error & { code?: string }) => e.code === 'cancelled');
  });
});
