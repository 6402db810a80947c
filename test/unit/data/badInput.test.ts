import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTableReader, ErrorText, unreadableFile } from '../../../src/data';
import { bytes, dataError, read, readChunked } from './helpers';

describe('bad input: one clear DataError each', () => {
  it('an empty file, or one holding only blank lines or spaces', () => {
    for (const [name, text] of [['e.csv', ''], ['e.csv', '\n\n\r\n'], ['e.csv', '  \n '], ['e.json', ' \n'], ['e.jsonl', '\n\n'], ['e.csv', '\uFEFF']]) {
      const e = dataError(() => read(name, text));
      assert.equal(e.code, 'empty-file');
      assert.equal(e.message, `${name}: the file is empty. Choose a file that holds a table of data.`);
      assert.equal(e.fileName, name);
    }
  });

  it('a header row without data rows', () => {
    const e = dataError(() => read('h.csv', 'a,b,c\n'));
    assert.equal(e.code, 'no-rows');
    assert.equal(e.message, 'h.csv: the file has a header row (3 columns) but no data rows. Add rows of data below the header.');
    assert.equal(dataError(() => read('h.json', '[["a"]]')).message, 'h.json: the file has a header row (1 column) but no data rows. Add rows of data below the header.');
  });

  it('no column that can be fitted, as numbers or as categories', () => {
    const e = dataError(() => read('words.csv', 'name,colour\nann,red\nann,red\n'));
    assert.equal(e.code, 'no-numeric-column');
    assert.equal(
      e.message,
      'words.csv: no column holds numbers or categories ("name" holds a single value, so it carries no information for clustering, "colour" holds a single value, so it carries no information for clustering): ' +
        'a text column needs 2 to 100 distinct values to be fitted as categories. Check that the delimiter and the decimal point are right, or choose another file.',
    );
    // Text columns with a few values each are a latent class model's data: they load.
    assert.equal(read('words.csv', 'name,colour\nann,red\nbob,blue\n').columns.every((c) => c.levels === 2), true);
  });

  it('an unterminated quote, at the line where it opened', () => {
    const e = dataError(() => read('q.csv', 'a,b\n1,2\n3,"open\n4,5\n6,7\n'));
    assert.equal(e.code, 'unterminated-quote');
    assert.equal(e.line, 3);
    assert.equal(e.message, 'q.csv, line 3: a quoted field opens here but is never closed. Add the closing double quote (") or remove the opening one.');
  });

  it('binary content', () => {
    const data = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]);
    const e = dataError(() => read('program.csv', data));
    assert.equal(e.code, 'binary');
    assert.equal(e.message, 'program.csv: the file looks binary (it contains zero bytes), not text. Export the data as CSV, TSV, JSON, JSON Lines, Parquet or Arrow.');
  });

  it('names the compression of a compressed file or archive instead of calling it binary, however it is split', () => {
    const cases: [string, number[], string][] = [
      ['data.csv', [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03], 'compressed with gzip'],
      ['data.xlsx.csv', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00], 'a ZIP archive (an Excel .xlsx workbook is one too)'],
      ['data.csv', [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0x00], 'compressed with bzip2'],
      ['data.csv', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04], 'compressed with xz'],
      ['data.csv', [0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00, 0x00], 'compressed with zstd'],
    ];
    for (const [name, raw, kind] of cases) {
      const data = new Uint8Array(raw);
      for (const split of [[data.length], [1], [2, 3]]) {
        const e = dataError(() => readChunked(name, data, split));
        assert.equal(e.code, 'compressed', `${kind}, pieces of ${split}`);
        assert.equal(e.message, `${name}: the file is ${kind}, not text. Extract the data file from it first, then open that.`);
      }
    }
    // Text that merely starts with "BZh" is text.
    assert.equal(read('b.csv', 'BZh,x\n1,2\n3,4\n').columns[0].name, 'BZh');
  });

  it('text that is not UTF-8, with the line of the first bad byte', () => {
    const latin1 = new Uint8Array([...bytes('name,x\nJos'), 0xe9, ...bytes(',1\n')]);
    const e = dataError(() => read('l1.csv', latin1));
    assert.equal(e.code, 'not-utf8');
    assert.equal(e.line, 2);
    assert.equal(
      e.message,
      'l1.csv, line 2: the file is not valid UTF-8 text (bad byte at offset 10). Save it again with UTF-8 encoding (for example "CSV UTF-8" in Excel).',
    );
  });

  it('a bad byte deep in a file read in chunks, past the part used for detection', () => {
    const head = 'x\n' + '1\n'.repeat(50000);
    const data = new Uint8Array([...bytes(head), 0xff, 0x0a]);
    const reader = createTableReader({ fileName: 'big.csv' });
    const e = dataError(() => {
      for (let off = 0; off < data.length; off += 4096) reader.push(data.subarray(off, off + 4096));
    });
    assert.equal(e.line, 50002);
    assert.equal(e.message, ErrorText.notUtf8('big.csv', 50002, head.length));
  });

  it('a file that ends inside a multi-byte character', () => {
    const e = dataError(() => read('cut.csv', new Uint8Array([...bytes('x\n1\n'), 0xe2, 0x82])));
    assert.equal(e.code, 'not-utf8');
  });

  it('UTF-16 text', () => {
    const e = dataError(() => read('w.csv', new Uint8Array([0xff, 0xfe, 0x78, 0x00])));
    assert.equal(e.code, 'not-utf8');
    assert.equal(e.message, 'w.csv: the file is UTF-16 text. Save it again as UTF-8 (for example "CSV UTF-8" in Excel).');
  });

  it('a file over the size limit, told up front or found while streaming', () => {
    const upfront = dataError(() => createTableReader({ fileName: 'huge.csv', totalBytes: 3.5e9 }));
    assert.equal(upfront.code, 'too-large');
    assert.equal(
      upfront.message,
      'huge.csv: the file is 3.5 GB, over the limit of 1024 MB. Raise the setting emExplorer.maxFileSizeMB to read it, or use a smaller sample of the file.',
    );
    const reader = createTableReader({ fileName: 's.csv', maxBytes: 2 ** 20 });
    reader.push(new Uint8Array(2 ** 20).fill(49));
    const streamed = dataError(() => reader.push(bytes('1\n')));
    assert.equal(
      streamed.message,
      's.csv: the file is 1.0 MB, over the limit of 1 MB. Raise the setting emExplorer.maxFileSizeMB to read it, or use a smaller sample of the file.',
    );
  });

  it('reads a file just under the default limit of 1 GiB without complaint (checked on the size only)', () => {
    assert.doesNotThrow(() => createTableReader({ fileName: 'g.csv', totalBytes: 1e9 }));
  });

  it('a missing or unreadable file: the message callers use', () => {
    const e = unreadableFile('gone.csv', 'no such file');
    assert.equal(e.code, 'unreadable');
    assert.equal(e.message, 'gone.csv: the file could not be read (no such file). Check that it exists and that you may read it.');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'DataError');
  });
});
