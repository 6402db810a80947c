import { DataError } from './dataError';
import { POW10, TWO52 } from './cellValue';
import { BadUtf8, fieldText, joinBytes } from './fieldText';
import { MAX_FIELD_LENGTH } from './limits';
import { ErrorText } from './messages';

function notUtf8(fileName: string, line: number, offset: number): DataError {
  return new DataError('not-utf8', fileName, ErrorText.notUtf8(fileName, line, offset), { line });
}

/** Output of `readPlainDecimal`. */
const decimal = { value: 0, fraction: 0 };

/**
 * Reads `b[start, end)` when it is a plain decimal (`-12.345`, the same rule as the unquoted fast path and as
 * `classifyCell`'s toFixed codes); false for anything else, which then goes the general way.
 */
function readPlainDecimal(b: Uint8Array, start: number, end: number): boolean {
  const negative = b[start] === 45;
  const digits = negative ? start + 1 : start;
  let mantissa = 0;
  let point = -1;
  for (let j = digits; j < end; j++) {
    const digit = b[j] - 48;
    if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
    else if (b[j] === 46 && point < 0) point = j;
    else return false;
  }
  const fraction = point < 0 ? 0 : end - point - 1;
  if (end === digits || point === digits || point === end - 1) return false; // "", ".5", "5."
  if (b[digits] === 48 && end > digits + 1 && b[digits + 1] !== 46) return false; // "007"
  if (mantissa >= TWO52 || fraction > 22 || (negative && mantissa === 0)) return false;
  const v = fraction === 0 ? mantissa : mantissa / POW10[fraction];
  decimal.value = negative ? -v : v;
  decimal.fraction = fraction;
  return true;
}

/** Receives the fields of a delimited file in order. */
export interface CsvSink {
  /** An unquoted field lying whole in `b[start, end)` of the current chunk, not a plain decimal. */
  field(b: Uint8Array, start: number, end: number): void;
  /**
   * A plain decimal field `b[start, end)` already read: `value`, and `fractionDigits` so that
   * `value.toFixed(fractionDigits)` gives the text back (the same as `classifyCell` would give).
   */
  number(value: number, fractionDigits: number, b: Uint8Array, start: number, end: number): void;
  /** A field given as a finished string: quoted (quotes removed, "" made "), or split across chunks. */
  text(value: string): void;
  /** The end of a row that started on `line` (1-based). */
  endRow(line: number): void;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const QUOTE_BYTE = new Uint8Array([QUOTE]);

// Where the tokenizer stands between two characters; kept across chunks so a chunk may end anywhere.
const S_ROW_START = 0;
const S_FIELD_START = 1; // after a delimiter
const S_UNQUOTED = 2; // inside an unquoted field that began in an earlier chunk
const S_QUOTED = 3;
const S_QUOTE_SEEN = 4; // a quote inside a quoted field: closing, or the first of ""?
const S_AFTER_CLOSE = 5; // after the closing quote, before the delimiter

/**
 * RFC 4180 tokenizer over UTF-8 bytes, fed chunk by chunk: quoted fields, doubled quotes, newlines inside quotes,
 * LF, CRLF and lone CR line ends. Blank lines are skipped. Text after a closing quote (`"a"b`) is kept, as
 * spreadsheets do. A field split across chunks is collected in `parts` (copies: the caller may reuse its buffer),
 * so no chunk is ever scanned twice.
 *
 * Bytes, not decoded text: delimiters, quotes and line ends are ASCII and never occur inside a UTF-8 character, so
 * splitting is safe; numbers are read straight from the bytes; only other fields are decoded (and so validated).
 */
export class CsvTokenizer {
  private state = S_ROW_START;
  private parts: Uint8Array[] = [];
  /** Bytes in `parts`: a field longer than MAX_FIELD_LENGTH is an error, not an ever larger allocation. */
  private partsBytes = 0;
  /** File offset of the current chunk, and where the field collected in `parts` began (for error messages). */
  private offset = 0;
  private partsOffset = 0;
  private partsLine = 1;
  private pendingCR = false;
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;

  constructor(
    private readonly fileName: string,
    private readonly delimiter: number,
    private readonly sink: CsvSink,
  ) {}

  /** Tokenizes the next chunk. */
  push(s: Uint8Array): void {
    try {
      this.scan(s);
    } finally {
      this.offset += s.length;
    }
  }

  private scan(s: Uint8Array): void {
    const n = s.length;
    const d = this.delimiter;
    const sink = this.sink;
    let state = this.state;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (s[0] === LF) i = 1; // the LF of a CRLF split across chunks
    }
    while (i < n) {
      let j: number; // end of the field text scanned in this step
      if (state === S_ROW_START || state === S_FIELD_START) {
        const c = s[i];
        if (state === S_ROW_START) {
          if (c === LF || c === CR) {
            i = this.newline(s, i); // blank line
            continue;
          }
          this.rowLine = this.line;
        }
        if (c === QUOTE) {
          // The usual quoted field ("5.1", "a, b") closes in this chunk with no "" inside: read it in place.
          const k = s.indexOf(QUOTE, i + 1);
          const after = k === -1 || k + 1 === n ? -1 : s[k + 1];
          if (after === d || after === LF || after === CR) {
            if (readPlainDecimal(s, i + 1, k)) sink.number(decimal.value, decimal.fraction, s, i + 1, k);
            else {
              if (k - i - 1 > MAX_FIELD_LENGTH) throw this.fieldTooLong(this.line);
              sink.field(s, i + 1, k);
            }
            this.countLineFeeds(s, i + 1, k); // after: a bad byte in the field is reported on the line it starts
            j = k + 1;
          } else {
            this.quoteLine = this.line;
            this.partsOffset = this.offset + i + 1;
            this.partsLine = this.line;
            state = S_QUOTED;
            i++;
            continue;
          }
        } else {
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
            cc = s[j];
            const digit = cc - 48;
            if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
            else if (cc === d || cc === LF || cc === CR) break;
            else if (cc === 46 /* . */ && point < 0) point = j;
            else {
              plain = false;
              while (++j < n) {
                cc = s[j];
                if (cc === d || cc === LF || cc === CR) break;
              }
              break;
            }
          }
          if (j === n) {
            this.partsOffset = this.offset + i;
            this.partsLine = this.line;
            this.collect(s.slice(i));
            state = S_UNQUOTED;
            break;
          }
          const first = s[digits];
          const fraction = point < 0 ? -1 : j - point - 1;
          if (
            plain &&
            j > digits &&
            fraction !== 0 &&
            first !== 46 &&
            !(first === 48 && j > digits + 1 && s[digits + 1] !== 46) &&
            mantissa < TWO52 &&
            fraction <= 22 &&
            !(c === 45 && mantissa === 0)
          ) {
            const v = fraction <= 0 ? mantissa : mantissa / POW10[fraction];
            sink.number(c === 45 ? -v : v, fraction < 0 ? 0 : fraction, s, i, j);
          } else {
            if (j - i > MAX_FIELD_LENGTH) throw this.fieldTooLong(this.line);
            sink.field(s, i, j);
          }
        }
      } else if (state === S_QUOTED) {
        const k = s.indexOf(QUOTE, i);
        const stop = k === -1 ? n : k;
        this.countLineFeeds(s, i, stop);
        this.collect(s.slice(i, stop));
        if (k === -1) break;
        state = S_QUOTE_SEEN;
        i = k + 1;
        continue;
      } else if (state === S_QUOTE_SEEN) {
        if (s[i] === QUOTE) {
          this.collect(QUOTE_BYTE);
          state = S_QUOTED;
          i++;
        } else state = S_AFTER_CLOSE;
        continue;
      } else {
        // S_UNQUOTED or S_AFTER_CLOSE: collect up to the delimiter or line end
        j = i;
        while (j < n) {
          const cc = s[j];
          if (cc === d || cc === LF || cc === CR) break;
          j++;
        }
        if (j > i) this.collect(s.slice(i, j));
        if (j === n) break;
        sink.text(this.joined());
      }
      // s[j] is a delimiter or a line end
      if (s[j] === d) {
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
    if (state === S_FIELD_START) this.sink.text('');
    else this.sink.text(this.joined());
    this.sink.endRow(this.rowLine);
    this.state = S_ROW_START;
  }

  /** A DataError for bad UTF-8 at `index` in the current chunk (a field that lies whole in it). */
  badUtf8At(index: number): DataError {
    return notUtf8(this.fileName, this.line, this.offset + index);
  }

  /** The line on which the current row began (1-based). */
  get rowStartLine(): number {
    return this.rowLine;
  }

  /** Adds a piece to the field collected in `parts`; throws when the field grows past MAX_FIELD_LENGTH. */
  private collect(piece: Uint8Array): void {
    this.partsBytes += piece.length;
    if (this.partsBytes > MAX_FIELD_LENGTH) throw this.fieldTooLong(this.partsLine);
    this.parts.push(piece);
  }

  private fieldTooLong(line: number): DataError {
    return new DataError('field-too-long', this.fileName, ErrorText.fieldTooLong(this.fileName, line, MAX_FIELD_LENGTH), { line });
  }

  /** The text of the field collected in `parts`; empties `parts`. */
  private joined(): string {
    const bytes = joinBytes(this.parts);
    this.parts.length = 0;
    this.partsBytes = 0;
    try {
      return fieldText(bytes, 0, bytes.length);
    } catch (e) {
      if (!(e instanceof BadUtf8)) throw e;
      let line = this.partsLine;
      for (let k = 0; k < e.index; k++) if (bytes[k] === LF) line++;
      throw notUtf8(this.fileName, line, this.partsOffset + e.index);
    }
  }

  /** Steps over the line end at `s[j]` (LF, CR or CRLF) and returns the index after it. */
  private newline(s: Uint8Array, j: number): number {
    this.line++;
    if (s[j] === CR) {
      if (j + 1 === s.length) this.pendingCR = true;
      else if (s[j + 1] === LF) return j + 2;
    }
    return j + 1;
  }

  private countLineFeeds(s: Uint8Array, from: number, to: number): void {
    for (let k = from; k < to; k++) if (s[k] === LF) this.line++;
  }
}
