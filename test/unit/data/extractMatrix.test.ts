import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractMatrix, type Table } from '../../../src/data';
import { read } from './helpers';

describe('extractMatrix', () => {
  it('returns the chosen columns row-major, in the order asked, with NaN for missing cells', () => {
    const t = read('m.csv', 'a,b,c\n1,2,3\n4,NA,6\n7,8,\n');
    const m = extractMatrix(t, [2, 0]);
    assert.equal(m.rows, 3);
    assert.equal(m.cols, 2);
    assert.deepEqual(Array.from(m.data), [3, 1, 6, 4, NaN, 7]);
  });

  it('gives NaN for every cell of a text column', () => {
    const t = read('m.csv', 'a,b\n1,x\n2,y\n');
    assert.deepEqual(Array.from(extractMatrix(t, [1, 0]).data), [NaN, 1, NaN, 2]);
  });

  it('works on any Table through number(), not only the readers\' own', () => {
    const fake = { nRows: 2, columns: [{}, {}], number: (r: number, c: number) => r * 10 + c } as unknown as Table;
    assert.deepEqual(Array.from(extractMatrix(fake, [1]).data), [1, 11]);
  });

  it('refuses a column index that does not exist', () => {
    const t = read('m.csv', 'a\n1\n2\n');
    assert.throws(() => extractMatrix(t, [1]), /no column 1 \(the table has 1\)/);
  });
});
