// Writes samples/faithful.parquet from samples/faithful.csv (the same 272 rows: eruptions as doubles, waiting as
// 32-bit integers, snappy pages, two row groups), with hyparquet-writer: node scripts/makeSampleParquet.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const [header, ...rows] = fs.readFileSync(path.join(samples, 'faithful.csv'), 'utf8').trim().split(/\r?\n/);
const names = header.split(',').map((n) => n.replace(/"/g, ''));
const cells = rows.map((r) => r.split(','));
const bytes = parquetWriteBuffer({
  columnData: [
    { name: names[0], data: Float64Array.from(cells, (c) => Number(c[0])), type: 'DOUBLE', nullable: false },
    { name: names[1], data: Int32Array.from(cells, (c) => Number(c[1])), type: 'INT32', nullable: false },
  ],
  rowGroupSize: 200,
});
fs.writeFileSync(path.join(samples, 'faithful.parquet'), new Uint8Array(bytes));
console.log(`wrote samples/faithful.parquet (${bytes.byteLength} bytes, ${cells.length} rows)`);
