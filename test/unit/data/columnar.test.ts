import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parquetMetadata } from 'hyparquet';
import type { ColumnInfo, Table } from '../../../src/data';
import { columnarFormat } from '../../../src/data/columnar';
import { arrowOf, cellsOf, csvOf, fixture, fixtureData, NODE_CODECS, parquetOf, readAll } from './columnarFiles';
import { read } from './helpers';

const data = fixtureData();
const csv = read('data.csv', csvOf(data));

/** What the panel and the fit see of a column. */
function described(columns: ColumnInfo[]): ColumnInfo[] {
  return columns.map((c) => JSON.parse(JSON.stringify(c)) as ColumnInfo);
}

/** The table reads as the same data written as CSV: columns, types, stats, categories and every cell. */
function assertSameAsCsv(table: Table): void {
  assert.deepEqual(described(table.columns), described(csv.columns));
  assert.equal(table.nRows, csv.nRows);
  assert.deepEqual(cellsOf(table), cellsOf(csv));
  for (let c = 0; c < table.columns.length; c++) {
    for (let i = 0; i < table.nRows; i++) assert.ok(Object.is(table.number(i, c), csv.number(i, c)), `row ${i + 1}, column ${table.columns[c].name}`);
    if (table.columns[c].levels !== undefined) assert.deepEqual(table.categoryCodes(c), csv.categoryCodes(c));
  }
}

describe('columnar readers', () => {
  it('reads the fixture table as CSV reads it: types from the schema, nulls as missing, the same stats', () => {
    assert.deepEqual(csv.columns.map((c) => `${c.name}:${c.type}`), ['i32:numeric', 'i64:numeric', 'f32:numeric', 'f64:numeric', 's:text', 'cat:text', 'b:boolean']);
    for (const c of csv.columns) assert.equal(c.stats.missing, 1, `${c.name} has one null`);
  });

  for (const codec of Object.keys(NODE_CODECS)) {
    it(`reads a ${codec.toLowerCase()} Parquet file of several row groups like the CSV`, async () => {
      const bytes = parquetOf(data, { codec, rowGroupSize: 17 });
      const meta = parquetMetadata(bytes.slice().buffer as ArrayBuffer);
      assert.equal(meta.row_groups.length, 4);
      assert.ok(meta.row_groups[0].columns.every((c) => c.meta_data?.codec === codec));
      assertSameAsCsv(await readAll('data.parquet', bytes));
    });
  }

  for (const file of ['zstd.parquet', 'lz4raw.parquet', 'lz4hadoop.parquet']) {
    it(`reads ${file} (pages compressed by the zstd and lz4 tools) like the CSV`, async () => {
      const bytes = fixture(file);
      const meta = parquetMetadata(bytes.slice().buffer as ArrayBuffer);
      assert.equal(meta.row_groups.length, 3);
      assertSameAsCsv(await readAll(file, bytes));
    });
  }

  it('covers dictionary-encoded strings: the colour column is stored as a dictionary and read as its categories', async () => {
    const bytes = parquetOf(data);
    const meta = parquetMetadata(bytes.slice().buffer as ArrayBuffer);
    const cat = meta.row_groups[0].columns[5].meta_data!;
    assert.deepEqual(cat.path_in_schema, ['cat']);
    assert.ok(cat.encodings.includes('RLE_DICTIONARY'), cat.encodings.join(','));
    const table = await readAll('data.parquet', bytes);
    const k = table.columns.findIndex((c) => c.name === 'cat');
    assert.equal(table.columns[k].levels, 3);
    assert.deepEqual(table.categoryCodes(k)!.levels, ['blue', 'green', 'red']);
  });

  it('gives the same table for one row group and for many', async () => {
    const one = await readAll('a.parquet', parquetOf(data, { rowGroupSize: 1000 }));
    const many = await readAll('b.parquet', parquetOf(data, { rowGroupSize: 7 }));
    assert.deepEqual(described(many.columns), described(one.columns));
    assert.deepEqual(cellsOf(many), cellsOf(one));
  });

  for (const format of ['file', 'stream'] as const) {
    it(`reads an Arrow IPC ${format} of several record batches (dictionary strings too) like the CSV`, async () => {
      assertSameAsCsv(await readAll(format === 'file' ? 'data.arrow' : 'data.arrows', arrowOf(data, format, 16)));
    });
  }

  for (const file of ['lz4.arrow', 'zstd.arrow']) {
    it(`reads ${file} (buffers compressed by the lz4 and zstd tools) like the CSV`, async () => {
      assertSameAsCsv(await readAll(file, fixture(file)));
    });
  }

  it('decompresses LZ4 frames of linked blocks, whose later blocks copy from earlier ones', async () => {
    const table = await readAll('lz4-linked.arrow', fixture('lz4-linked.arrow'));
    assert.equal(table.nRows, 40_000);
    for (let i = 0; i < table.nRows; i += 997) assert.equal(table.number(i, 0), (i % 97) * 0.5);
    assert.equal(table.number(39_999, 0), (39_999 % 97) * 0.5);
  });

  it('reads a .feather file as Arrow', async () => {
    assertSameAsCsv(await readAll('data.feather', arrowOf(data)));
  });

  it('recognises Parquet and Arrow by extension, else by their first bytes', () => {
    const text = new TextEncoder().encode('a,b\n1,2\n');
    assert.equal(columnarFormat('x.PARQUET', text), 'parquet');
    assert.equal(columnarFormat('x.arrows', text), 'arrow');
    assert.equal(columnarFormat('x.feather', text), 'arrow');
    assert.equal(columnarFormat('x.bin', parquetOf(data).subarray(0, 8)), 'parquet');
    assert.equal(columnarFormat('x.bin', arrowOf(data).subarray(0, 8)), 'arrow');
    assert.equal(columnarFormat('x.bin', arrowOf(data, 'stream').subarray(0, 8)), 'arrow');
    assert.equal(columnarFormat('x.csv', text), null);
    assert.equal(columnarFormat('x', text), null);
  });
});
