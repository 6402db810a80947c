import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COVARIANCE_MODELS, MODEL_ALIASES, MODEL_NAMES, nCovarianceParameters, nMixtureParameters, resolveModelName,
  type ModelName,
} from '../../../../../src/core/gaussian/models/catalog';
import { repoRoot } from '../../helpers';
import { mclustFixture } from './mclustFixture';

describe('model catalogue', () => {
  it("lists the 14 models in mclust's order", () => {
    assert.deepEqual(MODEL_NAMES, ['EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVE', 'VVE', 'EEV', 'VEV', 'EVV', 'VVV']);
  });

  it("maps scikit-learn's names onto mclust's and back", () => {
    assert.deepEqual(MODEL_ALIASES, { full: 'VVV', tied: 'EEE', diag: 'VVI', spherical: 'VII' });
    for (const [alias, model] of Object.entries(MODEL_ALIASES)) assert.equal(COVARIANCE_MODELS[model].alias, alias);
    assert.equal(MODEL_NAMES.filter((m) => COVARIANCE_MODELS[m].alias !== undefined).length, 4);
  });

  it('resolves mclust names in any case and the aliases, and nothing else', () => {
    assert.equal(resolveModelName('vev'), 'VEV');
    assert.equal(resolveModelName(' EvE '), 'EVE');
    assert.equal(resolveModelName('Full'), 'VVV');
    assert.equal(resolveModelName('tied'), 'EEE');
    assert.equal(resolveModelName('DIAG'), 'VVI');
    assert.equal(resolveModelName('spherical'), 'VII');
    for (const bad of ['', 'VVX', 'E', 'V', 'XXX', 'toString', 'constructor', '__proto__', 'full ish']) assert.equal(resolveModelName(bad), undefined, bad);
  });

  it('describes each model by its letters, diagonal exactly for the …I models', () => {
    for (const m of MODEL_NAMES) {
      const info = COVARIANCE_MODELS[m];
      assert.equal(info.name, m);
      assert.equal(`${info.volume}${info.shape}${info.orientation}`, m);
      assert.equal(info.layout, m.endsWith('I') ? 'diag' : 'full');
      assert.equal(info.iterative, ['VEI', 'VEE', 'EVE', 'VVE', 'VEV'].includes(m));
      assert.match(info.description, /^[a-z ,()-]+$/);
      assert.ok(!info.description.includes('\n'));
    }
    assert.equal(COVARIANCE_MODELS.EVE.description, 'equal volume, varying shape, equal orientation');
    assert.equal(COVARIANCE_MODELS.VII.description, 'spherical, varying volume');
    assert.equal(COVARIANCE_MODELS.EVI.description, 'diagonal (axis-aligned), equal volume, varying shape');
  });

  it("counts free parameters as R's nMclustParams for d = 1…6 and G = 1…5 (test/fixtures/mclust)", () => {
    const rows = mclustFixture().nMclustParams;
    assert.equal(rows.length, 14 * 6 * 5);
    for (const { model, d, G, nParams } of rows) assert.equal(nMixtureParameters(model, G, d), nParams, `${model} d=${d} G=${G}`);
  });

  it("gives the parameter counts of mclust's fits of iris, faithful, gvhd_control and satellite (test/fixtures/mclust)", () => {
    const fits = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test/fixtures/mclust/fitted-n-params.json'), 'utf8')) as Record<string, { d: number; rows: [ModelName, number, number][] }>;
    assert.deepEqual(Object.keys(fits), ['iris', 'faithful', 'gvhd_control', 'satellite']);
    for (const [name, { d, rows }] of Object.entries(fits)) {
      assert.ok(rows.length > 50);
      for (const [model, G, nParams] of rows) assert.equal(nMixtureParameters(model, G, d), nParams, `${name} ${model} G=${G}`);
    }
  });

  it('has the textbook counts for the scikit-learn models (d = 5, K = 2)', () => {
    // sklearn's _n_parameters: covariance parameters + K·d means + K − 1 weights.
    assert.equal(nMixtureParameters('VII', 2, 5), 13);
    assert.equal(nMixtureParameters('VVI', 2, 5), 21);
    assert.equal(nMixtureParameters('EEE', 2, 5), 26);
    assert.equal(nMixtureParameters('VVV', 2, 5), 41);
    assert.equal(nCovarianceParameters('EVV', 1, 3), nCovarianceParameters('VVV', 1, 3));
  });
});
