import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, formatCsvRow, readTable } from '../../../src/data';

describe('csvField and formatCsvRow', () => {
  it('quotes only when needed, doubling quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\r'), '"cr\r"');
    assert.equal(csvField(' padded'), '" padded"');
    // Any character delimiter detection could take for the delimiter is quoted too, so the file reads back the same.
    assert.equal(csvField('a;b'), '"a;b"');
    assert.equal(csvField('a\tb', '|'), '"a\tb"');
    assert.equal(csvField('a|b'), '"a|b"');
    assert.equal(csvField('a;b', ';'), '"a;b"');
    assert.equal(csvField(''), '');
  });

  it('writes missing cells empty, and a lone missing cell as "" so the row is not a blank line', () => {
    assert.equal(formatCsvRow(['1', null, 'x,y']), '1,,"x,y"');
    assert.equal(formatCsvRow(['1', '2'], '\t'), '1\t2');
    assert.equal(formatCsvRow([null]), '""');
  });

  it('writes a "|" file whose cells hold tabs so that it reads back with "|" (fast-check seed -805617789)', () => {
    const names = ['c0_', 'c1_', 'c2_', 'c3_\ta', 'c4_'];
    const text = [formatCsvRow(names, '|'), formatCsvRow(['0', null, null, null, 'w\ta'], '|')].join('\n') + '\n';
    const t = readTable(new TextEncoder().encode(text), { fileName: 't.csv' });
    assert.deepEqual(t.columns.map((c) => c.name), names);
    assert.equal(t.cell(0, 4), 'w\ta');
  });
});
