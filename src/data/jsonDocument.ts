import { Column } from './column';
import { DataError } from './dataError';
import type { TextReader } from './textReader';
import { elementLines } from './jsonElementLines';
import { lineAndColumn, locateJsonError } from './jsonSyntax';
import { LineNumbers } from './lineNumbers';
import { ErrorText, NoticeText } from './messages';
import { ArrayRows, JsonArrayStream } from './jsonArrayStream';
import { cellBudget, MAX_COLUMNS } from './limits';
import { describeJson, isPlainObject, pushValue } from './recordTable';
import { buildTable, uniqueNames } from './table';
import type { DataNotice, Table } from './types';

const MAX_JSON_CHARS = 2 ** 29 - 64;

/**
 * A JSON document. A top-level array is read element by element as it streams (`JsonArrayStream`). Any other
 * document cannot be split before it is parsed, so its text is collected and given to `JSON.parse` at the end.
 * Shapes read: an array of objects, an array of arrays (first row = header when it is all strings), an object of
 * columns, and an object holding lists of records (the largest is read, and a notice names its key).
 */
export class JsonDocumentReader implements TextReader {
  private readonly chunks: string[] = [];
  private stream: JsonArrayStream | null = null;
  private whole = false; // decided: not an array, read whole
  private newlines = -1; // counted only when asked
  private chars = 0;

  constructor(private readonly fileName: string) {}

  get linesSeen(): number {
    if (this.stream !== null) return this.stream.linesSeen;
    if (this.newlines < 0) this.newlines = this.chunks.reduce((n, s) => n + s.split('\n').length - 1, 0);
    return this.newlines;
  }

  push(text: string): void {
    if (this.stream !== null) return this.stream.push(text);
    this.chars += text.length;
    // V8 strings stop near 2^29 characters; say so plainly instead of failing inside join().
    if (this.chars > MAX_JSON_CHARS) throw new DataError('too-large', this.fileName, ErrorText.jsonTooLarge(this.fileName));
    this.chunks.push(text);
    if (!this.whole) {
      const first = /\S/.exec(text);
      if (first === null) return; // only whitespace so far
      if (first[0] !== '[') this.whole = true;
      else {
        this.stream = new JsonArrayStream(this.fileName);
        for (const chunk of this.chunks.splice(0)) this.stream.push(chunk);
      }
    }
  }

  finish(): Table {
    if (this.stream !== null) return this.stream.finish();
    const text = this.chunks.join('');
    this.chunks.length = 0;
    const f = this.fileName;
    if (text.trim() === '') throw new DataError('empty-file', f, ErrorText.emptyFile(f));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw syntaxError(f, text, 0, text.length, e);
    }
    return tableFromJson(f, text, value);
  }
}

/** The DataError for JSON text that `JSON.parse` rejected; `from` is where the line starts (JSON Lines). */
export function syntaxError(fileName: string, text: string, from: number, to: number, cause: unknown, firstLine = 1): DataError {
  const p = locateJsonError(text, from, to);
  if (p === null) {
    const problem = cause instanceof Error ? cause.message : String(cause);
    return new DataError('json-syntax', fileName, ErrorText.jsonSyntaxNoPlace(fileName, problem));
  }
  const at = lineAndColumn(text, p.offset, from);
  const line = at.line + firstLine - 1;
  return new DataError('json-syntax', fileName, ErrorText.jsonSyntax(fileName, line, at.column, p.problem), {
    line,
    charColumn: at.column,
  });
}

function tableFromJson(f: string, text: string, value: unknown): Table {
  if (Array.isArray(value)) return fromArray(f, text, value, () => elementLines(text, null), []);
  if (!isPlainObject(value)) throw notATable(f, value);
  // The largest list of records under a key, else the object's arrays as columns.
  let bestKey: string | null = null;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (Array.isArray(v) && v.some((r) => isPlainObject(r) || Array.isArray(r))) {
      if (bestKey === null || v.length > (value[bestKey] as unknown[]).length) bestKey = key;
    }
  }
  if (bestKey !== null) {
    const records = value[bestKey] as unknown[];
    const key = bestKey;
    const notice = { code: 'json-key', message: NoticeText.jsonKey(f, key, records.length) };
    return fromArray(f, text, records, () => elementLines(text, key), [notice]);
  }
  const keys = Object.keys(value).filter((k) => Array.isArray(value[k]));
  if (keys.length === 0) throw notATable(f, value);
  return fromColumns(f, text, keys, keys.map((k) => value[k] as unknown[]));
}

function fromArray(f: string, text: string, records: unknown[], lines: () => number[], notices: DataNotice[]): Table {
  if (records.length === 0) throw new DataError('no-rows', f, ErrorText.noRecords(f));
  const at = lines();
  const rows = new ArrayRows(f);
  rows.addText(text.length);
  records.forEach((r, k) => rows.add(r, at[k] ?? k + 1));
  return rows.finish(notices);
}

function fromColumns(f: string, text: string, names: string[], arrays: unknown[][]): Table {
  if (names.length > MAX_COLUMNS) throw new DataError('too-many-columns', f, ErrorText.tooManyKeys(f, 1, MAX_COLUMNS), { line: 1 });
  const nRows = arrays.reduce((n, a) => Math.max(n, a.length), 0);
  if (nRows === 0) throw new DataError('no-rows', f, ErrorText.noRecords(f));
  if (nRows * names.length > cellBudget(text.length)) {
    throw new DataError('too-sparse', f, ErrorText.tooSparse(f, 1, names.length, nRows * names.length), { line: 1 });
  }
  const notices: DataNotice[] = [];
  if (arrays.some((a) => a.length !== nRows)) notices.push({ code: 'uneven-columns', message: NoticeText.unevenColumns(f, nRows) });
  const columns = arrays.map((a) => {
    const c = new Column(nRows);
    for (const v of a) pushValue(c, v);
    c.pushMissing(nRows - a.length);
    return c;
  });
  // Each row's line: where its value stands in the longest column.
  const at = elementLines(text, names[arrays.findIndex((a) => a.length === nRows)]);
  const lines = new LineNumbers();
  for (let k = 0; k < nRows; k++) lines.push(at[k] ?? k + 1);
  return buildTable(f, 'json', uniqueNames(f, names, notices), columns, nRows, lines.array(), notices);
}

function notATable(f: string, value: unknown, prefix = ''): DataError {
  return new DataError('not-a-table', f, ErrorText.notATable(f, prefix + describeJson(value)));
}
