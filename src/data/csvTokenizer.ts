import { DataError } from './dataError';
import { POW10, TWO52 } from './cellValue';
import { ErrorText } from './messages';

/** Receives the fields of a delimited file in order. */
export interface CsvSink {
  /** An unquoted field lying whole in `s[start, end)` (no slice made, so numbers are read in place). */
  field(s: string, start: number, end: number): void;
  /**
   * A plain decimal field `s[start, end)` already read: `value`, and `fractionDigits` so that
   * `value.toFixed(fractionDigits)` gives the text back (the same as `classifyCell` would give).
   */
  number(value: number, fractionDigits: number, s: string, start: number, end: number): void;
  /** A field given as a finished string: quoted (quotes removed, "" made "), or split across chunks. */
  text(value: string): void;
  /** The end of a row that started on `line` (1-based). */
  endRow(line: number): void;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

// Where the tokenizer stands between two characters; kept across chunks so a chunk may end anywhere.
const S_ROW_START = 0;
const S_FIELD_START = 1; // after a delimiter
const S_UNQUOTED = 2; // inside an unquoted field that began in an earlier chunk
const S_QUOTED = 3;
const S_QUOTE_SEEN = 4; // a quote inside a quoted field: closing, or the first of ""?
const S_AFTER_CLOSE = 5; // after the closing quote, before the delimiter

/**
 * RFC 4180 tokenizer over decoded text, fed chunk by chunk: quoted fields, doubled quotes, newlines inside quotes,
 * LF, CRLF and lone CR line ends. Blank lines are skipped. Text after a closing quote (`"a"b`) is kept, as
 * spreadsheets do. A field split across chunks is collected in `parts`, so no chunk is ever scanned twice.
 */
export class CsvTokenizer {
  private state = S_ROW_START;
  private parts: string[] = [];
  private pendingCR = false;
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;

  constructor(
    private readonly fileName: string,
    private readonly delimiter: number,
    private readonly sink: CsvSink,
  ) {}

  /** Line ends seen so far (for locating errors found outside the tokenizer). */
  get linesSeen(): number {
    return this.line - 1;
  }

  /** Tokenizes the next piece of text. */
  push(s: string): void {
    const n = s.length;
    const d = this.delimiter;
    const sink = this.sink;
    const parts = this.parts;
    let state = this.state;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (s.charCodeAt(0) === LF) i = 1; // the LF of a CRLF split across chunks
    }
    while (i < n) {
      let j: number; // end of the field text scanned in this step
      if (state === S_ROW_START || state === S_FIELD_START) {
        const c = s.charCodeAt(i);
        if (state === S_ROW_START) {
          if (c === LF || c === CR) {
            i = this.newline(s, i); // blank line
            continue;
          }
          this.rowLine = this.line;
        }
        if (c === QUOTE) {
          this.quoteLine = this.line;
          state = S_QUOTED;
          i++;
          continue;
        }
        // One pass finds the field's end and reads a plain decimal on the way ("-12.345"); anything else
        // (spaces, exponents, text, 17 digits…) goes to sink.field, which classifies it fully.
        j = i;
        let mantissa = 0;
        let point = -1; // index of the decimal point
        let plain = true;
        let cc = c;
        if (cc === 45 /* - */) j++;
        const digits = j;
        for (; j < n; j++) {
          cc = s.charCodeAt(j);
          const digit = cc - 48;
          if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
          else if (cc === d || cc === LF || cc === CR) break;
          else if (cc === 46 /* . */ && point < 0) point = j;
          else {
            plain = false;
            while (++j < n) {
              cc = s.charCodeAt(j);
              if (cc === d || cc === LF || cc === CR) break;
            }
            break;
          }
        }
        if (j === n) {
          parts.push(s.slice(i));
          state = S_UNQUOTED;
          break;
        }
        const first = s.charCodeAt(digits);
        const fraction = point < 0 ? -1 : j - point - 1;
        if (
          plain &&
          j > digits &&
          fraction !== 0 &&
          first !== 46 &&
          !(first === 48 && j > digits + 1 && s.charCodeAt(digits + 1) !== 46) &&
          mantissa < TWO52 &&
          fraction <= 22 &&
          !(c === 45 && mantissa === 0)
        ) {
          const v = fraction <= 0 ? mantissa : mantissa / POW10[fraction];
          sink.number(c === 45 ? -v : v, fraction < 0 ? 0 : fraction, s, i, j);
        } else sink.field(s, i, j);
      } else if (state === S_QUOTED) {
        const k = s.indexOf('"', i);
        const stop = k === -1 ? n : k;
        this.countLineFeeds(s, i, stop);
        parts.push(s.slice(i, stop));
        if (k === -1) break;
        state = S_QUOTE_SEEN;
        i = k + 1;
        continue;
      } else if (state === S_QUOTE_SEEN) {
        if (s.charCodeAt(i) === QUOTE) {
          parts.push('"');
          state = S_QUOTED;
          i++;
        } else state = S_AFTER_CLOSE;
        continue;
      } else {
        // S_UNQUOTED or S_AFTER_CLOSE: collect up to the delimiter or line end
        j = i;
        while (j < n) {
          const cc = s.charCodeAt(j);
          if (cc === d || cc === LF || cc === CR) break;
          j++;
        }
        if (j > i) parts.push(s.slice(i, j));
        if (j === n) break;
        sink.text(parts.length === 1 ? parts[0] : parts.join(''));
        parts.length = 0;
      }
      // s[j] is a delimiter or a line end
      if (s.charCodeAt(j) === d) {
        state = S_FIELD_START;
        i = j + 1;
      } else {
        sink.endRow(this.rowLine);
        state = S_ROW_START;
        i = this.newline(s, j);
      }
    }
    this.state = state;
  }

  /** Ends the last row; throws if a quoted field is still open. */
  finish(): void {
    const state = this.state;
    if (state === S_ROW_START) return;
    if (state === S_QUOTED) {
      throw new DataError('unterminated-quote', this.fileName, ErrorText.unterminatedQuote(this.fileName, this.quoteLine), {
        line: this.quoteLine,
      });
    }
    if (state === S_FIELD_START) this.sink.field('', 0, 0);
    else this.sink.text(this.parts.join(''));
    this.parts.length = 0;
    this.sink.endRow(this.rowLine);
    this.state = S_ROW_START;
  }

  /** Steps over the line end at `s[j]` (LF, CR or CRLF) and returns the index after it. */
  private newline(s: string, j: number): number {
    this.line++;
    if (s.charCodeAt(j) === CR) {
      if (j + 1 === s.length) this.pendingCR = true;
      else if (s.charCodeAt(j + 1) === LF) return j + 2;
    }
    return j + 1;
  }

  private countLineFeeds(s: string, from: number, to: number): void {
    for (let k = from; k < to; k++) if (s.charCodeAt(k) === LF) this.line++;
  }
}
