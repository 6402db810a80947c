import { Column } from './column';
import { DataError } from './dataError';
import { cellBudget, MAX_COLUMNS, MAX_FIELD_LENGTH } from './limits';
import { LineNumbers } from './lineNumbers';
import { ErrorText } from './messages';
import { buildTable, uniqueNames } from './table';
import type { DataFormat, DataNotice, Table } from './types';

/**
 * Collects JSON records (objects or arrays) into columns. Object columns are the union of keys in order of first
 * appearance; a nested object is flattened one level (`{"a": {"b": 1}}` gives column `a.b`); deeper values are
 * kept as their JSON text. A record without some key gets a missing cell there.
 *
 * Bounded: at most MAX_COLUMNS columns, strings of at most MAX_FIELD_LENGTH, and no more cells than
 * `cellBudget(textLength)`, so records that each bring new keys cannot make a table far larger than the file.
 */
export class RecordTable {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly columns: Column[] = [];
  private readonly lines = new LineNumbers();
  private readonly lastKeys: string[] = [];
  private readonly lastColumns: Column[] = [];
  readonly notices: DataNotice[] = [];
  /** Characters of JSON read so far (the reader keeps it up to date): the cell budget grows with it. */
  textLength = 0;
  /** Line of the record being added, for messages. */
  private line = 1;

  constructor(
    private readonly fileName: string,
    private readonly format: DataFormat,
  ) {}

  /** Rows so far. */
  get nRows(): number {
    return this.lines.length;
  }

  /** Adds one object as a row that starts on `line`. */
  addObject(record: Record<string, unknown>, line: number): void {
    const row = this.lines.length;
    this.line = line;
    const keys = Object.keys(record);
    const lastKeys = this.lastKeys;
    for (let p = 0; p < keys.length; p++) {
      const key = keys[p];
      const value = record[key];
      if (isPlainObject(value)) {
        for (const sub of Object.keys(value)) this.put(`${key}.${sub}`, value[sub], row);
        continue;
      }
      // Records of one file mostly list the same keys in the same order: compare with the last record's key at
      // this position (JSON.parse interns keys, so this is a pointer compare) before asking the Map.
      let column: Column;
      if (lastKeys[p] === key) column = this.lastColumns[p];
      else {
        column = this.column(key, row);
        lastKeys[p] = key;
        this.lastColumns[p] = column;
      }
      if (column.length === row) this.push(column, value);
    }
    this.endRow(row, line);
  }

  /** Adds one array as a row: its k-th value goes to the k-th column (named column1… unless `setNames` says). */
  addArray(values: unknown[], line: number): void {
    const row = this.lines.length;
    this.line = line;
    if (values.length > MAX_COLUMNS) {
      const f = this.fileName;
      throw new DataError('too-many-columns', f, ErrorText.tooManyValues(f, line, MAX_COLUMNS), { line });
    }
    for (let k = 0; k < values.length; k++) this.put(k < this.names.length ? this.names[k] : `column${k + 1}`, values[k], row);
    this.endRow(row, line);
  }

  /** Names the columns of array rows (from a header row); duplicates and empty names are fixed with a notice. */
  setNames(raw: string[]): void {
    for (const name of uniqueNames(this.fileName, raw, this.notices)) this.column(name, 0);
  }

  /** Finishes the columns and builds the Table (throws when nothing can be fitted). */
  finish(extraNotices: DataNotice[] = []): Table {
    this.notices.push(...extraNotices);
    // Keys are unique already, but may be empty or differ only in spaces ("a" and " a").
    const names = uniqueNames(this.fileName, this.names, this.notices);
    return buildTable(this.fileName, this.format, names, this.columns, this.lines.length, this.lines.array(), this.notices);
  }

  private column(name: string, row: number): Column {
    let k = this.index.get(name);
    if (k === undefined) {
      k = this.columns.length;
      if (k === MAX_COLUMNS) {
        const f = this.fileName;
        throw new DataError('too-many-columns', f, ErrorText.tooManyKeys(f, this.line, MAX_COLUMNS), { line: this.line });
      }
      this.index.set(name, k);
      this.names.push(name);
      const column = new Column();
      column.pushMissing(row); // a key first seen in a later record: earlier rows lack it
      this.columns.push(column);
    }
    return this.columns[k];
  }

  private put(name: string, value: unknown, row: number): void {
    const column = this.column(name, row);
    if (column.length > row) return; // `"a.b"` given both flat and nested in one record: the first one counts
    this.push(column, value);
  }

  private push(column: Column, value: unknown): void {
    if (typeof value === 'string' && value.length > MAX_FIELD_LENGTH) {
      const f = this.fileName;
      throw new DataError('field-too-long', f, ErrorText.fieldTooLong(f, this.line, MAX_FIELD_LENGTH), { line: this.line });
    }
    pushValue(column, value);
  }

  private endRow(row: number, line: number): void {
    const cells = this.columns.length * (row + 1);
    if (cells > cellBudget(this.textLength)) {
      const f = this.fileName;
      throw new DataError('too-sparse', f, ErrorText.tooSparse(f, line, this.columns.length, cells), { line });
    }
    for (const column of this.columns) if (column.length === row) column.pushMissing();
    this.lines.push(line);
  }
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends one JSON value to a column: numbers as numbers, strings read like CSV cells, null as missing. */
export function pushValue(column: Column, value: unknown): void {
  if (typeof value === 'number') column.pushNumber(value);
  else if (typeof value === 'string') column.pushText(value);
  else if (value === null || value === undefined) column.pushMissing();
  else if (typeof value === 'boolean') column.pushText(value ? 'true' : 'false');
  else column.pushText(jsonText(value));
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[nested too deeply to show]'; // RangeError from a pathologically deep value
  }
}

/** How a JSON value is described in messages: "a number", "an array of numbers"… */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array of plain values';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty object' : 'an object without a list of records';
  if (typeof value === 'boolean') return 'true or false';
  return typeof value === 'number' ? 'a number' : 'a string';
}
