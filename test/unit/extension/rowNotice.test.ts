import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rowNotice } from '../../../src/extension/rowNotice';

describe('a row the editor cannot show as a line', () => {
  it('names the row of a Parquet or Arrow file instead of a line of a binary file', () => {
    assert.equal(rowNotice('faithful.parquet', 'parquet', 1233, 1234),
      'faithful.parquet is a Parquet file, which is binary, so the editor cannot show it as text: this is row 1,234 of the file (counting from 1).');
    assert.match(rowNotice('flights.feather', 'arrow', 0, 1) ?? '', /^flights\.feather is an Arrow file.*row 1 of the file/);
  });

  it('gives the line of the decompressed text of a gzip file', () => {
    assert.match(rowNotice('data.csv.gz', 'csv', 9, 11) ?? '', /data\.csv\.gz is compressed.*row 10 is on line 11 of the decompressed file/);
  });

  it('has nothing to say for a text file the editor opens at the line', () => {
    for (const [name, format] of [['a.csv', 'csv'], ['a.tsv', 'tsv'], ['a.jsonl', 'jsonl'], ['a.json', 'json']] as const) {
      assert.equal(rowNotice(name, format, 3, 5), undefined, name);
    }
  });
});
