/**
 * How each Parquet column is read, from its schema: numbers (ints of any width, floats, doubles, decimals),
 * true/false, texts (strings, enums, JSON, UUIDs; dates, times and timestamps as ISO 8601 text), or left out
 * (nested groups, lists, maps, raw binary, intervals, geometry). Each readable kind comes with the function that
 * turns hyparquet's decoded values into a piece.
 */
import type { SchemaElement } from 'hyparquet';
import { dateText, decimalValue, instantText, timeOfDayText, type TimeUnit } from './cellText';
import { numbersPiece, plainValue, type NumberOrDigits } from './numbersPiece';
import type { ColumnarField, ColumnPiece } from './types';

/** What hyparquet hands over for one column chunk: a typed array, or an array with null/undefined for nulls. */
export type Decoded = ArrayLike<unknown>;

/** A readable column: its field and the conversion of its decoded values. */
export interface ParquetColumn {
  field: ColumnarField;
  toPiece(values: Decoded): ColumnPiece;
  /** How hyparquet is to decode the column when not as its schema says: the element to hand it, and whether bytes are UTF-8 text. */
  decodeAs?: { element: SchemaElement; utf8: boolean };
}

const UNITS: Record<string, TimeUnit> = { MILLIS: 'ms', MICROS: 'us', NANOS: 'ns' };

/**
 * How a top-level column is read, or why it is left out.
 * @param element the column's schema element (a leaf: a group has children and is left out by the caller)
 */
export function parquetColumn(element: SchemaElement): ParquetColumn | { why: string } {
  const { type, converted_type: ctype, logical_type: ltype } = element;
  const name = element.name;
  if (element.repetition_type === 'REPEATED') return { why: 'a repeated field (a list)' };
  // Dates and times first: they are stored as integers.
  if (ctype === 'DATE' || ltype?.type === 'DATE') return text(name, (v) => dateText(Number(v)));
  if (ctype === 'TIMESTAMP_MILLIS' || ctype === 'TIMESTAMP_MICROS' || ltype?.type === 'TIMESTAMP' || type === 'INT96') {
    const unit: TimeUnit = type === 'INT96' ? 'ns' : ltype?.type === 'TIMESTAMP' ? UNITS[ltype.unit] : ctype === 'TIMESTAMP_MILLIS' ? 'ms' : 'us';
    // An instant ("Z") or a local date-time (no "Z"). The logical type says which (isAdjustedToUTC), and wins over the
    // converted type: the format has writers annotate local MILLIS/MICROS timestamps with TIMESTAMP_MILLIS/MICROS
    // too. A converted type alone is UTC-normalized (the format's backward-compatibility table:
    // TIMESTAMP_MILLIS/MICROS = TIMESTAMP(isAdjustedToUTC=true)). INT96, deprecated, has no meaning in the format;
    // it is read as the instants Hive, Impala and Spark (which wrote it) meant, in UTC.
    const utc = ltype?.type === 'TIMESTAMP' ? ltype.isAdjustedToUTC : true;
    return text(name, (v) => instantText(v as bigint | number, unit, utc));
  }
  if (ctype === 'TIME_MILLIS' || ctype === 'TIME_MICROS' || ltype?.type === 'TIME') {
    const unit: TimeUnit = ltype?.type === 'TIME' ? UNITS[ltype.unit] : ctype === 'TIME_MILLIS' ? 'ms' : 'us';
    return text(name, (v) => timeOfDayText(v as bigint | number, unit));
  }
  if (ctype === 'DECIMAL' || ltype?.type === 'DECIMAL') return decimal(element);
  if (ctype === 'INTERVAL' || ltype?.type === 'INTERVAL') return { why: 'an interval' };
  if (ctype === 'BSON' || ltype?.type === 'BSON') return { why: 'BSON' };
  if (ltype?.type === 'GEOMETRY' || ltype?.type === 'GEOGRAPHY') return { why: 'geometry' };
  if (ltype?.type === 'VARIANT' || ltype?.type === 'FILE') return { why: 'a variant' };
  switch (type) {
    case 'BOOLEAN':
      return { field: { name, kind: 'boolean' }, toPiece: (values) => texts(values, (v) => (v ? 'true' : 'false')) };
    case 'INT32':
    case 'INT64':
    case 'DOUBLE':
      return numeric(name, { kind: 'double' });
    case 'FLOAT':
      return numeric(name, { kind: 'float32' });
    case 'FIXED_LEN_BYTE_ARRAY':
      if (ltype?.type === 'FLOAT16') return numeric(name, { kind: 'double' });
      if (ltype?.type === 'UUID') return text(name, String);
      return { why: 'binary' };
    case 'BYTE_ARRAY':
      // Strings, enums and JSON; bytes without a type are read as UTF-8 text too, as older writers stored strings so.
      return text(name, (v) => (typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v)));
    default:
      return { why: `of type ${String(type)}` };
  }
}

/**
 * A decimal column: its value is the unscaled integer over 10^scale, correctly rounded; one a double cannot hold (a
 * decimal(38, 2) of 20 digits, a decimal(18, 4) beyond 2^53) keeps its exact digits in the piece's `exact` map, as
 * 64-bit integers do, instead of a double's digits written out to the scale ("12345678901234567168.00").
 *
 * hyparquet divides by 10^scale itself, through a double, when the converted type says DECIMAL, and its `parsers`
 * have no hook for decimals. So the column is decoded (`decodeAs`) through a copy of its schema element without the
 * converted type (a logical type DECIMAL in its place, so the copy still says what it holds), and with bytes not
 * taken for UTF-8 text: hyparquet then hands over the unscaled integers (Int32Array, BigInt64Array) and bytes
 * (FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY) as they are.
 */
function decimal(element: SchemaElement): ParquetColumn {
  const { converted_type: ctype, logical_type: ltype } = element;
  const scale = ltype?.type === 'DECIMAL' ? ltype.scale : element.scale ?? 0;
  const plain: SchemaElement = { ...element, logical_type: ltype?.type === 'DECIMAL' ? ltype : { type: 'DECIMAL', scale, precision: element.precision ?? 0 } };
  if (ctype === 'DECIMAL') delete plain.converted_type;
  return {
    ...numeric(element.name, { kind: 'decimal', scale }, (v) => decimalValue(unscaledDecimal(v), scale)),
    decodeAs: { element: plain, utf8: false },
  };
}

/**
 * A numeric column; `convert` turns a non-null decoded value into its number, or into the exact text of a value a
 * double cannot hold (plain numbers and bigints when absent).
 */
function numeric(name: string, numberText: ColumnarField['numberText'], convert: (v: unknown) => NumberOrDigits = plainValue): ParquetColumn {
  return {
    field: { name, kind: 'numeric', numberText },
    toPiece(values) {
      const plain = values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint32Array;
      if (convert === plainValue && plain) return { kind: 'numbers', values: Float64Array.from(values as ArrayLike<number>) };
      return numbersPiece(values.length, (i) => values[i], convert);
    },
  };
}

function text(name: string, format: (v: unknown) => string): ParquetColumn {
  return { field: { name, kind: 'text' }, toPiece: (values) => texts(values, format) };
}

function texts(values: Decoded, format: (v: unknown) => string): ColumnPiece {
  const out = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? null : format(v);
  }
  return { kind: 'texts', values: out };
}

/** The unscaled integer of a decimal: a number (INT32), a bigint (INT64), or big-endian two's complement bytes. */
function unscaledDecimal(v: unknown): bigint | number {
  if (typeof v === 'bigint') return v;
  if (!(v instanceof Uint8Array)) return typeof v === 'number' ? v : NaN;
  if (v.length === 0) return 0;
  let value = 0n;
  for (const b of v) value = (value << 8n) | BigInt(b);
  if (v[0] & 0x80) value -= 1n << BigInt(8 * v.length);
  return value;
}
