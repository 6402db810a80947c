import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTableReader, readTable } from '../../../src/data';
import { ErrorText } from '../../../src/data';
import { bytes, cells, dataError, read, readChunked, snapshot } from './helpers';

const tricky =
  '\uFEFFnom,"prix ""€""",note\r\n' +
  'café,1.5,"ligne\r\nsuivante"\r\n' +
  '"a,b",2.25,ok\r\n' +
  '日本,-3,"x"\r\n' +
  'z,4e2,\r\n';

describe('streaming', () => {
  it('gives the same table whatever the chunk sizes, even inside characters, quotes and CRLF', () => {
    const data = bytes(tricky);
    const whole = snapshot(read('t.csv', data));
    for (const sizes of [[1], [2], [3], [5, 1, 7], [13], [64]]) {
      assert.deepEqual(snapshot(readChunked('t.csv', data, sizes)), whole, `chunk sizes ${sizes}`);
    }
    assert.deepEqual(cells(read('t.csv', data))[0], ['café', '1.5', 'ligne\r\nsuivante']);
  });

  it('gives the same JSON and JSON Lines tables in one piece or byte by byte', () => {
    for (const [name, text] of [
      ['a.json', '[{"é": 1, "b": "ü"},\n{"é": 2.5}]'],
      ['a.jsonl', '{"é": 1, "b": "ü"}\r\n\n{"é": 2.5}\n'],
    ]) {
      assert.deepEqual(snapshot(readChunked(name, bytes(text), [1])), snapshot(read(name, text)));
    }
  });

  it('reports progress with the bytes read so far and the total', () => {
    const seen: [number, number][] = [];
    const data = bytes('x\n' + '1\n'.repeat(2000));
    const reader = createTableReader({ fileName: 'p.csv', totalBytes: data.length, onProgress: (a, b) => seen.push([a, b]) });
    for (let off = 0; off < data.length; off += 1000) reader.push(data.subarray(off, off + 1000));
    reader.finish();
    assert.deepEqual(seen, [[1000, 4002], [2000, 4002], [3000, 4002], [4000, 4002], [4002, 4002]]);
  });

  it('reads in 1 MiB steps in readTable, so progress comes during a large read', () => {
    const data = bytes('x\n' + '12345\n'.repeat(400000));
    const seen: number[] = [];
    const t = readTable(data, { fileName: 'big.csv', onProgress: (n) => seen.push(n) });
    assert.equal(t.nRows, 400000);
    assert.deepEqual(seen, [2 ** 20, 2 ** 21, data.length]);
  });

  it('finds a bad byte at the same offset and line when a chunk ends inside the broken character', () => {
    const data = new Uint8Array([...bytes('a,b\n1,'), 0xc3, 0x28, ...bytes('\n')]);
    for (const sizes of [[1], [7], [data.length]]) {
      const e = dataError(() => readChunked('u.csv', data, sizes));
      assert.equal(e.message, ErrorText.notUtf8('u.csv', 2, 6), `chunk sizes ${sizes}`);
    }
  });

  it('drops a byte-order mark only at the very start of the file', () => {
    const t = readChunked('b.csv', bytes('\uFEFFx,y\n1,\uFEFFz\n'), [1]);
    assert.equal(t.columns[0].name, 'x');
    assert.equal(t.cell(0, 1), '\uFEFFz');
  });

  it('handles a field longer than many chunks without rescanning', () => {
    const long = 'y'.repeat(300000);
    const t = readChunked('l.csv', bytes(`a,b\n1,"${long}"\n2,${long}\n`), [4096]);
    assert.equal(t.cell(0, 1), long);
    assert.equal(t.cell(1, 1), long);
  });
});

describe('buffer reuse', () => {
  it('gives the right table when the caller refills one buffer for every chunk', () => {
    const text = 'name,x\n"a\nb",1.5\nlong text here,2\n"q""q",3\n';
    const data = bytes(text);
    for (const size of [1, 3, 7]) {
      const reader = createTableReader({ fileName: 'r.csv' });
      const buffer = new Uint8Array(size);
      for (let off = 0; off < data.length; off += size) {
        const n = Math.min(size, data.length - off);
        buffer.set(data.subarray(off, off + n));
        reader.push(buffer.subarray(0, n));
        buffer.fill(0x21); // scribble over it, as the next read would
      }
      assert.deepEqual(snapshot(reader.finish()), snapshot(read('r.csv', text)), `size ${size}`);
    }
  });
});
