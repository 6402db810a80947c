import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  dateDay, dateMillisecond, decimal128, decimal256, decimal32, decimal64, float16, int16, int8, tableFromArrays, tableToIPC, timeMicrosecond,
  timeMillisecond, timeNanosecond, timeSecond, timestamp, TimeUnit, uint16, uint32, uint64, uint8, type DataType,
} from '@uwdata/flechette';
import type { ColumnInfo, Table } from '../../../src/data';
import { columnarFormat, ColumnarTable } from '../../../src/data/columnar';
import { openParquet } from '../../../src/data/columnar/parquetSource';
import { arrowOf, cellsOf, csvOf, fixture, fixtureData, FIXTURES, NODE_CODECS, parquetOf, readAll } from './columnarFiles';
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

  it('reads zstd and LZ4 files made now by the writers and the zstd and lz4 tools (in CI always) like the CSV', async (t) => {
    const tools = ['zstd', 'lz4'].every((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);
    if (!tools) {
      assert.ok(!process.env.CI, 'CI installs the zstd and lz4 tools (.ci/run), so the files are made afresh there');
      t.skip('the zstd and lz4 command-line tools are not installed');
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-columnar-'));
    try {
      const r = spawnSync(process.execPath, [path.join(FIXTURES, 'make_fixtures.mjs'), dir], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'data.json'), 'utf8')), data, 'the same table as the committed files');
      for (const file of ['zstd.parquet', 'lz4raw.parquet', 'lz4hadoop.parquet', 'zstd.arrow', 'lz4.arrow']) {
        const bytes = Uint8Array.from(fs.readFileSync(path.join(dir, file)));
        if (file.endsWith('.parquet')) {
          const codec = { 'zstd.parquet': 'ZSTD', 'lz4raw.parquet': 'LZ4_RAW', 'lz4hadoop.parquet': 'LZ4' }[file];
          assert.ok(parquetMetadata(bytes.slice().buffer as ArrayBuffer).row_groups[0].columns.every((c) => c.meta_data?.codec === codec), file);
        }
        assertSameAsCsv(await readAll(file, bytes));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

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

describe('Arrow IPC column types', () => {
  /** One Arrow IPC file written by flechette with these columns (each with its type), read as the worker reads it. */
  async function arrowColumns(columns: Record<string, [unknown[], DataType]>, format: 'file' | 'stream' = 'file'): Promise<Table> {
    const data = Object.fromEntries(Object.entries(columns).map(([k, [v]]) => [k, v]));
    const types = Object.fromEntries(Object.entries(columns).map(([k, [, t]]) => [k, t]));
    return readAll(format === 'file' ? 'types.arrow' : 'types.arrows', tableToIPC(tableFromArrays(data as never, { types, maxBatchRows: 2 }), { format })!);
  }

  /** Column name and type, each row's cells, and the numbers the fit sees. */
  function shape(table: Table) {
    return {
      columns: table.columns.map((c) => `${c.name}:${c.type}`),
      cells: cellsOf(table),
      numbers: table.columns.map((c, k) => (c.type === 'numeric' ? Array.from({ length: table.nRows }, (_, i) => table.number(i, k)) : null)),
    };
  }

  it('reads small and unsigned integers as numbers, a uint64 beyond 2^53 with its exact digits', async () => {
    for (const format of ['file', 'stream'] as const) {
      const table = await arrowColumns({
        i8: [[-128, 127, null], int8()], i16: [[-32768, 32767, null], int16()], u8: [[0, 255, null], uint8()],
        u16: [[1, 65535, null], uint16()], u32: [[7, 4_294_967_295, null], uint32()], u64: [[3n, 18_446_744_073_709_551_615n, null], uint64()],
      }, format);
      assert.deepEqual(shape(table), {
        columns: ['i8:numeric', 'i16:numeric', 'u8:numeric', 'u16:numeric', 'u32:numeric', 'u64:numeric'],
        cells: [['-128', '-32768', '0', '1', '7', '3'], ['127', '32767', '255', '65535', '4294967295', '18446744073709551615'], [null, null, null, null, null, null]],
        numbers: [[-128, 127, NaN], [-32768, 32767, NaN], [0, 255, NaN], [1, 65535, NaN], [7, 4_294_967_295, NaN], [3, 2 ** 64, NaN]],
      });
    }
  });

  it('reads half floats as numbers (their exact value: 0.1 is stored as 0.0999755859375)', async () => {
    const table = await arrowColumns({ h: [[0.5, -2.5, null, 65504, 0.1], float16()] });
    assert.deepEqual(shape(table), {
      columns: ['h:numeric'], cells: [['0.5'], ['-2.5'], [null], ['65504'], ['0.0999755859375']], numbers: [[0.5, -2.5, NaN, 65504, 0.0999755859375]],
    });
  });

  it('reads decimals of 32, 64, 128 and 256 bits with their scale, and beyond a double\'s digits with their exact digits', async () => {
    // flechette writes a 32-bit decimal from a number scaled by `scale` instead of 10^scale: given unscaled here.
    const table = await arrowColumns({
      d32: [[1230n, -5n, null], decimal32(9, 2)],
      d64: [[12.3, -0.05, null], decimal64(18, 2)],
      d128: [[1_234_567_890_123_456_789_012n, -5n, null], decimal128(38, 2)],
      d256: [[12.3, -0.05, null], decimal256(60, 3)],
    });
    assert.deepEqual(shape(table), {
      columns: ['d32:numeric', 'd64:numeric', 'd128:numeric', 'd256:numeric'],
      cells: [['12.30', '12.30', '12345678901234567890.12', '12.300'], ['-0.05', '-0.05', '-0.05', '-0.050'], [null, null, null, null]],
      numbers: [[12.3, -0.05, NaN], [12.3, -0.05, NaN], [Number('12345678901234567890.12'), -0.05, NaN], [12.3, -0.05, NaN]],
    });
  });

  it('reads dates, times and timestamps (s, ms, us, ns; with and without a time zone) as ISO 8601 text, local ones without "Z"', async () => {
    const at = new Date('2024-01-05T10:20:30.123Z');
    const whole = new Date('2024-01-05T10:20:30Z');
    const table = await arrowColumns({
      day: [[new Date('2024-01-05'), new Date('1969-12-31'), null], dateDay()],
      day_ms: [[new Date('2024-01-05'), new Date('1969-12-31'), null], dateMillisecond()],
      ts_s: [[whole, new Date(-1000), null], timestamp(TimeUnit.SECOND)],
      ts_ms: [[at, new Date(-1), null], timestamp(TimeUnit.MILLISECOND)],
      // flechette takes milliseconds and multiplies: 123.5 ms is 123,500 us.
      ts_us: [[at.getTime() + 0.5, -1, null], timestamp(TimeUnit.MICROSECOND)],
      ts_ns: [[whole, new Date(-1000), null], timestamp(TimeUnit.NANOSECOND)],
      ts_ms_tz: [[at, new Date(0), null], timestamp(TimeUnit.MILLISECOND, 'Europe/Berlin')],
      ts_ns_tz: [[whole, new Date(0), null], timestamp(TimeUnit.NANOSECOND, 'UTC')],
      t_s: [[3723, 0, null], timeSecond()],
      t_ms: [[3_723_004, 0, null], timeMillisecond()],
      t_us: [[3_723_000_005n, 0n, null], timeMicrosecond()],
      t_ns: [[3_723_000_000_007n, 0n, null], timeNanosecond()],
    });
    const { columns, cells } = shape(table);
    assert.ok(columns.every((c) => c.endsWith(':text')), columns.join(' '));
    assert.deepEqual(cells, [
      // Without a time zone: local date-times, no "Z"; with one (any zone): instants, in UTC.
      ['2024-01-05', '2024-01-05', '2024-01-05T10:20:30', '2024-01-05T10:20:30.123', '2024-01-05T10:20:30.123500', '2024-01-05T10:20:30',
        '2024-01-05T10:20:30.123Z', '2024-01-05T10:20:30Z', '01:02:03', '01:02:03.004', '01:02:03.000005', '01:02:03.000000007'],
      ['1969-12-31', '1969-12-31', '1969-12-31T23:59:59', '1969-12-31T23:59:59.999', '1969-12-31T23:59:59.999000', '1969-12-31T23:59:59',
        '1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '00:00:00', '00:00:00', '00:00:00', '00:00:00'],
      Array(12).fill(null),
    ]);
  });

  it('reads large and view strings and the types only another writer makes (types.arrow, written by pyarrow)', async () => {
    const table = await readAll('types.arrow', fixture('types.arrow'));
    assert.deepEqual(shape(table), {
      columns: ['view:text', 'large:text', 'half:numeric', 'd32:numeric', 'd128:numeric', 'd256:numeric', 'us:text', 'ns_tz:text', 'day:text', 'day_ms:text', 'clock_ns:text'],
      cells: [
        ['short', 'a', '0.5', '12.30', '12345678901234567890.12', `1${'0'.repeat(40)}.5`, '2024-01-05T10:20:30.123456', '2024-01-05T10:20:30.123456789Z', '2024-01-05', '2024-01-05', '01:02:03.000000007'],
        ['a string longer than twelve bytes', null, '-2.5', '-0.05', '-0.05', '7.0', '1969-12-31T23:59:59.999999', '1969-12-31T23:59:59.999999999Z', '1969-12-31', '1969-12-31', '00:00:00'],
        [null, 'bé', null, null, null, null, null, null, null, null, null],
        ['é', '', '65504', '9999999.99', '-98765432109876543210.99', '-3.1', '1970-01-01T00:00:00', '1970-01-01T00:00:00Z', '1970-01-01', '1970-01-01', '23:59:59.999999999'],
      ],
      numbers: [null, null, [0.5, -2.5, NaN, 65504], [12.3, -0.05, NaN, 9999999.99], [Number('12345678901234567890.12'), -0.05, NaN, Number('-98765432109876543210.99')],
        [1e40 + 0.5, 7, NaN, -3.1], null, null, null, null, null],
    });
    assert.deepEqual(table.notices.filter((n) => n.code === 'skipped-columns'), []);
  });
});

describe('Parquet column types', () => {
  /** Column name and type, each row's cells, and the numbers the fit sees. */
  function shape(table: Table) {
    return {
      columns: table.columns.map((c) => `${c.name}:${c.type}`),
      cells: cellsOf(table),
      numbers: table.columns.map((c, k) => (c.type === 'numeric' ? Array.from({ length: table.nRows }, (_, i) => table.number(i, k)) : null)),
    };
  }

  /** One Parquet file written by hyparquet-writer with these schema elements and values. */
  function parquetColumns(columns: [Record<string, unknown>, unknown[]][], rowGroupSize = 1000): Uint8Array {
    return new Uint8Array(parquetWriteBuffer({
      columnData: columns.map(([e, data]) => ({ name: e.name as string, data })),
      schema: [{ name: 'root', num_children: columns.length }, ...columns.map(([e]) => ({ repetition_type: 'OPTIONAL', ...e }))],
      rowGroupSize,
    } as never));
  }

  /** 16 bytes of two's complement, big-endian (what the writer makes of a DECIMAL value; the logical type alone it leaves to us). */
  const bytes16 = (v: bigint | null) => v === null ? null : Uint8Array.from({ length: 16 }, (_, i) => Number(BigInt.asUintN(128, v) >> BigInt(8 * (15 - i)) & 0xffn));
  const dec = (precision: number, scale: number) => ({ converted_type: 'DECIMAL', scale, precision, logical_type: { type: 'DECIMAL', scale, precision } });

  it('reads decimals stored as INT32, INT64 and FIXED_LEN_BYTE_ARRAY with their scale, beyond a double\'s digits with their exact digits', async () => {
    const bytes = parquetColumns([
      [{ name: 'd9', type: 'INT32', ...dec(9, 2) }, [1230n, -5n, null, 999_999_999n]],
      [{ name: 'd18', type: 'INT64', ...dec(18, 4) }, [123_456_789_012_345_678n, -1n, null, -999_999_999_999_999_999n]],
      [{ name: 'd38', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, ...dec(38, 2) }, [1_234_567_890_123_456_789_012n, -9_876_543_210_987_654_321_099n, null, -5n]],
      // Only the converted type (older writers), and only the logical type.
      [{ name: 'legacy', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18 }, [123_456_789_012_345_678n, 1230n, null, -5n]],
      [{ name: 'logical', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'DECIMAL', scale: 2, precision: 38 } }, [1_234_567_890_123_456_789_012n, 1230n, null, -5n].map(bytes16)],
    ]);
    assert.deepEqual(shape(await readAll('decimals.parquet', bytes)), {
      columns: ['d9:numeric', 'd18:numeric', 'd38:numeric', 'legacy:numeric', 'logical:numeric'],
      cells: [
        ['12.30', '12345678901234.5678', '12345678901234567890.12', '1234567890123456.78', '12345678901234567890.12'],
        ['-0.05', '-0.0001', '-98765432109876543210.99', '12.30', '12.30'],
        [null, null, null, null, null],
        ['9999999.99', '-99999999999999.9999', '-0.05', '-0.05', '-0.05'],
      ],
      numbers: [
        [12.3, -0.05, NaN, 9999999.99],
        [Number('12345678901234.5678'), -0.0001, NaN, Number('-99999999999999.9999')],
        [Number('12345678901234567890.12'), Number('-98765432109876543210.99'), NaN, -0.05],
        [Number('1234567890123456.78'), 12.3, NaN, -0.05],
        [Number('12345678901234567890.12'), 12.3, NaN, -0.05],
      ],
    });
  });

  it('reads a BYTE_ARRAY decimal with its exact digits too, and leaves the file\'s schema as it was', async () => {
    const big = 1_234_567_890_123_456_789_012n;
    const bytes = parquetColumns([[{ name: 'b', type: 'BYTE_ARRAY', ...dec(24, 2) }, [1230n, -5n, null, 900_719_925_474_099_1n, big]]]);
    assert.deepEqual(shape(await readAll('bytes.parquet', bytes)), {
      columns: ['b:numeric'], cells: [['12.30'], ['-0.05'], [null], ['90071992547409.91'], ['12345678901234567890.12']],
      numbers: [[12.3, -0.05, NaN, 90071992547409.91, Number('12345678901234567890.12')]],
    });
    // Decoding goes through a copy of the column's schema element: the metadata keeps its converted type.
    const source = await openParquet('bytes.parquet', () => ({ byteLength: bytes.length, read: (a, b) => bytes.slice(a, b), close: () => undefined }));
    await ColumnarTable.open(source, 'bytes.parquet');
    assert.equal((source as unknown as { metadata: { schema: { converted_type?: string }[] } }).metadata.schema[1].converted_type, 'DECIMAL');
  });

  it('reads dictionary-encoded decimals of several row groups with their exact digits', async () => {
    const big = 1_234_567_890_123_456_789_012n;
    const rows = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? big : i % 3 === 1 ? -big : null));
    const bytes = parquetColumns([
      [{ name: 'd38', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, ...dec(38, 2) }, rows],
      [{ name: 'd18', type: 'INT64', ...dec(18, 2) }, rows.map((v) => (v === null ? null : v / 10_000n))],
    ], 10);
    const meta = parquetMetadata(bytes.buffer as ArrayBuffer);
    assert.ok(meta.row_groups.length === 3 && meta.row_groups[0].columns.every((c) => c.meta_data?.encodings.includes('RLE_DICTIONARY')), 'dictionary pages, 3 row groups');
    const cells = cellsOf(await readAll('dict.parquet', bytes));
    assert.deepEqual(cells.slice(0, 3), [['12345678901234567890.12', '1234567890123456.78'], ['-12345678901234567890.12', '-1234567890123456.78'], [null, null]]);
    assert.deepEqual(cells.slice(27), cells.slice(0, 3));
  });

  it('writes timestamps adjusted to UTC with a "Z", local ones (isAdjustedToUTC false) without', async () => {
    const ms = 1_704_450_030_123n; // 2024-01-05T10:20:30.123
    const ts = (isAdjustedToUTC: boolean, unit: string) => ({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC, unit } });
    const bytes = parquetColumns([
      // Writers annotate local MILLIS and MICROS timestamps with the legacy converted type too; the logical type says which.
      [{ name: 'local_ms', ...ts(false, 'MILLIS'), converted_type: 'TIMESTAMP_MILLIS' }, [ms, -1n, null]],
      [{ name: 'local_us', ...ts(false, 'MICROS'), converted_type: 'TIMESTAMP_MICROS' }, [ms * 1000n + 456n, -1n, null]],
      [{ name: 'local_ns', ...ts(false, 'NANOS') }, [ms * 1_000_000n + 456_789n, -1n, null]],
      [{ name: 'utc_ms', ...ts(true, 'MILLIS'), converted_type: 'TIMESTAMP_MILLIS' }, [ms, -1n, null]],
      [{ name: 'utc_ns', ...ts(true, 'NANOS') }, [ms * 1_000_000n, 0n, null]],
      // Only the legacy converted type: UTC-normalized, as the format's backward-compatibility table says.
      [{ name: 'legacy_ms', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }, [ms, 0n, null]],
      [{ name: 'legacy_us', type: 'INT64', converted_type: 'TIMESTAMP_MICROS' }, [ms * 1000n, 0n, null]],
    ]);
    assert.deepEqual(shape(await readAll('times.parquet', bytes)), {
      columns: ['local_ms:text', 'local_us:text', 'local_ns:text', 'utc_ms:text', 'utc_ns:text', 'legacy_ms:text', 'legacy_us:text'],
      cells: [
        ['2024-01-05T10:20:30.123', '2024-01-05T10:20:30.123456', '2024-01-05T10:20:30.123456789', '2024-01-05T10:20:30.123Z', '2024-01-05T10:20:30.123000000Z',
          '2024-01-05T10:20:30.123Z', '2024-01-05T10:20:30.123000Z'],
        ['1969-12-31T23:59:59.999', '1969-12-31T23:59:59.999999', '1969-12-31T23:59:59.999999999', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z',
          '1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
        Array(7).fill(null),
      ],
      numbers: Array(7).fill(null),
    });
  });

  it('reads types.parquet and int96.parquet (written by pyarrow): INT32/INT64/FIXED_LEN_BYTE_ARRAY decimals, local and UTC timestamps, INT96', async () => {
    assert.deepEqual(shape(await readAll('types.parquet', fixture('types.parquet'))), {
      columns: ['d9:numeric', 'd18:numeric', 'd38:numeric', 'local_ms:text', 'local_us:text', 'local_ns:text', 'utc_ms:text', 'berlin_us:text'],
      cells: [
        ['12.30', '12345678901234.5678', '12345678901234567890.12', '2024-01-05T10:20:30.123', '2024-01-05T10:20:30.123456', '2024-01-05T10:20:30.123456789',
          '2024-01-05T10:20:30.123Z', '2024-01-05T10:20:30.123456Z'],
        ['-0.05', '-0.0001', '-98765432109876543210.99', '1969-12-31T23:59:59.999', '1969-12-31T23:59:59.999999', '1969-12-31T23:59:59.999999999',
          '1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999999Z'],
        Array(8).fill(null),
        ['9999999.99', '-99999999999999.9999', '-0.05', '1970-01-01T00:00:00', '1970-01-01T00:00:00', '1970-01-01T00:00:00', '1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z'],
      ],
      numbers: [
        [12.3, -0.05, NaN, 9999999.99],
        [Number('12345678901234.5678'), -0.0001, NaN, Number('-99999999999999.9999')],
        [Number('12345678901234567890.12'), Number('-98765432109876543210.99'), NaN, -0.05],
        ...Array(5).fill(null),
      ],
    });
    // INT96 has no time zone in the format; it is read as the UTC instants Hive, Impala and Spark wrote, with "Z".
    const int96 = cellsOf(await readAll('int96.parquet', fixture('int96.parquet')));
    assert.deepEqual(int96, [
      ['2024-01-05T10:20:30.123000000Z', '2024-01-05T10:20:30.123456000Z', '2024-01-05T10:20:30.123456789Z', '2024-01-05T10:20:30.123000000Z', '2024-01-05T10:20:30.123456000Z'],
      ['1969-12-31T23:59:59.999000000Z', '1969-12-31T23:59:59.999999000Z', '1969-12-31T23:59:59.999999999Z', '1969-12-31T23:59:59.999000000Z', '1969-12-31T23:59:59.999999000Z'],
      Array(5).fill(null),
      Array(5).fill('1970-01-01T00:00:00Z'),
    ]);
  });
});
