import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fit, scratchDir, writeFile } from './helpers';

describe('bad files give their specific error', () => {
  let dir = '';
  before(() => { dir = scratchDir('errors'); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; file: string; text: string; code: string; message: RegExp }[] = [
    { name: 'an empty file', file: 'empty.csv', text: '', code: 'empty-file', message: /empty\.csv: the file is empty/ },
    { name: 'a CSV with an unterminated quote', file: 'quote.csv', text: 'a,b\n1,2\n3,"4\n5,6\n', code: 'unterminated-quote', message: /quote\.csv, line 3: a quoted field opens here but is never closed/ },
    { name: 'malformed JSON', file: 'broken.json', text: '[{"a": 1, "b": 2},\n {"a": 3 "b": 4}]\n', code: 'json-syntax', message: /broken\.json, line 2, column \d+: the JSON is malformed/ },
    { name: 'a header with no rows', file: 'header.csv', text: 'a,b,c\n', code: 'no-rows', message: /header\.csv: the file has a header row \(3 columns\) but no data rows/ },
    { name: 'a CSV with nothing to fit', file: 'words.csv', text: 'name,city\nann,oslo\nann,oslo\n', code: 'no-numeric-column', message: /words\.csv: no column holds numbers or categories/ },
  ];

  for (const c of cases) {
    it(`reports ${c.name} (${c.code})`, async () => {
      const outcome = await fit(writeFile(dir, c.file, c.text), { components: { min: 1, max: 1 }, nInit: 1 });
      assert.equal(outcome.status, 'error', `expected an error, got ${outcome.status}`);
      assert.equal(outcome.error!.code, c.code, outcome.error!.message);
      assert.match(outcome.error!.message, c.message);
    });
  }
});
