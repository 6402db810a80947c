import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cells, dataError, numbers, read } from './helpers';

describe('JSON reading', () => {
  it('reads an array of objects: union of keys in order of first appearance, one line per record', () => {
    const t = read('a.json', '[\n  {"x": 1, "y": 2},\n  {"y": 4, "z": "u"},\n  {"x": 5, "y": null, "z": "v"}\n]');
    assert.equal(t.format, 'json');
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y', 'z']);
    assert.deepEqual(cells(t), [['1', '2', null], [null, '4', 'u'], ['5', null, 'v']]);
    assert.deepEqual(Array.from(t.lineNumbers), [2, 3, 4]);
  });

  it('flattens nested objects one level as a.b and keeps deeper values as JSON text', () => {
    const t = read('n.json', '[{"id": 1, "pos": {"x": 1.5, "y": -2, "deep": {"k": [1]}}, "tags": ["a", "b"]}, {"id": 2, "pos": {"x": 3}}]');
    assert.deepEqual(t.columns.map((c) => c.name), ['id', 'pos.x', 'pos.y', 'pos.deep', 'tags']);
    assert.deepEqual(cells(t), [
      ['1', '1.5', '-2', '{"k":[1]}', '["a","b"]'],
      ['2', '3', null, null, null],
    ]);
  });

  it('reads numbers written as strings like CSV cells, and booleans as true/false', () => {
    const t = read('s.json', '[{"x": "1.50", "ok": true}, {"x": "NA", "ok": false}, {"x": 2, "ok": true}]');
    assert.equal(t.columns[0].type, 'numeric');
    assert.deepEqual(cells(t).map((r) => r[0]), ['1.50', null, '2']);
    assert.equal(t.columns[1].type, 'boolean');
  });

  it('reads an array of arrays with a header row of strings', () => {
    const t = read('aa.json', '[["x", "y"],\n [1, 2],\n [3, 4]]');
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y']);
    assert.deepEqual(numbers(t), [[1, 2], [3, 4]]);
    assert.deepEqual(Array.from(t.lineNumbers), [2, 3]);
  });

  it('names the columns of an array of arrays without a header column1…', () => {
    const t = read('aa.json', '[[1, 2], [3, 4, 5]]');
    assert.deepEqual(t.columns.map((c) => c.name), ['column1', 'column2', 'column3']);
    assert.deepEqual(cells(t), [['1', '2', null], ['3', '4', '5']]);
  });

  it('reads an object of columns, padding shorter columns with a notice', () => {
    const t = read('oc.json', '{\n"x": [1, 2, 3],\n"y": [4, 5]\n}');
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y']);
    assert.deepEqual(cells(t), [['1', '4'], ['2', '5'], ['3', null]]);
    assert.deepEqual(t.notices.map((n) => n.message), [
      'oc.json: the columns have different lengths; shorter ones were padded with missing values up to 3 rows.',
    ]);
  });

  it('reads the largest list of records inside a top-level object and names its key', () => {
    const t = read('w.json', '{"meta": {"n": 2}, "small": [{"a": 1}],\n"data": [\n{"v": 1},\n{"v": 2}\n]}');
    assert.deepEqual(t.columns.map((c) => c.name), ['v']);
    assert.deepEqual(numbers(t), [[1], [2]]);
    assert.deepEqual(Array.from(t.lineNumbers), [3, 4]);
    assert.deepEqual(t.notices.map((n) => n.message), [
      'w.json: read the 2 records under the key "data" (the largest list of records in the file).',
    ]);
  });

  it('reads a list of plain numbers as one column named value', () => {
    const t = read('v.json', '[1, 2.5, null, 4]');
    assert.deepEqual(t.columns.map((c) => c.name), ['value']);
    assert.deepEqual(numbers(t), [[1], [2.5], [NaN], [4]]);
  });

  it('reports malformed JSON with its line and column', () => {
    const e = dataError(() => read('bad.json', '[\n  {"x": 1},\n  {"x": 2,}\n]'));
    assert.equal(e.code, 'json-syntax');
    assert.equal(e.line, 3);
    assert.equal(e.charColumn, 11);
    assert.equal(
      e.message,
      "bad.json, line 3, column 11: the JSON is malformed (expected a property name in double quotes but found '}'). " +
        'Fix the file in an editor that checks JSON, then open it again.',
    );
  });

  for (const [text, line, column, problem] of [
    ['[1, 2', 1, 6, 'the text ends before the JSON value is complete'],
    ['{"a": "open}', 1, 7, 'a string opens here but is never closed'],
    ['[1] [2]', 1, 5, "more text after the end of the JSON value, at '['"],
    ['{"a" 1}', 1, 6, "expected ':' but found '1'"],
    ["[1,\n 'x']", 2, 2, "expected a value but found '''"],
    ['[1 2]', 1, 4, "expected ',' or ']' but found '2'"],
    ['["a\\qb"]', 1, 4, 'an unknown escape \\q in a string'],
    ['[tru]', 1, 2, "expected a value but found 't'"],
  ] as const) {
    it(`locates the JSON problem in ${JSON.stringify(text)}`, () => {
      const e = dataError(() => read('bad.json', text));
      assert.equal(e.code, 'json-syntax');
      assert.equal(e.message, `bad.json, line ${line}, column ${column}: the JSON is malformed (${problem}). Fix the file in an editor that checks JSON, then open it again.`);
    });
  }

  for (const [text, found] of [
    ['42', 'a number'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['{}', 'an empty object'],
    ['{"name": "x", "n": 3}', 'an object without a list of records'],
    ['[{"a": 1}, 3]', 'an array that mixes objects with a number'],
  ] as const) {
    it(`says that ${text} is not a table`, () => {
      const e = dataError(() => read('v.json', text));
      assert.equal(e.code, 'not-a-table');
      assert.equal(
        e.message,
        `v.json: the JSON holds ${found}, not a table. Use an array of objects ([{"x": 1, "y": 2}, …]), an array of arrays, or an object of columns ({"x": [...], "y": [...]}).`,
      );
    });
  }

  it('reports a syntax error after a row that does not fit as the syntax error (found by fast-check: "[[],1,")', () => {
    for (const text of ['[[],1,', '[{"a": 1}, 3, }']) {
      const e = dataError(() => read('m.json', text));
      assert.equal(e.code, 'json-syntax', text);
    }
  });

  it('says when the JSON holds no records', () => {
    for (const text of ['[]', '{"data": []}']) {
      const e = dataError(() => read('e.json', text));
      assert.equal(e.code, 'no-rows');
      assert.equal(e.message, 'e.json: the JSON holds no records. Add at least one row of data.');
    }
  });
});

describe('JSON Lines reading', () => {
  it('reads one object per line, skipping blank lines', () => {
    const t = read('l.jsonl', '{"x": 1, "y": "a"}\n\n{"x": 2}\r\n  \n{"x": 3, "y": "b", "z": {"q": 1}}\n');
    assert.equal(t.format, 'jsonl');
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y', 'z.q']);
    assert.deepEqual(cells(t), [['1', 'a', null], ['2', null, null], ['3', 'b', '1']]);
    assert.deepEqual(Array.from(t.lineNumbers), [1, 3, 5]);
  });

  it('reads .ndjson files and a last line without a line end', () => {
    const t = read('l.ndjson', '{"x": 1}\n{"x": 2}');
    assert.equal(t.format, 'jsonl');
    assert.equal(t.nRows, 2);
  });

  it('reports a malformed line with its line and column', () => {
    const e = dataError(() => read('l.jsonl', '{"x": 1}\n{"x": 2\n'));
    assert.equal(e.line, 2);
    assert.equal(
      e.message,
      'l.jsonl, line 2, column 8: the JSON is malformed (the text ends before the JSON value is complete). Fix the file in an editor that checks JSON, then open it again.',
    );
  });

  it('says when a line holds something other than an object', () => {
    const e = dataError(() => read('l.jsonl', '{"x": 1}\n[1, 2]\n'));
    assert.equal(e.code, 'not-a-table');
    assert.equal(e.line, 2);
    assert.equal(
      e.message,
      'l.jsonl, line 2: the line holds an array, not an object. Each line of a JSON Lines file must be one JSON object ({"x": 1, "y": 2}).',
    );
  });
});

describe('JSON column names', () => {
  it('renames empty keys and keys that differ only in spaces, with a notice', () => {
    const t = read('k.json', '[{"": 1, "a": 2, " a": 3}]');
    assert.deepEqual(t.columns.map((c) => c.name), ['column1', 'a', 'a_2']);
    assert.deepEqual(t.notices.map((n) => n.message), [
      'k.json: 2 column names were empty or repeated and were renamed: column 1 (no name) → "column1", column 3 "a" → "a_2".',
    ]);
  });
});
