import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { paramsCsv, paramsJson } from '../../../src/webview/paramsExport';
import { params } from './fixtures';

describe('webview parameter copy', () => {
  it('writes one CSV row per component with full-precision means and std', () => {
    const csv = paramsCsv(['x', 'a,b'], params, [1, 3]);
    assert.equal(csv, 'component,weight,count,mean_x,std_x,"mean_a,b","std_a,b"\n1,0.25,1,0,1,0,2\n2,0.75,3,10,2,5,1\n');
  });

  it('writes JSON keyed by column names with the full covariance', () => {
    const json = JSON.parse(paramsJson(['x', 'y'], params, [1, 3]));
    assert.equal(json.model, 'VVV');
    assert.deepEqual(json.components[1].mean, { x: 10, y: 5 });
    assert.deepEqual(json.components[1].std, { x: 2, y: 1 });
    assert.deepEqual(json.components[0].covariance, [[1, 0], [0, 4]]);
  });
});
