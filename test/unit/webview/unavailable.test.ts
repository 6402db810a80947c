import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rowsUnavailableText } from '../../../src/webview/rows/unavailable';

describe('rows of a streamed fit', () => {
  it('says why the rows cannot be listed, what still works and how to get them', () => {
    const text = rowsUnavailableText({ streamed: { sizeBytes: 2_500_000_000, passes: [] } });
    assert.ok(text);
    assert.match(text, /2\.5 GB\) was larger than the memory budget and was streamed/);
    assert.match(text, /Click a point in the scatter to show its row in the file/);
    assert.match(text, /emExplorer\.memoryBudgetMB/);
  });

  it('says nothing for a fit of a table held in memory', () => {
    assert.equal(rowsUnavailableText({}), undefined);
  });
});
