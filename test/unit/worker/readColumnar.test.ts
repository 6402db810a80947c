import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { binary, float64, int32, list, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { DataError, ErrorText } from '../../../src/data';
import { ColumnarTable } from '../../../src/data/columnar';
import type { ColumnarSource, ColumnPiece } from '../../../src/data/columnar/types';
import type { LoadRequest } from '../../../src/protocol/worker';
import { readSource } from '../../../src/worker/readSource';
import { arrowOf, cellsOf, fixtureData, parquetOf, readAll } from '../data/columnarFiles';

let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-columnar-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const data = fixtureData();
const noHooks = { onProgress: () => undefined };

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

function byPath(file: string, over: Partial<LoadRequest> = {}): LoadRequest {
  return { fileName: path.basename(file), uri: `file://${file}`, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, ...over };
}

async function rejection(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail('expected a DataError');
}

/** A message for a person: names the file, says what to do, carries no stack trace. */
function assertPlain(e: DataError, file: string): void {
  assert.ok(e.message.startsWith(`${file}: `), e.message);
  assert.doesNotMatch(e.message, /\n\s+at |node_modules|\.js:\d+/);
}

describe('columnar files in the worker', () => {
  it('reads a Parquet file by path, and decodes a column only when it is prepared', async () => {
    const { table, sizeBytes, stamp } = await readSource(byPath(write('data.parquet', parquetOf(data, { rowGroupSize: 20 }))), noHooks);
    assert.equal(table.format, 'parquet');
    assert.equal(table.nRows, 60);
    assert.ok(stamp && sizeBytes === stamp.size);
    assert.deepEqual(Array.from(table.lineNumbers.subarray(0, 3)), [1, 2, 3]);
    assert.throws(() => table.cell(0, 0), /before it was prepared/);
    await table.prepare!([0, 3]);
    assert.equal(table.cell(1, 0), String(data.i32[1]));
    assert.equal(table.number(2, 3), data.f64[2]);
    assert.throws(() => table.cell(0, 4), /before it was prepared/);
  });

  it('says a truncated Parquet file is damaged, naming the file', async () => {
    const bytes = parquetOf(data);
    for (const cut of [bytes.length - 1, bytes.length - 200, 100]) {
      const e = await rejection(readSource(byPath(write('cut.parquet', bytes.subarray(0, cut))), noHooks));
      assert.equal(e.code, 'corrupt');
      assertPlain(e, 'cut.parquet');
      assert.match(e.message, /the Parquet file is damaged or incomplete/);
    }
  });

  it('says a Parquet file whose pages are overwritten is damaged, naming the file', async () => {
    const bytes = parquetOf(data, { codec: 'GZIP', rowGroupSize: 20 });
    const garbled = bytes.slice();
    for (let k = 200; k < bytes.length / 2; k += 7) garbled[k] ^= 0x5a;
    const e = await rejection(readSource(byPath(write('garbled.parquet', garbled)), noHooks));
    assert.equal(e.code, 'corrupt');
    assertPlain(e, 'garbled.parquet');
  });

  it('says a text file named .parquet, an empty one and a truncated Arrow file are not what they claim', async () => {
    const text = await rejection(readSource(byPath(write('notes.parquet', new TextEncoder().encode('a,b\n1,2\n3,4\n'))), noHooks));
    assert.equal(text.message, ErrorText.damaged('notes.parquet', 'Parquet', 'it does not start with the Parquet signature "PAR1"'));
    const empty = await rejection(readSource(byPath(write('empty.parquet', new Uint8Array(0))), noHooks));
    assert.equal(empty.code, 'corrupt');
    assertPlain(empty, 'empty.parquet');
    const arrow = arrowOf(data);
    const cut = await rejection(readSource(byPath(write('cut.arrow', arrow.subarray(0, arrow.length >> 1))), noHooks));
    assert.equal(cut.code, 'corrupt');
    assertPlain(cut, 'cut.arrow');
    assert.match(cut.message, /the Arrow file is damaged or incomplete/);
  });

  it('names the first version of Feather, which it cannot read', async () => {
    const v1 = Uint8Array.from([...new TextEncoder().encode('FEA1'), 0, 0, 0, 0, ...new TextEncoder().encode('FEA1')]);
    const e = await rejection(readSource(byPath(write('old.feather', v1)), noHooks));
    assert.equal(e.code, 'unsupported');
    assert.equal(e.message, ErrorText.featherV1('old.feather'));
  });

  it('refuses an Arrow file over the size limit before reading it; a Parquet file on disk is read by ranges, whatever its size', async () => {
    const e = await rejection(readSource(byPath(write('big.arrow', arrowOf(data)), { maxBytes: 100 }), noHooks));
    assert.equal(e.code, 'too-large');
    const { table } = await readSource(byPath(write('big.parquet', parquetOf(data)), { maxBytes: 100 }), noHooks);
    assert.equal(table.nRows, data.i32.length);
  });

  it('refuses to decode a column of a file that changed since it was opened', async () => {
    const file = write('moving.parquet', parquetOf(data));
    const { table } = await readSource(byPath(file), noHooks);
    fs.writeFileSync(file, parquetOf(data, { codec: 'UNCOMPRESSED' }));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const e = await rejection(table.prepare!([0]));
    assert.equal(e.code, 'changed');
    assert.equal(e.message, ErrorText.changed('moving.parquet'));
  });

  it('reads dates, times and timestamps as ISO 8601 text, decimals and 64-bit integers with their exact digits', async () => {
    const bytes = new Uint8Array(parquetWriteBuffer({
      columnData: [
        { name: 'day', data: [new Date('2024-01-05'), null, new Date('1969-12-31'), new Date('2024-01-05')] },
        { name: 'at', data: [new Date('2024-01-05T10:20:30.123Z'), new Date(0), null, new Date(0)] },
        { name: 'clock', data: [1000, 3_723_004, null, 0] },
        { name: 'price', data: [12.3, -0.05, null, 7] },
        { name: 'id', data: [9_007_199_254_740_993n, 1n, null, -2n] },
        { name: 'f', data: [0.1, 2.5, null, -1e-3] },
      ],
      schema: [
        { name: 'root', num_children: 6 },
        { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
        { name: 'at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' },
        { name: 'clock', type: 'INT32', converted_type: 'TIME_MILLIS', repetition_type: 'OPTIONAL' },
        { name: 'price', type: 'INT32', converted_type: 'DECIMAL', scale: 2, precision: 9, repetition_type: 'OPTIONAL' },
        { name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' },
        { name: 'f', type: 'FLOAT', repetition_type: 'OPTIONAL' },
      ],
    }));
    const table = await readAll('types.parquet', bytes);
    assert.deepEqual(table.columns.map((c) => `${c.name}:${c.type}`), ['day:text', 'at:text', 'clock:text', 'price:numeric', 'id:numeric', 'f:numeric']);
    assert.deepEqual(cellsOf(table), [
      ['2024-01-05', '2024-01-05T10:20:30.123Z', '00:00:01', '12.30', '9007199254740993', '0.1'],
      [null, '1970-01-01T00:00:00Z', '01:02:03.004', '-0.05', '1', '2.5'],
      ['1969-12-31', null, null, null, null, null],
      ['2024-01-05', '1970-01-01T00:00:00Z', '00:00:00', '7.00', '-2', '-0.001'],
    ]);
    assert.equal(table.number(0, 3), 12.3);
    assert.equal(table.number(0, 4), 9_007_199_254_740_992, 'the nearest double, for the fit');
    // A date column of few values can be fitted as categories, as the same column of a CSV file.
    assert.equal(table.columns[0].levels, 2);
  });

  it('reads infinities of a double column as missing, with the notice a CSV file gets', async () => {
    const table = await readAll('inf.parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'x', data: [1, Infinity, 3, -Infinity, 5], type: 'DOUBLE' }] })));
    assert.deepEqual(table.columns[0].stats.strayExamples, [{ line: 2, value: 'Infinity' }, { line: 4, value: '-Infinity' }]);
    assert.equal(table.columns[0].stats.count, 3);
    assert.ok(Number.isNaN(table.number(1, 0)));
    assert.equal(table.cell(1, 0), 'Infinity');
    assert.ok(table.notices.some((n) => n.code === 'stray-values' && n.message.includes('line 2')));
  });

  it('leaves out nested and binary columns with a notice naming them', async () => {
    const arrow = tableToIPC(tableFromArrays(
      { x: [1.5, 2.5, 3], tags: [[1], [2, 3], []], blob: [new Uint8Array([1]), new Uint8Array([2]), null], name: ['a', 'b', 'c'], n: [1, 2, 3] },
      { types: { x: float64(), tags: list(int32()), blob: binary(), name: utf8(), n: int32() } },
    ), { format: 'file' })!;
    const table = await readAll('nested.arrow', arrow);
    assert.deepEqual(table.columns.map((c) => c.name), ['x', 'name', 'n']);
    const notice = table.notices.find((n) => n.code === 'skipped-columns');
    assert.ok(notice);
    assert.match(notice.message, /"tags" \(nested: a list, struct, map or union\), "blob" \(binary\)/);
  });
});

describe('ColumnarTable', () => {
  /** A source of two numeric columns and one text column that counts how often each column is read. */
  function countingSource(nRows: number) {
    const reads = [0, 0, 0];
    const source: ColumnarSource = {
      format: 'parquet',
      nRows,
      fields: [{ name: 'a', kind: 'numeric' }, { name: 'b', kind: 'numeric' }, { name: 'c', kind: 'text' }],
      skipped: [],
      weight: () => 1,
      async *pieces(column: number): AsyncIterable<ColumnPiece> {
        reads[column]++;
        for (let start = 0; start < nRows; start += 4) {
          const n = Math.min(4, nRows - start);
          if (column === 2) yield { kind: 'texts', values: Array.from({ length: n }, (_, i) => ((start + i) % 3 === 0 ? 'x' : 'y')) };
          else yield { kind: 'numbers', values: Float64Array.from({ length: n }, (_, i) => (start + i) * (column + 1)) };
        }
      },
    };
    return { source, reads };
  }

  it('reads every column once for its stats and keeps none of them', async () => {
    const { source, reads } = countingSource(10);
    const table = await ColumnarTable.open(source, 't.parquet');
    assert.deepEqual(reads, [1, 1, 1]);
    assert.equal(table.columns[1].stats.max, 18);
    assert.deepEqual(table.columns[2].stats.top, [{ value: 'y', count: 6 }, { value: 'x', count: 4 }]);
    for (let c = 0; c < 3; c++) assert.throws(() => table.cell(0, c), /before it was prepared/);
  });

  it('decodes only the columns asked for, once, and lets the others go', async () => {
    const { source, reads } = countingSource(10);
    const table = await ColumnarTable.open(source, 't.parquet');
    await table.prepare([1]);
    assert.deepEqual(reads, [1, 2, 1]);
    assert.equal(table.number(9, 1), 18);
    await table.prepare([1, 2]);
    assert.deepEqual(reads, [1, 2, 2], 'column b is kept, not read again');
    assert.deepEqual(table.categoryCodes(2)!.levels, ['x', 'y']);
    await table.prepare([0]);
    assert.deepEqual(reads, [2, 2, 2]);
    assert.throws(() => table.number(0, 1), /before it was prepared/);
  });

  it('says which column of a damaged file holds fewer values than the file has rows', async () => {
    const { source } = countingSource(10);
    const short = { ...source, nRows: 12 };
    const e = await rejection(ColumnarTable.open(short, 'short.parquet'));
    assert.equal(e.code, 'corrupt');
    assert.equal(e.column, 'a');
    assert.match(e.message, /^short\.parquet: the Parquet file is damaged or incomplete \(column "a" holds 10 values for 12 rows\)/);
  });

  it('stops reading at the first piece after a cancel', async () => {
    const { source } = countingSource(40);
    let pieces = 0;
    await assert.rejects(ColumnarTable.open(source, 't.parquet', { checkCancelled: () => { if (++pieces > 3) throw new Error('cancelled'); } }), /cancelled/);
    assert.equal(pieces, 4);
  });
});
