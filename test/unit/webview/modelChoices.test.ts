import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_CHOICES, modelChoice, modelChoices, modelsHint } from '../../../src/webview/modelChoices';
import { parseModelList } from '../../../src/core/gaussian/modelList';
import { MODEL_NAMES } from '../../../src/core/gaussian/models/catalog';

describe('the covariance menu of the options form', () => {
  it('names each of the 14 models with its one plain line, in the option text and its tooltip', () => {
    const byValue = new Map(MODEL_CHOICES.map((c) => [c.value, c]));
    assert.equal(byValue.get('EVE')?.label, 'EVE — equal volume, varying shape, equal orientation');
    assert.equal(byValue.get('VVV')?.label, 'VVV (full) — varying volume, varying shape, varying orientation');
    assert.equal(byValue.get('VII')?.label, 'VII (spherical) — spherical, varying volume');
    assert.equal(byValue.get('EEI')?.label, 'EEI — diagonal (axis-aligned), equal volume, equal shape');
    for (const m of MODEL_NAMES) {
      const c = byValue.get(m);
      assert.ok(c && c.label.startsWith(m) && c.label.endsWith(c.title) && c.title.length > 10, m);
      assert.equal(modelsHint(m), c.title);
    }
    assert.deepEqual(MODEL_CHOICES.slice(-2).map((c) => c.value), ['sklearn', 'all']);
  });

  it('keeps a list from the settings the menu does not have (e.g. "VVV,EEE") as a choice of its own, not its first model', () => {
    const models = ['EEE', 'VVV'] as const;
    const choices = modelChoices([...models]);
    const value = modelChoice([...models]);
    const extra = choices.find((c) => c.value === value);
    assert.ok(extra, `no option ${value}`);
    assert.equal(choices.length, MODEL_CHOICES.length + 1);
    assert.equal(extra.label, 'EEE, VVV — 2 models');
    assert.equal(extra.title, 'EEE, VVV, the best by BIC');
    // Choosing it again gives back the whole list.
    assert.deepEqual(parseModelList(value), { models: ['EEE', 'VVV'] });
  });

  it('adds nothing for a model, the scikit-learn four or all 14, which the menu has', () => {
    for (const models of [['VEV'], ['VVV', 'EEE', 'VVI', 'VII'], [...MODEL_NAMES]] as const) {
      const choices = modelChoices([...models]);
      assert.equal(choices.length, MODEL_CHOICES.length);
      assert.ok(choices.some((c) => c.value === modelChoice([...models])), models.join(','));
    }
    assert.equal(modelChoice(['EEE', 'VII', 'VVI', 'VVV']), 'sklearn');
    assert.equal(modelChoice([...MODEL_NAMES]), 'all');
  });
});
