import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { paramsCsv, paramsJson } from '../../../src/webview/paramsExport';
import { latentClassParams, mixedParams, params } from './fixtures';

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

describe('webview parameter copy of a mixed model', () => {
  it('adds a p_<column>=<level> field per category and a rate_<column> field per count column to the CSV', () => {
    const csv = paramsCsv(['x'], mixedParams, [4, 6]);
    assert.equal(csv,
      'component,weight,count,mean_x,std_x,p_colour=red,p_colour=green,"p_colour=blue, dark",rate_visits\n' +
      '1,0.4,4,1,2,0.5,0.3,0.2,0.5\n' +
      '2,0.6,6,5,1,0.1,0.1,0.8,7.25\n');
  });

  it('writes a latent class model (no numeric column) with its categories only', () => {
    const csv = paramsCsv([], latentClassParams, [5, 5]);
    assert.equal(csv.split('\n')[0], 'component,weight,count,p_sex=f,p_sex=m,p_class=1st,p_class=2nd,p_class=3rd');
    assert.equal(csv.split('\n')[2], '2,0.5,5,0.2,0.8,0.1,0.2,0.7');
    const json = JSON.parse(paramsJson([], latentClassParams, [5, 5]));
    assert.equal(json.model, 'latent class');
    assert.equal(json.components[0].mean, undefined, 'no numeric block');
    assert.deepEqual(json.components[0].categories.class, { '1st': 0.6, '2nd': 0.3, '3rd': 0.1 });
  });

  it('keys the JSON categories by column then level, and the count rates by column', () => {
    const json = JSON.parse(paramsJson(['x'], mixedParams, [4, 6]));
    assert.equal(json.model, 'VVI');
    assert.deepEqual(json.categorical, ['colour']);
    assert.deepEqual(json.counts, ['visits']);
    assert.deepEqual(json.components[1].categories, { colour: { red: 0.1, green: 0.1, 'blue, dark': 0.8 } });
    assert.deepEqual(json.components[0].rates, { visits: 0.5 });
    assert.deepEqual(json.components[1].rates, { visits: 7.25 });
    assert.deepEqual(json.components[0].mean, { x: 1 });
    assert.deepEqual(json.components[0].std, { x: 2 });
  });
});
