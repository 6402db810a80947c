import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describePairs } from '../../../src/webview/charts/pairsText';
import type { GaussianParamsDto } from '../../../src/protocol/model';

describe('the pairs plot in words', () => {
  const full: GaussianParamsDto = {
    kind: 'gaussian', model: 'VVV', nComponents: 2, nFeatures: 3, weights: [0.25, 0.75],
    means: [[1, 2, 3], [10, 20, 30]],
    covariance: {
      layout: 'full', matrices: [
        [[4, 1.8, 0], [1.8, 1, 0], [0, 0, 9]],
        [[1, 0, 0], [0, 1, -0.5], [0, -0.5, 1]],
      ],
    },
  };

  it('gives each component\'s weight, each column\'s mean and spread, and its strongest correlation', () => {
    const text = describePairs(['a', 'b', 'c'], full, null);
    assert.match(text, /^Scatterplot matrix of a, b, c: .*coloured by component/);
    assert.match(text, /Component 1: weight 25%, mean ± standard deviation a 1 ± 2, b 2 ± 1, c 3 ± 3; strongest correlation a with b, 0\.9\./);
    assert.match(text, /Component 2: weight 75%, mean ± standard deviation a 10 ± 1, b 20 ± 1, c 30 ± 1; strongest correlation b with c, −0\.5\./);
  });

  it('names the column the points are coloured by, and says a diagonal model has no correlations', () => {
    const diag: GaussianParamsDto = { ...full, model: 'VVI', covariance: { layout: 'diag', variances: [[4, 1, 9], [1, 1, 1]] } };
    const text = describePairs(['a', 'b', 'c'], diag, 'species');
    assert.match(text, /coloured by species/);
    assert.match(text, /Component 1: weight 25%, mean ± standard deviation a 1 ± 2, b 2 ± 1, c 3 ± 3; columns uncorrelated within it/);
  });
});
