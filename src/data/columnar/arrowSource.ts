/**
 * Arrow IPC files (.arrow, .feather version 2) and streams (.arrows) through flechette. The IPC format is the
 * columns' own memory layout, so the file's bytes are the table: flechette reads record batches as views over
 * them (decompressing LZ4- or zstd-compressed buffers as it opens the file), and a column's values are turned into
 * numbers or texts only when the table asks for that column.
 */
import { CompressionType, Precision, setCompressionCodec, tableFromIPC, TimeUnit as ArrowTimeUnit, Type, type Table as ArrowTable } from '@uwdata/flechette';
import { decompressZstd } from 'hyparquet-compressors';
import { DataError } from '../dataError';
import { ErrorText, FORMAT_NAME } from '../messages';
import { dateText, decimalValue, instantText, timeOfDayText, type TimeUnit } from './cellText';
import { decodeLz4Frame } from './lz4Frame';
import { numbersPiece, plainValue } from './numbersPiece';
import type { ColumnarField, ColumnarSource, ColumnPiece } from './types';

const readOnly = (): Uint8Array => { throw new Error('EM Explorer does not write Arrow files'); };
setCompressionCodec(CompressionType.LZ4_FRAME, { decode: decodeLz4Frame, encode: readOnly });
setCompressionCodec(CompressionType.ZSTD, { decode: (bytes) => decompressZstd(bytes), encode: readOnly });

const MS_PER_DAY = 86_400_000;
const UNIT: Record<number, TimeUnit> = {
  [ArrowTimeUnit.SECOND]: 's', [ArrowTimeUnit.MILLISECOND]: 'ms', [ArrowTimeUnit.MICROSECOND]: 'us', [ArrowTimeUnit.NANOSECOND]: 'ns',
};

/** The part of a flechette batch this reader uses. */
interface Batch {
  length: number;
  at(i: number): unknown;
}

/** How a column's values become a piece. */
type Reader = { field: ColumnarField; toPiece(batch: Batch): ColumnPiece };

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

function startsWithMagic(bytes: Uint8Array, at: number): boolean {
  return at >= 0 && MAGIC.every((b, k) => bytes[at + k] === b);
}

/** Whether bytes start like an Arrow IPC file ("ARROW1") or stream (a 0xFFFFFFFF continuation marker). */
export function isArrow(head: Uint8Array): boolean {
  return startsWithMagic(head, 0) || (head.length >= 4 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff);
}

/**
 * Opens Arrow IPC bytes (the whole file). Throws DataError `corrupt` (not Arrow, truncated, damaged) or
 * `unsupported` (a compression or feature flechette does not read).
 */
export function openArrow(fileName: string, bytes: Uint8Array): ColumnarSource {
  const damaged = (detail: string) => new DataError('corrupt', fileName, ErrorText.damaged(fileName, FORMAT_NAME.arrow, detail));
  if (bytes.length === 0) throw damaged('it is empty');
  if (bytes[0] === 0x46 && bytes[1] === 0x45 && bytes[2] === 0x41 && bytes[3] === 0x31) { // "FEA1"
    throw new DataError('unsupported', fileName, ErrorText.featherV1(fileName));
  }
  const n = bytes.length;
  if (startsWithMagic(bytes, 0) && !startsWithMagic(bytes, n - 6)) throw damaged('it does not end with the Arrow signature "ARROW1": the end of the file is missing');
  let table: ArrowTable;
  try {
    table = tableFromIPC(bytes, { useBigInt: true, useBigIntTimestamp: true, useDate: false, useDecimalInt: true });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/compression codec/i.test(detail)) throw new DataError('unsupported', fileName, ErrorText.unsupported(fileName, FORMAT_NAME.arrow, detail));
    throw damaged(detail);
  }
  return new ArrowSource(fileName, table, bytes.byteLength);
}

class ArrowSource implements ColumnarSource {
  readonly format = 'arrow';
  readonly nRows: number;
  readonly fields: ColumnarField[] = [];
  readonly skipped: ColumnarSource['skipped'] = [];
  private readonly readers: Reader[] = [];
  private readonly columnIndex: number[] = [];

  constructor(private readonly fileName: string, private readonly table: ArrowTable, private readonly byteLength: number) {
    this.nRows = table.numRows;
    table.schema.fields.forEach((f, k) => {
      const reader = readerFor(f.name, f.type as ArrowType);
      if ('why' in reader) this.skipped.push({ name: f.name, why: reader.why });
      else {
        this.readers.push(reader);
        this.fields.push(reader.field);
        this.columnIndex.push(k);
      }
    });
  }

  weight(): number {
    return this.byteLength / Math.max(1, this.fields.length);
  }

  async *pieces(column: number): AsyncIterable<ColumnPiece> {
    const reader = this.readers[column];
    const batches = this.table.getChildAt(this.columnIndex[column]).data as unknown as Batch[];
    for (const batch of batches) {
      try {
        yield reader.toPiece(batch);
      } catch (e) {
        if (e instanceof DataError) throw e;
        const detail = `column "${reader.field.name}": ${e instanceof Error ? e.message : String(e)}`;
        throw new DataError('corrupt', this.fileName, ErrorText.damaged(this.fileName, FORMAT_NAME.arrow, detail), { column: reader.field.name });
      }
    }
  }
}

/** The parts of flechette's data types this reader looks at. */
interface ArrowType {
  typeId: number;
  precision?: number;
  scale?: number;
  unit?: number;
  /** Timestamps: the time zone, or null/empty for a local date-time. */
  timezone?: string | null;
  dictionary?: ArrowType;
}

function readerFor(name: string, type: ArrowType): Reader | { why: string } {
  // A dictionary column reads as its values do (flechette looks each code up).
  const t = type.typeId === Type.Dictionary && type.dictionary ? type.dictionary : type;
  switch (t.typeId) {
    case Type.Int:
      return numeric(name, { kind: 'double' });
    case Type.Float:
      return numeric(name, { kind: t.precision === Precision.SINGLE ? 'float32' : 'double' });
    case Type.Decimal:
      return decimal(name, t.scale ?? 0);
    case Type.Bool:
      return text(name, 'boolean', (v) => (v ? 'true' : 'false'));
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return text(name, 'text', String);
    case Type.Null:
      return text(name, 'text', String);
    case Type.Date:
      // Without useDate flechette gives milliseconds since 1970 for both date units.
      return text(name, 'text', (v) => dateText(Math.floor(Number(v) / MS_PER_DAY)));
    case Type.Timestamp: {
      // With a time zone (any: the count is since 1970-01-01 UTC) an instant, written in UTC with "Z"; without one a
      // local date-time ("wall clock" in the Arrow format's words), written without the "Z" that would claim UTC.
      const utc = t.timezone !== undefined && t.timezone !== null && t.timezone !== '';
      return text(name, 'text', (v) => instantText(v as bigint | number, UNIT[t.unit ?? ArrowTimeUnit.MILLISECOND], utc));
    }
    case Type.Time:
      return text(name, 'text', (v) => timeOfDayText(v as bigint | number, UNIT[t.unit ?? ArrowTimeUnit.MILLISECOND]));
    case Type.Binary: case Type.LargeBinary: case Type.BinaryView: case Type.FixedSizeBinary:
      return { why: 'binary' };
    case Type.Duration: return { why: 'a duration' };
    case Type.Interval: return { why: 'an interval' };
    default:
      return { why: 'nested: a list, struct, map or union' };
  }
}

function numeric(name: string, numberText: ColumnarField['numberText']): Reader {
  return { field: { name, kind: 'numeric', numberText }, toPiece: (batch) => numbersPiece(batch.length, (i) => batch.at(i), plainValue) };
}

/**
 * A decimal column. flechette hands over the unscaled integers (a number for 32-bit decimals, a bigint for wider
 * ones): the value is that integer over 10^scale, correctly rounded as the CSV reader reads "12.30"; one whose
 * integer a double cannot hold (a decimal(38, 2) of 20 digits) keeps its exact digits for exports, as 64-bit
 * integers do, instead of a double's digits written out to the scale ("12345678901234567168.00").
 */
function decimal(name: string, scale: number): Reader {
  return {
    field: { name, kind: 'numeric', numberText: { kind: 'decimal', scale } },
    toPiece: (batch) => numbersPiece(batch.length, (i) => batch.at(i), (v) => decimalValue(v as bigint | number, scale)),
  };
}

function text(name: string, kind: 'text' | 'boolean', format: (v: unknown) => string): Reader {
  return {
    field: { name, kind },
    toPiece(batch) {
      const out = new Array<string | null>(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const v = batch.at(i);
        out[i] = v === null || v === undefined ? null : format(v);
      }
      return { kind: 'texts', values: out };
    },
  };
}
