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

  it('gives the size of the file\'s table when it is known (the budget holds tables, not files)', () => {
    const text = rowsUnavailableText({ streamed: { sizeBytes: 900_000_000, tableBytes: 1_100_000_000, passes: [] } });
    assert.match(text ?? '', /the file \(900 MB, about 1\.1 GB as a table\) was larger than the memory budget and was streamed/);
    assert.match(text ?? '', /above the size of its table and fit again/);
  });

  it('says of a Parquet file read by row groups that its fitted columns were too large decoded', () => {
    const text = rowsUnavailableText({ streamed: { sizeBytes: 600_000_000, decodedBytes: 2_000_000_000, passes: [] } });
    assert.ok(text);
    assert.match(text, /the fitted columns \(2\.0 GB decoded\) were larger than the memory budget, so the file was read one row group at a time/);
    assert.match(text, /above the fitted columns’ decoded size/);
    assert.doesNotMatch(text, /600/);
  });

  it('says nothing for a fit of a table held in memory', () => {
    assert.equal(rowsUnavailableText({}), undefined);
  });
});
