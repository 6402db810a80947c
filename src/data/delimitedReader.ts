import { CELL_NUMBER, classifyCell } from './cellValue';
import { Column } from './column';
import { type CsvSink, CsvTokenizer } from './csvTokenizer';
import { DataError } from './dataError';
import { BadUtf8, fieldText } from './fieldText';
import { MAX_COLUMNS } from './limits';
import { ErrorText, NoticeText } from './messages';
import { LineNumbers } from './lineNumbers';
import { buildTable, generatedNames, uniqueNames } from './table';
import type { DataFormat, DataNotice, Table } from './types';

interface RaggedRows {
  count: number;
  line: number;
  found: number;
}

/**
 * CSV / TSV into columns. The first row is held back until it ends, to decide whether it is a header
 * (when not forced: it is, unless one of its cells is a number). After that each field goes straight into its
 * column. Short rows are padded with missing cells, long rows cut, and one notice says so for each.
 */
export class DelimitedReader implements CsvSink {
  private readonly tokenizer: CsvTokenizer;
  private first: string[] | null = [];
  private names: string[] = [];
  private columns: Column[] = [];
  private col = 0;
  private nCols = 0;
  private readonly lines = new LineNumbers();
  /** Notices so far; the caller may add its own (the detected delimiter). */
  readonly notices: DataNotice[] = [];
  private short: RaggedRows | null = null;
  private long: RaggedRows | null = null;
  private bytesPushed = 0;
  private sized = false;

  constructor(
    private readonly fileName: string,
    private readonly format: DataFormat,
    delimiter: string,
    private readonly header: boolean | undefined,
    private readonly totalBytes: number,
    private readonly decimalComma = false,
  ) {
    this.tokenizer = new CsvTokenizer(fileName, delimiter.charCodeAt(0), this);
  }

  /** Reads the next bytes (UTF-8 without the byte-order mark). */
  push(bytes: Uint8Array): void {
    this.tokenizer.push(bytes);
    this.bytesPushed += bytes.length;
    if (!this.sized && this.lines.length >= 100 && this.totalBytes > 0) this.presize();
  }

  finish(): Table {
    this.tokenizer.finish();
    const f = this.fileName;
    if (this.first !== null) throw new DataError('empty-file', f, ErrorText.emptyFile(f)); // blank lines only
    const nCols = this.nCols;
    if (this.short) this.notices.push({ code: 'short-rows', message: NoticeText.shortRows(f, this.short.line, nCols, this.short.found, this.short.count) });
    if (this.long) this.notices.push({ code: 'long-rows', message: NoticeText.longRows(f, this.long.line, nCols, this.long.found, this.long.count) });
    return buildTable(f, this.format, this.names, this.columns, this.lines.length, this.lines.array(), this.notices);
  }

  field(b: Uint8Array, start: number, end: number): void {
    const col = this.col++;
    if (col < this.nCols) this.columns[col].pushText(this.fieldString(b, start, end));
    else if (this.first !== null) this.pushFirst(this.fieldString(b, start, end));
  }

  number(value: number, fractionDigits: number, b: Uint8Array, start: number, end: number): void {
    const col = this.col++;
    if (col < this.nCols) {
      const column = this.columns[col];
      if (!column.pushDecimal(value, fractionDigits)) column.pushText(this.fieldString(b, start, end));
    } else if (this.first !== null) this.pushFirst(this.fieldString(b, start, end));
  }

  text(value: string): void {
    const col = this.col++;
    if (col < this.nCols) this.columns[col].pushText(value);
    else if (this.first !== null) this.pushFirst(value);
  }

  /** A field of the first row, which sets the number of columns: at most MAX_COLUMNS. */
  private pushFirst(text: string): void {
    const first = this.first!;
    if (first.length === MAX_COLUMNS) {
      const f = this.fileName;
      const line = this.tokenizer.rowStartLine;
      throw new DataError('too-many-columns', f, ErrorText.tooManyColumns(f, line, MAX_COLUMNS), { line });
    }
    first.push(text);
  }

  endRow(line: number): void {
    const found = this.col;
    this.col = 0;
    if (this.first !== null) return this.startColumns(line);
    const nCols = this.nCols;
    if (found < nCols) {
      for (let k = found; k < nCols; k++) this.columns[k].pushMissing();
      this.short = ragged(this.short, line, found);
    } else if (found > nCols) this.long = ragged(this.long, line, found);
    this.lines.push(line);
  }

  /** The first row has ended: name the columns, and keep the row as data when it is not a header. */
  private startColumns(line: number): void {
    const first = this.first!;
    this.first = null;
    this.nCols = first.length;
    const isHeader = this.header ?? !first.some((t) => classifyCell(t, 0, t.length, this.decimalComma) === CELL_NUMBER);
    this.columns = first.map(() => new Column(undefined, this.decimalComma));
    if (isHeader) {
      this.names = uniqueNames(this.fileName, first, this.notices);
      return;
    }
    this.names = generatedNames(first.length);
    if (this.header === undefined) this.notices.push({ code: 'no-header', message: NoticeText.noHeader(this.fileName, first.length) });
    first.forEach((t, k) => this.columns[k].pushText(t));
    this.lines.push(line);
  }

  /** The text of a field that lies in the current chunk. */
  private fieldString(b: Uint8Array, start: number, end: number): string {
    try {
      return fieldText(b, start, end);
    } catch (e) {
      throw e instanceof BadUtf8 ? this.tokenizer.badUtf8At(start + e.index) : e;
    }
  }

  /**
   * Reserves column storage for the row count the file size suggests, so columns do not double and copy. Never
   * more cells than the file could hold (one per two bytes), however short the first rows were.
   */
  private presize(): void {
    this.sized = true;
    const rows = Math.ceil((this.totalBytes / this.bytesPushed) * this.lines.length * 1.05);
    const cap = Math.min(rows, Math.ceil(this.totalBytes / (2 * Math.max(1, this.nCols))) + 16);
    for (const c of this.columns) c.reserve(cap);
    this.lines.reserve(cap);
  }
}

function ragged(seen: RaggedRows | null, line: number, found: number): RaggedRows {
  if (seen === null) return { count: 1, line, found };
  seen.count++;
  return seen;
}
