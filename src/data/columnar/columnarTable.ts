/**
 * The Table of a columnar file (Parquet, Arrow IPC). Opening it reads each column once, piece by piece, for its
 * stats, and keeps nothing per row. `prepare` then decodes only the columns a fit (or an export) needs — numbers
 * into a Float64Array, texts into dictionary codes — and lets the others go, so a wide file costs the memory of
 * the columns fitted, not of the file.
 */
import { columnInfo } from '../columnInfo';
import { NumericStatsAccumulator, TextStatsAccumulator } from '../columnStats';
import { DataError } from '../dataError';
import { ErrorText, FORMAT_NAME, NoticeText } from '../messages';
import { rankLevels, requireFittable, strayNotices } from '../table';
import type { ColumnInfo, DataNotice, PrepareHooks, Table } from '../types';
import { decimalText, float32Text } from './cellText';
import type { ColumnarField, ColumnarSource, ColumnPiece } from './types';

/** A decoded numeric column: values (NaN = missing or not a number) and the texts of cells that are not plain doubles. */
interface NumericStore {
  kind: 'numeric';
  values: Float64Array;
  /** Cells that are not numbers (±Infinity) and exact texts of 64-bit integers beyond 2^53, by row. */
  texts: Map<number, string>;
}

/** A decoded text or true/false column: a code per row (−1 = missing) into its distinct texts. */
interface TextStore {
  kind: 'text';
  codes: Int32Array;
  dict: string[];
}

type Store = NumericStore | TextStore;

export class ColumnarTable implements Table {
  readonly format: 'parquet' | 'arrow';
  readonly nRows: number;
  private lines: Int32Array | undefined;
  private readonly stores: (Store | undefined)[];

  private constructor(
    private readonly source: ColumnarSource,
    private readonly fileName: string,
    readonly columns: ColumnInfo[],
    readonly notices: DataNotice[],
  ) {
    this.format = source.format;
    this.nRows = source.nRows;
    this.stores = new Array(columns.length);
  }

  /**
   * Reads every column's stats (one column at a time, one piece at a time) and builds the table. Throws DataError
   * `no-rows` or `no-numeric-column` as the text readers do, and whatever the source throws.
   */
  static async open(source: ColumnarSource, fileName: string, hooks: PrepareHooks = {}): Promise<ColumnarTable> {
    const notices: DataNotice[] = [];
    if (source.skipped.length > 0) notices.push({ code: 'skipped-columns', message: NoticeText.skippedColumns(fileName, source.skipped) });
    if (source.nRows === 0) throw new DataError('no-rows', fileName, ErrorText.noRowsColumnar(fileName, source.fields.length));
    const total = source.fields.reduce((s, _, k) => s + source.weight(k), 0);
    let done = 0;
    const columns: ColumnInfo[] = [];
    for (let k = 0; k < source.fields.length; k++) {
      columns.push(await describe(source, fileName, k, hooks));
      done += source.weight(k);
      hooks.onProgress?.(done, total);
    }
    requireFittable(fileName, columns);
    notices.push(...strayNotices(fileName, columns));
    return new ColumnarTable(source, fileName, columns, notices);
  }

  /**
   * "Line" of a row of a binary file: its row number, counted from 1 (made when first read: a fit reading the file
   * by row groups never needs it, and it is 4 bytes a row).
   */
  get lineNumbers(): Int32Array {
    if (this.lines) return this.lines;
    const lines = new Int32Array(this.nRows);
    for (let i = 0; i < this.nRows; i++) lines[i] = i + 1;
    return (this.lines = lines);
  }

  /** Rows in each row group a pass can read one at a time (`groupNumbers`); undefined for a file read whole (Arrow). */
  get rowGroups(): readonly number[] | undefined {
    return this.source.readGroup ? this.source.groups : undefined;
  }

  /** Bytes of the file behind these columns (compressed), for a pass's progress. */
  fileBytes(columns: readonly number[]): number {
    return columns.reduce((s, k) => s + this.source.weight(k), 0);
  }

  /**
   * A numeric column's values in one row group, read from the file now (NaN = missing or not a number, as the
   * decoded column holds them); nothing is kept. Throws DataError (a damaged file, a file changed since it was read).
   */
  groupNumbers(column: number, group: number): Float64Array {
    const piece = this.groupPiece(column, group);
    if (piece.kind !== 'numbers') throw new Error(`${this.fileName}: column ${column} is not numeric`);
    const v = piece.values;
    for (let i = 0; i < v.length; i++) if (isNonNumber(v[i])) v[i] = NaN;
    return v;
  }

  /**
   * A column in one row group, read from the file now: each cell as `cell` writes it (made when asked for, so a row
   * group of numbers is not turned into texts all at once), and a numeric column's values as `groupNumbers` gives
   * them. Throws DataError.
   */
  groupColumn(column: number, group: number): { cell(row: number): string | null; numbers: Float64Array | null } {
    const piece = this.groupPiece(column, group);
    if (piece.kind === 'texts') {
      const texts = piece.values;
      return { cell: (i) => texts[i], numbers: null };
    }
    const field = this.source.fields[column], v = piece.values, exact = piece.exact;
    const cells = (i: number): string | null => exact?.get(i) ?? (isNonNumber(v[i]) ? String(v[i]) : v[i] !== v[i] ? null : numberText(v[i], field));
    const numbers = Float64Array.from(v, (x) => (isNonNumber(x) ? NaN : x));
    return { cell: cells, numbers };
  }

  private groupPiece(column: number, group: number): ColumnPiece {
    const read = this.source.readGroup;
    const rows = this.source.groups?.[group];
    if (!read || rows === undefined) throw new Error(`${this.fileName}: row group ${group} cannot be read on its own`);
    const piece = read.call(this.source, column, group);
    if (piece.values.length !== rows) {
      const detail = `column "${this.source.fields[column].name}" holds ${piece.values.length} values for the ${rows} rows of row group ${group + 1}`;
      throw new DataError('corrupt', this.fileName, ErrorText.damaged(this.fileName, FORMAT_NAME[this.source.format], detail), { column: this.source.fields[column].name });
    }
    return piece;
  }

  async prepare(columns: number[], hooks: PrepareHooks = {}): Promise<void> {
    const wanted = new Set(columns);
    for (let k = 0; k < this.stores.length; k++) if (!wanted.has(k)) this.stores[k] = undefined;
    const missing = [...wanted].filter((k) => this.stores[k] === undefined && this.columns[k] !== undefined);
    const total = missing.reduce((s, k) => s + this.source.weight(k), 0);
    let done = 0;
    for (const k of missing) {
      this.stores[k] = await decode(this.source, this.fileName, k, this.nRows, hooks);
      done += this.source.weight(k);
      hooks.onProgress?.(done, total);
    }
  }

  cell(row: number, column: number): string | null {
    const s = this.store(column);
    if (s.kind === 'text') {
      const code = s.codes[row];
      return code < 0 ? null : s.dict[code];
    }
    const v = s.values[row];
    const text = s.texts.get(row);
    if (text !== undefined) return text;
    return v !== v ? null : numberText(v, this.source.fields[column]);
  }

  number(row: number, column: number): number {
    const s = this.store(column);
    return s.kind === 'numeric' ? s.values[row] : NaN;
  }

  numericValues(column: number): Float64Array | null {
    const s = this.store(column);
    return s.kind === 'numeric' ? s.values : null;
  }

  categoryCodes(column: number): { codes: Int32Array; levels: string[] } | null {
    const s = this.store(column);
    if (s.kind === 'text') return rankLevels(s.codes, s.dict);
    const index = new Map<number, number>();
    const texts: string[] = [];
    const raw = new Int32Array(this.nRows);
    for (let i = 0; i < this.nRows; i++) {
      const v = s.values[i];
      if (v !== v) { raw[i] = -1; continue; }
      let code = index.get(v);
      if (code === undefined) { code = texts.length; index.set(v, code); texts.push(this.cell(i, column) ?? String(v)); }
      raw[i] = code;
    }
    return rankLevels(raw, texts);
  }

  private store(column: number): Store {
    const s = this.stores[column];
    // A bug, not bad data: the worker prepares every column it reads.
    if (s === undefined) throw new Error(`${this.fileName}: column ${column} was read before it was prepared`);
    return s;
  }
}

/** A numeric value as the file's type writes it. */
function numberText(v: number, field: ColumnarField): string {
  const t = field.numberText;
  if (t?.kind === 'float32') return float32Text(v);
  if (t?.kind === 'decimal') return decimalText(v, t.scale);
  return String(v);
}

/** Texts of ±Infinity (not numbers: missing in a numeric column, with a notice, as in a CSV file). */
function isNonNumber(v: number): boolean {
  return v === Infinity || v === -Infinity;
}

/** One pass over a column's pieces: its stats. */
async function describe(source: ColumnarSource, fileName: string, k: number, hooks: PrepareHooks): Promise<ColumnInfo> {
  const field = source.fields[k];
  if (field.kind === 'numeric') {
    const acc = new NumericStatsAccumulator();
    let row = 0;
    for await (const piece of pieces(source, fileName, k, 'numbers', hooks)) {
      const values = piece.values;
      for (let i = 0; i < values.length; i++) {
        if (isNonNumber(values[i])) {
          acc.addStray(row + i + 1, String(values[i]));
          values[i] = NaN;
        }
      }
      acc.add(values);
      row += values.length;
    }
    const stats = acc.finish();
    return columnInfo(field.name, stats.count === 0 ? 'empty' : 'numeric', stats, acc.levels, acc.wholeNumbers);
  }
  const acc = new TextStatsAccumulator();
  for await (const piece of pieces(source, fileName, k, 'texts', hooks)) acc.add(piece.values);
  const stats = acc.finish();
  return columnInfo(field.name, stats.count === 0 ? 'empty' : field.kind, stats, null);
}

/** One pass over a column's pieces: its cells, kept. */
async function decode(source: ColumnarSource, fileName: string, k: number, nRows: number, hooks: PrepareHooks): Promise<Store> {
  if (source.fields[k].kind === 'numeric') {
    const values = new Float64Array(nRows);
    const texts = new Map<number, string>();
    let row = 0;
    for await (const piece of pieces(source, fileName, k, 'numbers', hooks)) {
      const v = piece.values;
      for (let i = 0; i < v.length; i++) {
        if (isNonNumber(v[i])) {
          texts.set(row + i, String(v[i]));
          v[i] = NaN;
        }
      }
      values.set(v, row);
      if (piece.exact) for (const [i, text] of piece.exact) texts.set(row + i, text);
      row += v.length;
    }
    return { kind: 'numeric', values, texts };
  }
  const codes = new Int32Array(nRows);
  const dict: string[] = [];
  const index = new Map<string, number>();
  let row = 0;
  for await (const piece of pieces(source, fileName, k, 'texts', hooks)) {
    const v = piece.values;
    for (let i = 0; i < v.length; i++, row++) {
      const t = v[i];
      if (t === null) { codes[row] = -1; continue; }
      let code = index.get(t);
      if (code === undefined) { code = dict.length; dict.push(t); index.set(t, code); }
      codes[row] = code;
    }
  }
  return { kind: 'text', codes, dict };
}

/** The column's pieces, checked: the kind the field promises, and exactly `nRows` rows in all. */
async function* pieces<K extends ColumnPiece['kind']>(
  source: ColumnarSource, fileName: string, k: number, kind: K, hooks: PrepareHooks,
): AsyncGenerator<Extract<ColumnPiece, { kind: K }>> {
  let rows = 0;
  for await (const piece of source.pieces(k)) {
    hooks.checkCancelled?.();
    if (piece.kind !== kind) throw new Error(`column ${source.fields[k].name}: ${piece.kind} where ${kind} were expected`);
    rows += piece.values.length;
    if (rows > source.nRows) { rows = source.nRows + 1; break; }
    yield piece as Extract<ColumnPiece, { kind: K }>;
  }
  if (rows !== source.nRows) {
    const detail = `column "${source.fields[k].name}" holds ${rows === source.nRows + 1 ? 'more' : rows} values for ${source.nRows} rows`;
    throw new DataError('corrupt', fileName, ErrorText.damaged(fileName, FORMAT_NAME[source.format], detail), { column: source.fields[k].name });
  }
}
