import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonNote } from '../../../src/webview/comparisonText';

describe('the comparison card\'s note', () => {
  it('says a column the fit used was used, so the agreement is no independent check', () => {
    const note = comparisonNote('label', true, true);
    assert.match(note, /label was used by the fit \(it is ticked in the column list\)/);
    assert.match(note, /no independent check/);
    assert.doesNotMatch(note, /not used/);
    assert.match(note, /values of label, cut into ranges/);
  });

  it('says a column the fit did not use was not used', () => {
    const note = comparisonNote('species', false, false);
    assert.match(note, /species was not used by the fit: it is fitted only when ticked/);
    assert.doesNotMatch(note, /cut into ranges/);
  });
});
