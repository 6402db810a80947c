import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, cells, numbers, read, readChunked } from './helpers';

describe('CSV reading', () => {
  it('reads a header and numeric columns, keeping each row\'s source line', () => {
    const t = read('iris.csv', 'a,b\n1,2\n3,4\n');
    assert.equal(t.format, 'csv');
    assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [['a', 'numeric'], ['b', 'numeric']]);
    assert.deepEqual(numbers(t), [[1, 2], [3, 4]]);
    assert.deepEqual(Array.from(t.lineNumbers), [2, 3]);
    assert.deepEqual(t.notices, []);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const t = read('q.csv', 'name,x\n"a, b",1\n"say ""hi""",2\n"two\nlines",3\nlast,4');
    assert.deepEqual(cells(t), [['a, b', '1'], ['say "hi"', '2'], ['two\nlines', '3'], ['last', '4']]);
    assert.deepEqual(Array.from(t.lineNumbers), [2, 3, 4, 6]);
  });

  it('reads CRLF line ends and drops a UTF-8 byte-order mark', () => {
    const t = read('crlf.csv', '\uFEFFx,y\r\n1,2\r\n3,4\r\n');
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y']);
    assert.deepEqual(cells(t), [['1', '2'], ['3', '4']]);
    assert.deepEqual(Array.from(t.lineNumbers), [2, 3]);
  });

  it('reads lone CR line ends (old Mac files)', () => {
    assert.deepEqual(cells(read('cr.csv', 'x\r1\r2\r')), [['1'], ['2']]);
  });

  it('skips blank lines', () => {
    const t = read('blank.csv', 'x,y\n\n1,2\n\n\n3,4\n\n');
    assert.deepEqual(numbers(t), [[1, 2], [3, 4]]);
    assert.deepEqual(Array.from(t.lineNumbers), [3, 6]);
  });

  for (const [name, d] of [['tab', '\t'], ['pipe', '|']] as const) {
    it(`detects a ${name} delimiter and says so`, () => {
      // (With a decimal point among the numbers, "1,5" is text: see the decimal-comma detection below.)
      const t = read('d.csv', `x${d}y\n1,5${d}2.5\n3${d}4\n`);
      assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y']);
      assert.deepEqual(cells(t), [['1,5', '2.5'], ['3', '4']]);
      assert.equal(t.columns[0].type, 'text');
      assert.deepEqual(t.notices, [{ code: 'delimiter', message: `d.csv: read as ${name}-separated values.` }]);
    });
  }

  it('detects a semicolon delimiter and reads decimal commas with it, keeping the text', () => {
    const t = read('d.csv', 'x;y\n1,5;2\n-3,25;4\n1,2e3;1\n');
    assert.deepEqual(numbers(t), [[1.5, 2], [-3.25, 4], [1200, 1]]);
    assert.deepEqual(cells(t), [['1,5', '2'], ['-3,25', '4'], ['1,2e3', '1']]);
    assert.deepEqual(t.notices, [{ code: 'delimiter', message: 'd.csv: read as semicolon-separated values, with decimal commas (1,5 = 1.5).' }]);
  });

  it('reads a semicolon-separated file written with decimal points as such, and says nothing of decimal commas', () => {
    const t = read('p.csv', 'a;b;c\n1.5;2.25;3\n2.5;3.5;4\n');
    assert.deepEqual(numbers(t), [[1.5, 2.25, 3], [2.5, 3.5, 4]]);
    assert.deepEqual(t.notices, [{ code: 'delimiter', message: 'p.csv: read as semicolon-separated values.' }]);
    // Whole numbers only: still a spreadsheet's decimal commas, as before.
    assert.match(read('w.csv', 'a;b\n1;2\n3;4\n').notices[0].message, /with decimal commas/);
  });

  it('reads decimal commas when told, for other delimiters', () => {
    const t = read('d.tsv', 'x\ty\n1,5\t2\n', { decimalComma: true });
    assert.deepEqual(numbers(t), [[1.5, 2]]);
    assert.equal(read('e.csv', 'x;y\n1,5;2\n', { decimalComma: false }).columns[0].type, 'text');
    assert.equal(read('f.tsv', 'x\ty\n1,5\t2\n', { decimalComma: false }).columns[0].type, 'text');
  });

  it('detects the decimal commas of a tab-separated file from its numbers, and says so', () => {
    const t = read('d.tsv', 'x\ty\tlabel\n1,5\t-2,25\tp\n"3,125"\t4\tq\n');
    assert.deepEqual(numbers(t), [[1.5, -2.25, NaN], [3.125, 4, NaN]]);
    assert.deepEqual(t.notices, [{ code: 'delimiter', message: 'd.tsv: read as tab-separated values, with decimal commas (1,5 = 1.5).' }]);
    // Not with decimal points in the file, nor when every comma may separate thousands.
    assert.equal(read('p.tsv', 'x\ty\n1,5\t2.5\n').columns[0].type, 'text');
    assert.equal(read('k.tsv', 'x\ty\n1,500\t2\n12,250\t3\n').columns[0].type, 'text');
    assert.equal(read('m.tsv', 'x\ty\n1,234,567\t2\n1,5\t3\n').columns[0].type, 'text');
    assert.deepEqual(read('c.csv', 'x,y\n1,5\n').notices, []);
  });

  it('takes the delimiter from options over detection', () => {
    const t = read('d.csv', 'x;y,z\n1;2,3\n4;5,6\n', { delimiter: ',' });
    assert.deepEqual(t.columns.map((c) => c.name), ['x;y', 'z']);
    assert.deepEqual(t.notices, []);
  });

  it('reads .tsv and .tab files as tab-separated without a notice', () => {
    for (const f of ['t.tsv', 't.tab']) {
      const t = read(f, 'x\ty,z\n1\t2\n');
      assert.equal(t.format, 'tsv');
      assert.deepEqual(t.columns.map((c) => c.name), ['x', 'y,z']);
      assert.deepEqual(t.notices, []);
    }
  });

  it('names the columns column1… when the first row holds numbers, and says so', () => {
    const t = read('nums.csv', '1,2\n3,4\n');
    assert.deepEqual(t.columns.map((c) => c.name), ['column1', 'column2']);
    assert.deepEqual(Array.from(t.lineNumbers), [1, 2]);
    assert.deepEqual(t.notices.map((n) => n.message), [
      'nums.csv: the first row holds numbers, so it was read as data and the columns were named column1…column2.',
    ]);
  });

  it('reads a headerless tab- or pipe-separated file with decimal commas as numbers under generated names', () => {
    // The header decision reads "1,5" as a number when the file has decimal commas, so the first row is data.
    for (const [name, d, said] of [['h.tsv', '\t', 'tab'], ['h.txt', '|', 'pipe'], ['t.csv', '\t', 'tab']] as const) {
      const text = ['1,5', '2,25', '3,0'].join(d) + '\n' + ['-4,75', '5', '"6,125"'].join(d) + '\r\n' + ['7,5', '', '8,0'].join(d) + '\n';
      for (const t of [read(name, text), readChunked(name, bytes(text), [1, 2, 3])]) {
        assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [['column1', 'numeric'], ['column2', 'numeric'], ['column3', 'numeric']], name);
        assert.deepEqual(numbers(t), [[1.5, 2.25, 3], [-4.75, 5, 6.125], [7.5, NaN, 8]]);
        assert.deepEqual(cells(t)[0], ['1,5', '2,25', '3,0'], 'the cells keep their text');
        assert.deepEqual(Array.from(t.lineNumbers), [1, 2, 3]);
        assert.deepEqual(t.notices.map((n) => n.message), [
          `${name}: read as ${said}-separated values, with decimal commas (1,5 = 1.5).`,
          `${name}: the first row holds numbers, so it was read as data and the columns were named column1…column3.`,
        ]);
      }
    }
  });

  it('obeys a forced header setting either way', () => {
    assert.deepEqual(read('h.csv', '1,2\n3,4\n', { header: true }).columns.map((c) => c.name), ['1', '2']);
    const t = read('h.csv', 'a,b\n' + '3,4\n'.repeat(9), { header: false });
    assert.deepEqual(cells(t).slice(0, 2), [['a', 'b'], ['3', '4']]);
    assert.equal(t.columns[0].stats.strayCount, 1);
    assert.ok(!t.notices.some((n) => n.code === 'no-header'));
  });

  it('renames empty and repeated column names and lists them in one notice', () => {
    const t = read('names.csv', 'x,,x, y ,x_2\n1,2,3,4,5\n6,7,8,9,1\n');
    assert.deepEqual(t.columns.map((c) => c.name), ['x', 'column2', 'x_3', 'y', 'x_2']);
    assert.deepEqual(t.notices.map((n) => n.message), [
      'names.csv: 2 column names were empty or repeated and were renamed: column 2 (no name) → "column2", column 3 "x" → "x_3".',
    ]);
  });

  it('pads short rows and cuts long rows, saying how many and where the first is', () => {
    const t = read('iris.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n1,2\n');
    assert.deepEqual(cells(t), [['1', '2', '3'], ['4', '5', null], ['6', '7', '8'], ['1', '2', null]]);
    assert.deepEqual(t.notices.map((n) => n.message), [
      'iris.csv, line 3: expected 3 fields but found 2. 2 rows were shorter than the header; the missing cells were read as missing values.',
      'iris.csv, line 4: expected 3 fields but found 4. 1 row was longer than the header; the extra fields were ignored. Check the delimiter or the quoting.',
    ]);
  });

  it('reads quoted numbers as numbers and gives their text back', () => {
    const t = read('q.csv', '"x","y"\n"1.50","-2"\n"007","a"\n"","3"\n');
    assert.equal(t.columns[0].type, 'numeric');
    assert.deepEqual(cells(t), [['1.50', '-2'], ['007', 'a'], [null, '3']]);
    assert.deepEqual(numbers(t).map((r) => r[0]), [1.5, 7, NaN]);
  });

  it('keeps text after a closing quote, as spreadsheets do', () => {
    assert.deepEqual(cells(read('q.csv', 'a,b\n"x"y,1\n')), [['xy', '1']]);
  });

  it('reads a trailing delimiter as an empty last field', () => {
    assert.deepEqual(cells(read('t.csv', 'a,b\n1,\n2,3')), [['1', null], ['2', '3']]);
  });
});
