import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectDelimiter, detectFormat } from '../../../src/data';
import { bytes } from './helpers';

describe('detectFormat', () => {
  it('goes by the extension first', () => {
    assert.equal(detectFormat('a.CSV', bytes('[1]')), 'csv');
    assert.equal(detectFormat('a.tsv', bytes('')), 'tsv');
    assert.equal(detectFormat('a.tab', bytes('')), 'tsv');
    assert.equal(detectFormat('a.jsonl', bytes('')), 'jsonl');
    assert.equal(detectFormat('a.ndjson', bytes('')), 'jsonl');
    assert.equal(detectFormat('a.json', bytes('[{"a": 1}]')), 'json');
  });

  it('reads a .json file that holds one object per line as JSON Lines', () => {
    assert.equal(detectFormat('a.json', bytes('{"a": 1}\n{"a": 2}\n')), 'jsonl');
    assert.equal(detectFormat('a.json', bytes('{\n  "a": [1]\n}\n')), 'json');
  });

  it('looks at the content for other names', () => {
    assert.equal(detectFormat('data.txt', bytes('  [{"a": 1}]')), 'json');
    assert.equal(detectFormat('data', bytes('{"a": 1}\n{"a": 2}')), 'jsonl');
    assert.equal(detectFormat('data.dat', bytes('a\tb\n1\t2\n')), 'tsv');
    assert.equal(detectFormat('data.dat', bytes('a,b\n1,2\n')), 'csv');
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits the lines the same way, ignoring quoted text', () => {
    assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
    assert.equal(detectDelimiter('a;b\n"1;2;3";4\n5;6\n'), ';');
    assert.equal(detectDelimiter('a|b\n1|2\n'), '|');
    assert.equal(detectDelimiter('one column\n1\n'), ',');
  });

  it('prefers semicolon when decimal commas also split every line evenly', () => {
    assert.equal(detectDelimiter('x;y\n1,5;2,5\n3,5;4,5\n'), ';');
  });

  it('prefers the delimiter that agrees with the header over one that only appears in text', () => {
    assert.equal(detectDelimiter('name,note\nann,"a; b"\nbob,c; d; e\n'), ',');
  });
});
