/**
 * The fitted columns of a CSV or TSV file, row by row, straight from the tokenizer (`data/csvTokenizer.ts`) with no
 * table in between: the cells of the chosen fields are read as the table reader reads them (plain decimals from
 * the bytes, anything else through `classifyCell`; a cell that is not a number is missing), the first row is a
 * header unless one of its cells is a number (as `DelimitedReader` decides), short rows end in missing cells.
 */
import { CELL_NUMBER, classifyCell, parsed } from '../../data/cellValue';
import { CsvTokenizer, type CsvSink } from '../../data/csvTokenizer';
import { fieldTextOrEmpty as textOf } from '../../data/fieldText';

/** Receives each data row: the chosen cells (reused array) and the row's line in the file. */
export type RowHandler = (row: Float64Array, line: number) => void;

/** A tokenizer feeding `onRow` with the cells of `fields` (field indices, in the order wanted). */
export function createCsvRows(fileName: string, delimiter: string, decimalComma: boolean, fields: readonly number[], onRow: RowHandler): CsvTokenizer {
  return new CsvTokenizer(fileName, delimiter.charCodeAt(0), new RowSink(fields, decimalComma, onRow));
}

class RowSink implements CsvSink {
  private col = 0;
  /** The first row's texts until it ends (it may be a header), then null. */
  private first: string[] | null = [];
  private readonly slot: Int32Array;
  private readonly row: Float64Array;

  constructor(fields: readonly number[], private readonly decimalComma: boolean, private readonly onRow: RowHandler) {
    const width = fields.length === 0 ? 0 : Math.max(...fields) + 1;
    this.slot = new Int32Array(width).fill(-1);
    fields.forEach((f, j) => { this.slot[f] = j; });
    this.row = new Float64Array(fields.length).fill(NaN);
  }

  field(b: Uint8Array, start: number, end: number): void {
    const col = this.col++;
    if (this.first !== null) this.first.push(textOf(b, start, end));
    else if (col < this.slot.length && this.slot[col] >= 0) this.row[this.slot[col]] = this.parse(textOf(b, start, end));
  }

  number(value: number, _fractionDigits: number, b: Uint8Array, start: number, end: number): void {
    const col = this.col++;
    if (this.first !== null) this.first.push(textOf(b, start, end));
    else if (col < this.slot.length && this.slot[col] >= 0) this.row[this.slot[col]] = value;
  }

  text(value: string): void {
    const col = this.col++;
    if (this.first !== null) this.first.push(value);
    else if (col < this.slot.length && this.slot[col] >= 0) this.row[this.slot[col]] = this.parse(value);
  }

  endRow(line: number): void {
    this.col = 0;
    const first = this.first;
    if (first !== null) {
      this.first = null;
      if (!first.some((t) => classifyCell(t, 0, t.length, this.decimalComma) === CELL_NUMBER)) return; // a header
      first.forEach((t, f) => { if (f < this.slot.length && this.slot[f] >= 0) this.row[this.slot[f]] = this.parse(t); });
    }
    this.onRow(this.row, line);
    this.row.fill(NaN);
  }

  private parse(text: string): number {
    return classifyCell(text, 0, text.length, this.decimalComma) === CELL_NUMBER ? parsed.value : NaN;
  }
}
