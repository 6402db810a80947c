import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Column } from '../../../src/data/column';
import { MISSING_TOKENS } from '../../../src/data';
import { cells, read } from './helpers';

describe('column types and stats', () => {
  it('reads integers, decimals, exponents and signs as numbers, and rejects Infinity', () => {
    // Twelve zeros keep the two rejected cells under the 10 % that leaves a column numeric.
    const t = read('n.csv', 'x\n1\n-2.5\n+3\n1e3\n-4.5E-1\n.5\n7.\nInfinity\n1e999\n' + '0\n'.repeat(12));
    const c = t.columns[0];
    assert.equal(c.type, 'numeric');
    assert.deepEqual(
      Array.from({ length: 9 }, (_, r) => t.number(r, 0)),
      [1, -2.5, 3, 1000, -0.45, 0.5, 7, NaN, NaN],
    );
    assert.equal(c.stats.strayCount, 2);
    assert.deepEqual(c.stats.strayExamples, [{ line: 9, value: 'Infinity' }, { line: 10, value: '1e999' }]);
  });

  it('gives back every cell\'s original text, however the number was written', () => {
    const text = ['x', '3.0', '5.10', '007', '+3', '1e3', '-0', '-0.0', '0.1', '12345678901234567', '0.30000000000000004', 'abc', '-.5'];
    const t = read('orig.csv', text.join('\n'));
    assert.deepEqual(cells(t).map((r) => r[0]), text.slice(1));
  });

  it('counts every missing-value token as missing, in any case', () => {
    assert.deepEqual(MISSING_TOKENS, ['', 'NA', 'N/A', 'NaN', 'null', 'None', '?']);
    const t = read('m.csv', 'x,y\n1,a\nNA,b\nn/a,c\nnan,d\nNULL,e\nNone,f\n?,g\n,h\n 2 ,i\n');
    const x = t.columns[0];
    assert.equal(x.type, 'numeric');
    assert.equal(x.stats.count, 2);
    assert.equal(x.stats.missing, 7);
    assert.equal(x.stats.strayCount, undefined);
    assert.equal(t.cell(1, 0), null);
  });

  it('keeps None as a category in a text column (an answer such as "exercise: None"), missing in a numeric one', () => {
    const rows = ['x,exer', '1,Some', 'None,None', '3,Freq', '4,NA', '5,none', '6,'];
    const t = read('none.csv', rows.join('\n'));
    const [x, exer] = t.columns;
    assert.equal(x.type, 'numeric');
    assert.equal(x.stats.missing, 1);
    assert.equal(t.cell(1, 0), null);
    assert.equal(exer.type, 'text');
    assert.equal(exer.stats.missing, 2);
    assert.deepEqual([1, 2, 4].map((r) => t.cell(r, 1)), ['None', 'Freq', 'none']);
    assert.deepEqual(t.categoryCodes(1)!.levels, ['Freq', 'None', 'Some', 'none']);
    // A column that starts with numbers and Nones and turns to text keeps them too.
    const long = read('late.csv', ['c', ...Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'None' : i < 30 ? String(i) : `w${i % 5}`))].join('\n'));
    assert.equal(long.columns[0].type, 'text');
    assert.equal(long.cell(0, 0), 'None');
  });

  it('keeps a numeric column with a few stray words numeric and reports them', () => {
    const rows = Array.from({ length: 20 }, (_, k) => String(k + 1));
    rows[4] = 'oops';
    rows[9] = 'n.a.';
    const t = read('s.csv', ['v', ...rows].join('\n'));
    const c = t.columns[0];
    assert.equal(c.type, 'numeric');
    assert.equal(c.stats.count, 18);
    assert.equal(c.stats.missing, 2);
    assert.equal(c.stats.strayCount, 2);
    assert.deepEqual(c.stats.strayExamples, [{ line: 6, value: 'oops' }, { line: 11, value: 'n.a.' }]);
    assert.equal(t.number(4, 0), NaN);
    assert.equal(t.cell(4, 0), 'oops');
    assert.deepEqual(t.notices.map((n) => n.message), [
      's.csv, line 6, column "v": "oops" is not a number. 2 cells like this were read as missing values.',
    ]);
  });

  it('makes a column with many words a text column with distinct count and top values', () => {
    const t = read('t.csv', 'x,c\n1,red\n2,blue\n3,red\n4,3\n5,\n6,red\n7,blue\n');
    const c = t.columns[1];
    assert.equal(c.type, 'text');
    assert.equal(c.usable, false);
    assert.equal(c.reason, 'holds text (categories), not numbers');
    assert.deepEqual(c.stats, {
      count: 6,
      missing: 1,
      distinct: 3,
      top: [{ value: 'red', count: 3 }, { value: 'blue', count: 2 }, { value: '3', count: 1 }],
    });
    assert.equal(t.cell(3, 1), '3');
    assert.equal(t.number(3, 1), NaN);
  });

  it('recognises boolean and all-missing columns', () => {
    const t = read('b.csv', 'x,flag,none\n1,true,\n2,FALSE,NA\n3,True,\n');
    assert.deepEqual(t.columns.map((c) => [c.type, c.usable, c.reason]), [
      ['numeric', true, undefined],
      ['boolean', false, 'holds true/false values, not numbers'],
      ['empty', false, 'every value is missing'],
    ]);
    assert.deepEqual(t.columns[2].stats, { count: 0, missing: 3, distinct: 0, top: [] });
  });

  it('computes count, missing, min, max, mean and sample standard deviation', () => {
    const t = read('s.csv', 'x\n2\n4\nNA\n4\n4\n5\n5\n7\n9\n');
    assert.deepEqual(t.columns[0].stats, {
      count: 8,
      missing: 1,
      min: 2,
      max: 9,
      mean: 5,
      std: Math.sqrt(32 / 7),
    });
  });

  it('keeps the standard deviation accurate when the mean is huge', () => {
    const t = read('big.csv', 'x\n1000000000.1\n1000000000.2\n1000000000.3\n');
    assert.ok(Math.abs(t.columns[0].stats.std! - 0.1) < 1e-6);
  });

  it('marks constant numeric columns unusable and says why', () => {
    const t = read('c.csv', 'x,k\n1,3\n2,3\n');
    assert.equal(t.columns[1].usable, false);
    assert.equal(t.columns[1].reason, 'every value is the same (3), so it carries no information for clustering');
  });

  it('switches a long text column to dictionary storage and still reads every cell', () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `${k},w${k % 7}`);
    const t = read('long.csv', ['n,w', ...rows].join('\n'));
    assert.equal(t.columns[1].type, 'text');
    assert.equal(t.columns[1].stats.distinct, 7);
    assert.equal(t.cell(2999, 1), 'w3');
  });

  it('turns a column back to numbers when the words early on were only a small share', () => {
    const rows = [...Array.from({ length: 300 }, () => 'x'), ...Array.from({ length: 5000 }, (_, k) => String(k / 4))];
    const t = read('late.csv', ['v', ...rows].join('\n'));
    const c = t.columns[0];
    assert.equal(c.type, 'numeric');
    assert.equal(c.stats.strayCount, 300);
    assert.equal(t.cell(300 + 3, 0), '0.75');
    assert.equal(t.number(300 + 3, 0), 0.75);
    assert.equal(t.cell(0, 0), 'x');
  });

  it('keeps no format byte per cell while every cell of a column is written the same way, and rebuilds each text', () => {
    const c = new Column();
    for (let i = 0; i < 1000; i++) c.pushText((i / 7).toFixed(4));
    assert.equal(c.storageBytes, 8 * 1024, 'values only: one format code for the whole column');
    c.pushText('2.5');
    c.pushMissing();
    c.pushText('1e3');
    c.pushText('-0.0000');
    assert.ok(c.storageBytes < 9 * 1024, 'a few cells written otherwise are kept aside, not a byte per cell');
    assert.equal(c.cell(999), (999 / 7).toFixed(4));
    assert.equal(c.cell(1000), '2.5');
    assert.equal(c.cell(1001), null);
    assert.equal(c.cell(1002), '1e3');
    assert.equal(c.cell(1003), '-0.0000');
    // Many cells written in other ways: then a byte per cell, every text still rebuilt.
    for (let i = 0; i < 200; i++) c.pushText((i / 3).toFixed(1 + (i % 3)));
    c.finish();
    assert.ok(c.storageBytes >= 9 * 1024, 'a byte per cell once many formats differ');
    assert.equal(c.cell(999), (999 / 7).toFixed(4));
    assert.equal(c.cell(1000), '2.5');
    assert.equal(c.cell(1001), null);
    assert.equal(c.cell(1002), '1e3');
    assert.equal(c.cell(1003), '-0.0000');
    for (let i = 0; i < 200; i++) assert.equal(c.cell(1004 + i), (i / 3).toFixed(1 + (i % 3)));
  });
});
