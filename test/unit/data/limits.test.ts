import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorText } from '../../../src/data';
import { Column } from '../../../src/data/column';
import { MAX_COLUMNS, MAX_FIELD_LENGTH, MAX_RECORD_LENGTH } from '../../../src/data/limits';
import { bytes, dataError, read, readChunked } from './helpers';

const numbers = (n: number, from = 0) => Array.from({ length: n }, (_, k) => String((k + from) % 10)).join(',');

describe('bounded work for any file shape', () => {
  it('a column costs little before it holds cells, so a wide table of few rows stays small', () => {
    assert.ok(new Column().storageBytes <= 128, `an empty column holds ${new Column().storageBytes} bytes`);
    const wide = read('wide.csv', `${numbers(MAX_COLUMNS)}\n${numbers(MAX_COLUMNS, 3)}\n`);
    assert.equal(wide.columns.length, MAX_COLUMNS);
    assert.equal(wide.nRows, 2);
    assert.equal(wide.cell(1, 0), '3');
  });

  it('refuses a CSV row of more than MAX_COLUMNS fields, saying how to narrow the file', () => {
    const e = dataError(() => read('line.csv', `${numbers(4 * MAX_COLUMNS)}\n`));
    assert.equal(e.code, 'too-many-columns');
    assert.equal(e.line, 1);
    assert.equal(e.message, ErrorText.tooManyColumns('line.csv', 1, MAX_COLUMNS));
    assert.match(e.message, /line\.csv, line 1: the row has more than 10,000 fields.*Keep only the columns you need.*transpose.*split/);
    // The same after blank lines, split in small pieces, and for a header of names.
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, k) => `c${k}`).join(',');
    const e2 = dataError(() => readChunked('names.csv', bytes(`\n\n${header}\n1\n`), [777]));
    assert.equal(e2.code, 'too-many-columns');
    assert.equal(e2.line, 3);
  });

  it('ignores the extra fields of rows longer than the header without storing them', () => {
    const t = read('long.csv', `a,b\n1,2\n${numbers(3 * MAX_COLUMNS)}\n`);
    assert.equal(t.columns.length, 2);
    assert.ok(t.notices.some((n) => n.code === 'long-rows'));
  });

  it('refuses JSON records with more than MAX_COLUMNS distinct keys, at the line where the limit is passed', () => {
    const lines = ['{"a": 1, "b": 2}', JSON.stringify(Object.fromEntries(Array.from({ length: MAX_COLUMNS }, (_, k) => [`k${k}`, k])))];
    const e = dataError(() => read('keys.jsonl', lines.join('\n') + '\n'));
    assert.equal(e.code, 'too-many-columns');
    assert.equal(e.line, 2);
    assert.equal(e.message, ErrorText.tooManyKeys('keys.jsonl', 2, MAX_COLUMNS));
    assert.match(e.message, /more than 10,000 different keys.*Keep only the keys you need.*split/);
    const nested = dataError(() => read('nested.json', `[{"x": ${lines[1]}}, {"a": 1}]`));
    assert.equal(nested.code, 'too-many-columns');
  });

  it('refuses a JSON array row of more than MAX_COLUMNS values', () => {
    const e = dataError(() => read('rows.json', `[[${numbers(MAX_COLUMNS + 1)}], [1]]`));
    assert.equal(e.code, 'too-many-columns');
    assert.equal(e.message, ErrorText.tooManyValues('rows.json', 1, MAX_COLUMNS));
  });

  it('refuses sparse JSON records whose table would hold far more cells than the file holds values', () => {
    // 3000 records, each with a key of its own: 9 million cells from 40 kB of text.
    const text = Array.from({ length: 3000 }, (_, k) => `{"k${k}": ${k}}`).join('\n') + '\n';
    const e = dataError(() => read('sparse.jsonl', text));
    assert.equal(e.code, 'too-sparse');
    assert.match(e.message, /^sparse\.jsonl, line \d+: the records use [\d,]+ different keys but each holds only a few.*Keep only the keys you need/);
    const asArray = dataError(() => read('sparse.json', `[${text.trim().split('\n').join(',')}]`));
    assert.equal(asArray.code, 'too-sparse');
    // Records that share their keys are not sparse, however many there are.
    const dense = Array.from({ length: 3000 }, (_, k) => `{"a": ${k}, "b": ${k % 7}}`).join('\n');
    assert.equal(read('dense.jsonl', dense).nRows, 3000);
  });

  it('refuses an object of columns with more than MAX_COLUMNS keys or padding far beyond its values', () => {
    const many = `{${Array.from({ length: MAX_COLUMNS + 1 }, (_, k) => `"c${k}": [${k}]`).join(',')}}`;
    assert.equal(dataError(() => read('cols.json', many)).code, 'too-many-columns');
    const long = `{"a": [${numbers(200_000)}], ${Array.from({ length: 50 }, (_, k) => `"e${k}": []`).join(',')}}`;
    assert.equal(dataError(() => read('uneven.json', long)).code, 'too-sparse');
  });

  it('refuses a CSV field longer than MAX_FIELD_LENGTH, quoted or not, at the line where it starts', () => {
    const big = 'x'.repeat(MAX_FIELD_LENGTH + 1);
    for (const [name, text, split] of [
      ['q.csv', `a,b\n1,2\n3,"${big}"\n`, [65536]],
      ['u.csv', `a,b\n1,2\n3,${big}\n`, [65536]],
      ['whole.csv', `a,b\n1,2\n3,"${big}"\n`, [4 * MAX_FIELD_LENGTH]],
      ['plain.csv', `a,b\n1,2\n3,${big}\n`, [4 * MAX_FIELD_LENGTH]],
    ] as const) {
      const e = dataError(() => readChunked(name, bytes(text), [...split]));
      assert.equal(e.code, 'field-too-long', name);
      assert.equal(e.line, 3, name);
      assert.equal(e.message, ErrorText.fieldTooLong(name, 3, MAX_FIELD_LENGTH));
    }
    // A quote that never closes in a large file is reported long before the end of the file.
    const open = `a,b\n1,"2\n${'3,4\n'.repeat(MAX_FIELD_LENGTH / 2)}`;
    const e = dataError(() => readChunked('open.csv', bytes(open), [65536]));
    assert.equal(e.code, 'field-too-long');
    assert.match(e.message, /open\.csv, line 2: a field here is longer than 1\.0 MB.*a quoted field that opens here may never close/);
  });

  it('refuses a JSON string longer than MAX_FIELD_LENGTH and a JSON record longer than MAX_RECORD_LENGTH', () => {
    const big = 'x'.repeat(MAX_FIELD_LENGTH + 1);
    const e = dataError(() => read('s.jsonl', `{"a": 1}\n{"a": 2, "b": "${big}"}\n`));
    assert.equal(e.code, 'field-too-long');
    assert.equal(e.line, 2);
    const record = `{"a": [${'1,'.repeat(MAX_RECORD_LENGTH / 2)}1]}`;
    const line = dataError(() => readChunked('r.jsonl', bytes(`{"a": 1}\n${record}\n`), [1 << 20]));
    assert.equal(line.code, 'field-too-long');
    assert.equal(line.message, ErrorText.recordTooLong('r.jsonl', 2, MAX_RECORD_LENGTH));
    const element = dataError(() => readChunked('r.json', bytes(`[{"a": 1},\n${record}]`), [1 << 20]));
    assert.equal(element.code, 'field-too-long');
    assert.equal(element.line, 2);
  });

  it('reads 1e400 the same in CSV and JSON: a missing cell, with a notice that says it is out of range', () => {
    const more = Array.from({ length: 20 }, (_, k) => [k, k % 3]);
    const csv = read('big.csv', 'a,b\n1,2\n1e400,3\n3,1\n4,5\n-1e400,6\n' + more.map((r) => r.join(',') + '\n').join(''));
    const json = read('big.json', `[{"a":1,"b":2},{"a":1e400,"b":3},{"a":3,"b":1},{"a":4,"b":5},{"a":-1e400,"b":6}${more.map(([a, b]) => `,{"a":${a},"b":${b}}`).join('')}]`);
    for (const t of [csv, json]) {
      assert.equal(t.columns[0].type, 'numeric');
      assert.ok(Number.isNaN(t.number(1, 0)) && Number.isNaN(t.number(4, 0)));
      assert.equal(t.columns[0].stats.count, 23);
      assert.equal(t.columns[0].stats.strayCount, 2);
      const notice = t.notices.find((n) => n.code === 'stray-values');
      assert.ok(notice, 'a stray-values notice');
      assert.match(notice.message, /is beyond the range of numbers \(about ±1\.8e308\)\. 2 cells like this were read as missing values\.$/);
    }
    assert.match(csv.notices.find((n) => n.code === 'stray-values')!.message, /^big\.csv, line 3, column "a": "1e400" is beyond/);
    assert.match(json.notices.find((n) => n.code === 'stray-values')!.message, /^big\.json, line 1, column "a": "Infinity" is beyond/);
  });
});
