import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readTable } from '../../../src/data';
import type { FitSettingsDto } from '../../../src/protocol/model';
import { historyLimit, HISTORY_NUMBERS, MODEL_NUMBERS, paramsNumbers, sampleLimit, SAMPLE_NUMBERS } from '../../../src/worker/dtoBudget';
import { runFit } from '../../../src/worker/runFit';

/** A CSV of `rows` rows and `cols` columns in two clusters (seeded). */
function wideCsv(rows: number, cols: number): string {
  let s = 9;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = [Array.from({ length: cols }, (_, a) => `c${a}`).join(',')];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: cols }, () => ((i % 2) * 4 + r()).toFixed(3)).join(','));
  return lines.join('\n') + '\n';
}

describe('the result of a wide fit stays bounded', () => {
  it('thins replay snapshots and the scatter sample to fixed budgets of numbers, leaving narrow fits alone', () => {
    assert.equal(historyLimit(2, 2, 400), 400);
    assert.equal(historyLimit(3, 100, 400), Math.floor(HISTORY_NUMBERS / paramsNumbers(3, 100)));
    assert.equal(historyLimit(2, 4000, 400), 0);
    assert.equal(sampleLimit(20_000, 3, 4), 20_000);
    assert.equal(sampleLimit(20_000, 2, 4000), Math.floor(SAMPLE_NUMBERS / 8005));
  });

  it('keeps a wide diagonal fit small: its parameters are d variances per component, not d × d matrices', () => {
    const cols = 2100;
    const table = readTable(new TextEncoder().encode(wideCsv(60, cols)), { fileName: 'wide.csv' });
    const settings: FitSettingsDto = {
      columns: table.columns.map((c) => c.name), categorical: [], counts: [], components: { min: 1, max: 2 }, models: ['VVI'], standardize: false, nInit: 1, seed: 0,
      maxIter: 20, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 20_000,
    };
    const { dto } = runFit(table, 'wide.csv', settings, { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined });
    assert.ok(dto.history.length > 0, 'the replay is kept');
    assert.ok(dto.selection && dto.selection.every((row) => row.params?.kind === 'gaussian' && row.params.covariance.layout === 'diag'), 'candidates keep their parameters');
    assert.ok(dto.params.kind === 'gaussian');
    assert.equal(dto.params.nFeatures, cols);
    assert.equal(dto.params.covariance.layout === 'diag' && dto.params.covariance.variances[0].length, cols);
    assert.equal(dto.sample.rowIndex.length, 60);
  });

  it('refuses, before fitting, a model whose expanded parameters would pass the budget, saying how many columns fit', () => {
    assert.ok(paramsNumbers(2, 4000) <= MODEL_NUMBERS, 'two components over 4,000 columns are allowed');
    const cols = 4100;
    const table = readTable(new TextEncoder().encode(wideCsv(5, cols)), { fileName: 'w.csv' });
    const settings: FitSettingsDto = {
      columns: table.columns.map((c) => c.name), categorical: [], counts: [], components: { min: 1, max: 2 }, models: ['VVV'], standardize: false, nInit: 1, seed: 0,
      maxIter: 20, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 100,
    };
    assert.throws(() => runFit(table, 'w.csv', settings, { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined }), {
      code: 'model-too-large',
      message: 'w.csv: a model of 2 components over 4,100 columns has 33,628,202 parameters in full covariance matrices, more than EM Explorer can return. Fit at most 4,095 columns with 2 components, or fewer components.',
    });
  });
});
