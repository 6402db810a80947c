import { DataError } from './dataError';
import type { TextReader } from './textReader';
import { syntaxError } from './jsonDocument';
import { MAX_RECORD_LENGTH } from './limits';
import { ErrorText } from './messages';
import { describeJson, isPlainObject, RecordTable } from './recordTable';
import type { Table } from './types';

/**
 * JSON Lines / NDJSON: one object per line, blank lines skipped, streamed line by line. A line split across chunks
 * is collected in `parts` and joined once it ends, so long lines cost no rescans.
 */
export class JsonLinesReader implements TextReader {
  private readonly table: RecordTable;
  private readonly parts: string[] = [];
  private partsLength = 0;
  private line = 1;
  private sawText = false;

  constructor(private readonly fileName: string) {
    this.table = new RecordTable(fileName, 'jsonl');
  }

  get linesSeen(): number {
    return this.line - 1;
  }

  push(text: string): void {
    this.table.textLength += text.length;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.checkLength(nl - start);
      if (this.parts.length > 0) {
        this.parts.push(text.slice(start, nl));
        const whole = this.parts.join('');
        this.parts.length = 0;
        this.partsLength = 0;
        this.readLine(whole, 0, whole.length);
      } else this.readLine(text, start, nl);
      start = nl + 1;
    }
    if (start < text.length) {
      this.checkLength(text.length - start);
      this.partsLength += text.length - start;
      this.parts.push(text.slice(start));
    }
  }

  /** Throws when the current line, with `more` characters added, would pass MAX_RECORD_LENGTH. */
  private checkLength(more: number): void {
    if (this.partsLength + more <= MAX_RECORD_LENGTH) return;
    const f = this.fileName;
    throw new DataError('field-too-long', f, ErrorText.recordTooLong(f, this.line, MAX_RECORD_LENGTH), { line: this.line });
  }

  finish(): Table {
    if (this.parts.length > 0) {
      const whole = this.parts.join('');
      this.parts.length = 0;
      this.readLine(whole, 0, whole.length);
    }
    const f = this.fileName;
    if (!this.sawText) throw new DataError('empty-file', f, ErrorText.emptyFile(f));
    if (this.table.nRows === 0) throw new DataError('no-rows', f, ErrorText.noRecords(f));
    return this.table.finish();
  }

  /** Reads `s[start, end)`, one line without its LF. */
  private readLine(s: string, start: number, end: number): void {
    const line = this.line++;
    let i = start;
    while (i < end && isBlank(s.charCodeAt(i))) i++;
    if (i === end) return;
    this.sawText = true;
    const text = start === 0 && end === s.length ? s : s.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw syntaxError(this.fileName, text, 0, text.length, e, line);
    }
    if (!isPlainObject(value)) {
      const f = this.fileName;
      throw new DataError('not-a-table', f, ErrorText.jsonLineNotObject(f, line, describeJsonLine(value)), { line });
    }
    this.table.addObject(value, line);
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function describeJsonLine(value: unknown): string {
  return Array.isArray(value) ? 'an array' : describeJson(value);
}
