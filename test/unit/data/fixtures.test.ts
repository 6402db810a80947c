import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cells, read } from './helpers';

const dir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'data');

/** Reads a fixture file the way the worker does: its bytes, under its own name. */
function fixture(name: string) {
  return read(name, new Uint8Array(fs.readFileSync(path.join(dir, name))));
}

describe('fixture files', () => {
  it('messy-semicolon.csv: BOM, CRLF, semicolons, decimal commas, a repeated name, ragged rows', () => {
    const t = fixture('messy-semicolon.csv');
    assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [
      ['id', 'numeric'],
      ['length', 'numeric'],
      ['width', 'numeric'],
      ['species', 'text'],
      ['length_2', 'numeric'],
    ]);
    assert.ok(Math.abs(t.columns[1].stats.mean! - (5.1 + 4.9 + 6.3 + 5.8) / 4) < 1e-12);
    assert.deepEqual(cells(t)[3], ['4', '6,3', null, 'virginica', null]);
    assert.deepEqual(t.notices.map((n) => n.code), ['delimiter', 'renamed-columns', 'short-rows', 'long-rows']);
  });

  it('wrapped.json: records under a key, flattened one level, with their lines', () => {
    const t = fixture('wrapped.json');
    assert.deepEqual(t.columns.map((c) => c.name), ['id', 'pos.x', 'pos.y', 'label']);
    assert.deepEqual(cells(t), [['1', '0.5', '1.25', 'a'], ['2', '-1.5', '2', 'b'], ['3', '2.75', null, null]]);
    assert.deepEqual(Array.from(t.lineNumbers), [5, 6, 7]);
    assert.equal(t.notices[0].message, 'wrapped.json: read the 3 records under the key "results" (the largest list of records in the file).');
  });

  it('events.ndjson: JSON Lines with a missing token, booleans and a nested object', () => {
    const t = fixture('events.ndjson');
    assert.equal(t.format, 'jsonl');
    assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [
      ['t', 'numeric'],
      ['v', 'numeric'],
      ['ok', 'boolean'],
      ['extra.k', 'numeric'],
    ]);
    assert.deepEqual(Array.from(t.lineNumbers), [1, 2, 4]);
    assert.equal(t.columns[1].stats.missing, 1);
  });
});
