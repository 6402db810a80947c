import { DataError } from './dataError';
import { lineAndColumn, locateJsonError } from './jsonSyntax';
import { MAX_RECORD_LENGTH } from './limits';
import { ErrorText } from './messages';
import { describeJson, isPlainObject, RecordTable } from './recordTable';
import type { DataNotice, Table } from './types';

/**
 * Rows of a JSON array, whatever the array holds: objects (records), arrays (the first one is the header when it
 * is all strings), or plain values (one column, "value"). The first element that is not null decides; a later
 * element of another kind is an error.
 */
export class ArrayRows {
  private mode: 'unknown' | 'objects' | 'arrays' | 'values' = 'unknown';
  private readonly leadingNulls: number[] = [];
  private headerLength = -1;
  private readonly table: RecordTable;

  constructor(private readonly fileName: string) {
    this.table = new RecordTable(fileName, 'json');
  }

  /** Counts characters of JSON read (the table's cell budget grows with them). */
  addText(characters: number): void {
    this.table.textLength += characters;
  }

  /** Adds the element that starts on `line`. */
  add(value: unknown, line: number): void {
    if (this.mode === 'unknown') {
      if (value === null) return void this.leadingNulls.push(line);
      this.mode = isPlainObject(value) ? 'objects' : Array.isArray(value) ? 'arrays' : 'values';
      const nulls = this.leadingNulls.splice(0);
      if (this.mode === 'arrays' && nulls.length === 0 && isHeader(value as unknown[])) {
        this.headerLength = (value as string[]).length;
        return this.table.setNames(value as string[]);
      }
      for (const l of nulls) this.add(null, l);
    }
    if (this.mode === 'objects') {
      if (isPlainObject(value)) this.table.addObject(value, line);
      else if (value === null) this.table.addObject({}, line);
      else throw this.mixed('objects', value);
    } else if (this.mode === 'arrays') {
      if (Array.isArray(value)) this.table.addArray(value, line);
      else if (value === null) this.table.addArray([], line);
      else throw this.mixed('arrays', value);
    } else this.table.addObject({ value }, line);
  }

  /** The table (throws when there are no rows or nothing numeric). */
  finish(notices: DataNotice[] = []): Table {
    const f = this.fileName;
    if (this.mode === 'unknown') {
      if (this.leadingNulls.length === 0) throw new DataError('no-rows', f, ErrorText.noRecords(f));
      this.mode = 'values';
      for (const l of this.leadingNulls) this.add(null, l);
    }
    if (this.table.nRows === 0) throw new DataError('no-rows', f, ErrorText.headerOnly(f, this.headerLength));
    return this.table.finish(notices);
  }

  private mixed(kind: string, value: unknown): DataError {
    const f = this.fileName;
    return new DataError('not-a-table', f, ErrorText.notATable(f, `an array that mixes ${kind} with ${describeJson(value)}`));
  }
}

function isHeader(row: unknown[]): boolean {
  return row.length > 0 && row.every((c) => typeof c === 'string');
}

// Where the scanner stands.
const OPEN = 0; // before the '['
const FIRST = 1; // after '[': an element or ']'
const NEXT = 2; // after ',': an element
const ELEMENT = 3; // inside an element
const DONE = 4; // after the closing ']'

/**
 * A JSON document whose top level is an array, read element by element as the chunks come: each element's text is
 * cut out by counting brackets outside strings and given to `JSON.parse` alone. Memory stays at one element (not
 * the whole text and every parsed object at once), and each row knows its line.
 */
export class JsonArrayStream {
  private state = OPEN;
  private depth = 0;
  private inString = false;
  private escape = false;
  private readonly parts: string[] = [];
  private partsLength = 0;
  private line = 1;
  private column = 0; // characters since the last line break, up to the current one
  private elementLine = 1;
  private elementColumn = 1;
  private readonly rows: ArrayRows;
  /**
   * A row that does not fit the table ("an array that mixes objects with 1"), kept until the end: a syntax error
   * later in the text is the more basic fault and is reported instead, as JSON.parse of the whole text would.
   */
  private notATable: DataError | undefined;

  constructor(private readonly fileName: string) {
    this.rows = new ArrayRows(fileName);
  }

  /** Line ends seen so far. */
  get linesSeen(): number {
    return this.line - 1;
  }

  push(s: string): void {
    const n = s.length;
    this.rows.addText(n);
    let start = 0; // where the current element's text begins in `s`
    let lineStart = -this.column; // index in `s` where the current line began (negative: in an earlier chunk)
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 10) {
        this.line++;
        lineStart = i + 1;
      }
      if (this.state === ELEMENT) {
        if (this.inString) {
          if (this.escape) this.escape = false;
          else if (c === 92) this.escape = true;
          else if (c === 34) this.inString = false;
        } else if (c === 34) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        else if ((c === 125 || c === 93) && this.depth > 0) this.depth--;
        else if (this.depth === 0 && (c === 44 || c === 93)) {
          this.endElement(s, start, i, i - lineStart + 1);
          this.state = c === 44 ? NEXT : DONE;
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      const col = i - lineStart + 1;
      if (this.state === OPEN) {
        if (c !== 91) throw this.fail(this.line, col, `expected '[' but found '${s[i]}'`);
        this.state = FIRST;
      } else if (this.state === DONE) {
        throw this.fail(this.line, col, `more text after the end of the JSON value, at '${s[i]}'`);
      } else if (c === 93 && this.state === FIRST) {
        this.state = DONE;
      } else if (c === 93 || c === 44) {
        throw this.fail(this.line, col, `expected a value but found '${s[i]}'`);
      } else {
        this.state = ELEMENT;
        this.depth = 0;
        this.elementLine = this.line;
        this.elementColumn = col;
        start = i;
        i--; // the element's first character is read again, as part of the element (it is never a line break)
      }
    }
    if (this.state === ELEMENT) {
      this.partsLength += n - start;
      if (this.partsLength > MAX_RECORD_LENGTH) throw this.recordTooLong();
      this.parts.push(s.slice(start));
    }
    this.column = n - lineStart;
  }

  /** The table; throws when the text ended before the array closed. */
  finish(): Table {
    if (this.state !== DONE) {
      const end = { line: this.line, column: this.column + 1 };
      if (this.state === ELEMENT) {
        // The element may hold the real mistake (a bracket of the wrong kind) before the end of the text.
        const text = this.parts.join('');
        const p = locateJsonError(text);
        if (p !== null && p.offset < text.length) throw this.elementError(text, p.offset, p.problem);
      }
      throw this.fail(end.line, end.column, 'the text ends before the JSON value is complete');
    }
    if (this.notATable) throw this.notATable;
    return this.rows.finish();
  }

  private endElement(s: string, start: number, end: number, endColumn: number): void {
    const piece = s.slice(start, end);
    if (this.partsLength + piece.length > MAX_RECORD_LENGTH) throw this.recordTooLong();
    const text = this.parts.length > 0 ? this.parts.join('') + piece : piece;
    this.parts.length = 0;
    this.partsLength = 0;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const p = locateJsonError(text);
      if (p === null || p.offset >= text.length) {
        // Only the end was wrong ("[1, {"a": 2]"): say so at the character that ended it.
        throw this.fail(this.line, endColumn, `expected a value to be complete before '${s[end]}'`);
      }
      throw this.elementError(text, p.offset, p.problem);
    }
    if (this.notATable) return; // only the syntax of the rest is checked
    try {
      this.rows.add(value, this.elementLine);
    } catch (e) {
      if (!(e instanceof DataError && e.code === 'not-a-table')) throw e;
      this.notATable = e;
    }
  }

  /** A syntax error at `offset` in an element's text, placed in the file. */
  private elementError(text: string, offset: number, problem: string): DataError {
    const at = lineAndColumn(text, offset);
    const line = this.elementLine + at.line - 1;
    const column = at.line === 1 ? this.elementColumn + at.column - 1 : at.column;
    // Inside one element "more text after the end" means two values without a comma between them.
    const found = problem.match(/^more text after the end of the JSON value, at (.*)$/);
    return this.fail(line, column, found ? `expected ',' or ']' but found ${found[1]}` : problem);
  }

  private recordTooLong(): DataError {
    const f = this.fileName;
    const line = this.elementLine;
    return new DataError('field-too-long', f, ErrorText.recordTooLong(f, line, MAX_RECORD_LENGTH), { line });
  }

  private fail(line: number, column: number, problem: string): DataError {
    const f = this.fileName;
    return new DataError('json-syntax', f, ErrorText.jsonSyntax(f, line, column, problem), { line, charColumn: column });
  }
}
