import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoryParamRows, countParamRows } from '../../../src/webview/paramsView';
import { latentClassParams, mixedParams, params } from './fixtures';

describe('the category and count rows of the parameter tables', () => {
  it('lists each categorical column level by level, with its probability in each component', () => {
    assert.deepEqual(categoryParamRows(latentClassParams), [
      { column: 'sex', level: 'f', levelIndex: 0, nLevels: 2, probabilities: [0.9, 0.2] },
      { column: 'sex', level: 'm', levelIndex: 1, nLevels: 2, probabilities: [0.1, 0.8] },
      { column: 'class', level: '1st', levelIndex: 0, nLevels: 3, probabilities: [0.6, 0.1] },
      { column: 'class', level: '2nd', levelIndex: 1, nLevels: 3, probabilities: [0.3, 0.2] },
      { column: 'class', level: '3rd', levelIndex: 2, nLevels: 3, probabilities: [0.1, 0.7] },
    ]);
    // Within a column, each component's probabilities still add up to 1 once transposed.
    for (const column of ['sex', 'class']) {
      const rows = categoryParamRows(latentClassParams).filter((r) => r.column === column);
      for (let k = 0; k < 2; k++) assert.ok(Math.abs(rows.reduce((s, r) => s + r.probabilities[k], 0) - 1) < 1e-12, `${column}, component ${k + 1}`);
    }
  });

  it('lists each count column with its Poisson rate per component', () => {
    assert.deepEqual(countParamRows(mixedParams), [{ column: 'visits', rates: [0.5, 7.25] }]);
    assert.deepEqual(countParamRows(latentClassParams), []);
  });

  it('has no such rows for a Gaussian mixture', () => {
    assert.deepEqual(categoryParamRows(params), []);
    assert.deepEqual(countParamRows(params), []);
  });
});
