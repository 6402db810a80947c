/**
 * The labelled export of a streamed fit (a CSV or TSV file larger than the memory budget, or a Parquet file read by
 * row groups), written as it is read:
 * the same columns as the in-memory export (`exportText.ts`) — every cell of the file, then cluster (1-based),
 * p_1…p_K, uncertainty, and `<column>_imputed` for each fitted column with a missing cell (the fit knows which) —
 * in one pass with a fixed buffer: each chunk of rows is scored under the fitted parameters (the E-step; missing
 * cells integrated out and imputed by their conditional mean) and its lines appended to a new file. Memory does not grow with the file. The file is created exclusively (the host
 * gives a path where nothing is) and removed again when the export fails or is cancelled.
 */
import * as fs from 'node:fs';
import { imputeMissing, predictResp, rowIsUsed, type GaussianParams } from '../../core';
import { formatCsvRow } from '../../data';
import { CELL_NUMBER, classifyCell, parsed } from '../../data/cellValue';
import { CsvTokenizer, type CsvSink } from '../../data/csvTokenizer';
import { fieldTextOrEmpty as textOf } from '../../data/fieldText';
import { WorkerError, workerMessages } from '../messages';
import { CHUNK_ROWS, readWholeFile, type PassProgress } from './fileRows';
import type { StreamedFile } from './streamedFile';
import type { ColumnarTable } from '../../data/columnar';

export interface StreamedExportOptions {
  /** The fitted parameters (file units) and how rows were chosen. */
  params: GaussianParams;
  missing: 'em' | 'drop';
  /** The fitted columns (field indices of the file). */
  fields: readonly number[];
  /** The fitted columns (0-based among `fields`) with a missing cell among the rows used: each gets an imputed column. */
  missingColumns: readonly number[];
  csvFormulaGuard: boolean;
  isCancelled(): boolean;
  onProgress(progress: PassProgress): void;
}

/** Bytes gathered before a write to the export file. */
const WRITE_BYTES = 4 * 2 ** 20;

/** Writes the labelled rows of `file` to `outPath` (created here, exclusively); returns the rows written. */
export function writeStreamedLabels(file: StreamedFile, outPath: string, o: StreamedExportOptions): number {
  if (file.format !== 'csv' && file.format !== 'tsv') throw new WorkerError('streamed-export', workerMessages.streamedExportFormat(file.fileName));
  const names = file.head.columns.map((c) => c.name);
  return withExportFile(outPath, names, o, (rows) => {
    const sink = new AllFields(names.length, o.fields, file.decimalComma, (texts, values) => rows.add(texts, values));
    const tokenizer = new CsvTokenizer(file.fileName, file.delimiter.charCodeAt(0), sink);
    let start = true;
    readWholeFile(file.fileName, file.path, file.stamp, (read, bytes) => {
      if (o.isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled());
      // A byte-order mark is not data.
      if (start && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      start = false;
      tokenizer.push(bytes);
      o.onProgress({ pass: 1, purpose: 'label', bytesRead: read, totalBytes: file.stamp.size });
    });
    tokenizer.finish();
  });
}

/**
 * Writes the labelled rows of a Parquet table fitted by row groups to `outPath` (created here, exclusively), reading
 * it one row group at a time (every column's cells as the in-memory export writes them); returns the rows written.
 */
export function writeRowGroupLabels(table: ColumnarTable, outPath: string, o: StreamedExportOptions): number {
  const groups = table.rowGroups;
  if (!groups) throw new Error('writeRowGroupLabels: the table cannot be read by row group');
  const names = table.columns.map((c) => c.name);
  const every = names.map((_, k) => k);
  const totalBytes = table.fileBytes(every);
  return withExportFile(outPath, names, o, (rows) => {
    const values = new Float64Array(o.fields.length);
    let done = 0;
    for (let g = 0; g < groups.length; g++) {
      const columns: ReturnType<ColumnarTable['groupColumn']>[] = [];
      for (const k of every) {
        if (o.isCancelled()) throw new WorkerError('cancelled', workerMessages.cancelled());
        columns.push(table.groupColumn(k, g));
      }
      const numbers = o.fields.map((f) => columns[f].numbers!);
      for (let i = 0; i < groups[g]; i++) {
        for (let a = 0; a < numbers.length; a++) values[a] = numbers[a][i];
        rows.add(columns.map((c) => c.cell(i)), values);
      }
      done += groups[g];
      o.onProgress({ pass: 1, purpose: 'label', bytesRead: Math.round((done / table.nRows) * totalBytes), totalBytes });
    }
  });
}

/**
 * Creates `outPath` exclusively, writes the header of the labelled columns and the rows `read` hands over (each
 * scored a chunk at a time), and removes the file again when anything fails. Returns the rows written.
 */
function withExportFile(outPath: string, names: string[], o: StreamedExportOptions, read: (rows: LabelledRows) => void): number {
  const fd = fs.openSync(outPath, 'wx');
  let ok = false;
  try {
    const rows = new LabelledRows(new BufferedWriter(fd), names, o);
    read(rows);
    rows.end();
    ok = true;
    return rows.written;
  } finally {
    fs.closeSync(fd);
    if (!ok) fs.rmSync(outPath, { force: true });
  }
}

/** Rows of the file (every cell as text, the fitted columns as numbers) scored and written a chunk at a time. */
class LabelledRows {
  written = 0;
  private readonly cells: (string | null)[][] = [];
  private readonly x: Float64Array;
  private readonly width: number;

  constructor(private readonly out: BufferedWriter, names: string[], private readonly o: StreamedExportOptions) {
    const K = o.params.nComponents;
    const taken = new Set(names);
    const unique = (base: string): string => { let n = base; for (let j = 2; taken.has(n); j++) n = `${base}_${j}`; taken.add(n); return n; };
    const header = [...names, unique('cluster'), ...Array.from({ length: K }, (_, k) => unique(`p_${k + 1}`)), unique('uncertainty'),
      ...o.missingColumns.map((a) => unique(`${names[o.fields[a]]}_imputed`))];
    this.width = header.length - names.length;
    this.x = new Float64Array(CHUNK_ROWS * o.fields.length);
    out.line(formatCsvRow(header, ',', o.csvFormulaGuard));
  }

  /** One row: its cells, and its fitted columns' numbers (NaN = missing), copied. */
  add(texts: (string | null)[], values: ArrayLike<number>): void {
    const d = this.o.fields.length;
    for (let a = 0; a < d; a++) this.x[this.cells.length * d + a] = values[a];
    this.cells.push(texts);
    if (this.cells.length === CHUNK_ROWS) this.flush();
  }

  end(): void {
    this.flush();
    this.out.end();
  }

  private flush(): void {
    const { o, x, cells } = this;
    const n = cells.length;
    if (n === 0) return;
    const d = o.fields.length, K = o.params.nComponents;
    const rowsUsed: number[] = [];
    for (let i = 0; i < n; i++) {
      let seen = 0;
      for (let a = 0; a < d; a++) if (x[i * d + a] === x[i * d + a]) seen++;
      if (rowIsUsed(seen, d, o.missing)) rowsUsed.push(i);
    }
    const chunk = { data: x.subarray(0, n * d), rows: n, cols: d };
    const usedX = { data: new Float64Array(rowsUsed.length * d), rows: rowsUsed.length, cols: d };
    rowsUsed.forEach((i, j) => usedX.data.set(chunk.data.subarray(i * d, i * d + d), j * d));
    const { resp, labels } = predictResp(o.params, usedX);
    const rowIndex = Int32Array.from(rowsUsed);
    const imputed = o.missingColumns.length > 0 ? imputeMissing(o.params, chunk, rowIndex, resp) : undefined;
    let j = 0;
    for (let i = 0; i < n; i++) {
      const row = cells[i];
      if (j < rowsUsed.length && rowsUsed[j] === i) {
        let max = 0;
        for (let k = 0; k < K; k++) max = Math.max(max, resp[j * K + k]);
        row.push(String(labels[j] + 1));
        for (let k = 0; k < K; k++) row.push(String(resp[j * K + k]));
        row.push(String(1 - max));
        for (const a of o.missingColumns) row.push(x[i * d + a] !== x[i * d + a] && imputed ? String(imputed[i * d + a]) : null);
        j++;
      } else {
        for (let c = 0; c < this.width; c++) row.push(null);
      }
      this.out.line(formatCsvRow(row, ',', o.csvFormulaGuard));
    }
    this.written += n;
    cells.length = 0;
  }
}

/** Lines gathered into large writes. */
class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}
  line(text: string): void {
    this.parts.push(text);
    this.size += text.length + 1;
    if (this.size >= WRITE_BYTES) this.write();
  }
  end(): void { this.write(); }
  private write(): void {
    if (this.parts.length === 0) return;
    const bytes = Buffer.from(this.parts.join('\n') + '\n', 'utf8');
    let at = 0;
    while (at < bytes.length) at += fs.writeSync(this.fd, bytes, at, bytes.length - at);
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Every field of each data row as text (the table's width: short rows end in empty cells, extra fields are dropped),
 * and the fitted fields as numbers read as the table reader reads them (anything else is missing). The first row is
 * a header unless one of its cells is a number, as `DelimitedReader` decides.
 */
class AllFields implements CsvSink {
  private texts: (string | null)[] = [];
  private first = true;
  private readonly slot: Int32Array;
  private readonly values: Float64Array;

  constructor(private readonly width: number, fields: readonly number[], private readonly decimalComma: boolean,
    private readonly onRow: (texts: (string | null)[], values: Float64Array) => void) {
    this.slot = new Int32Array(width).fill(-1);
    fields.forEach((f, a) => { if (f < width) this.slot[f] = a; });
    this.values = new Float64Array(fields.length);
  }

  field(b: Uint8Array, start: number, end: number): void { this.texts.push(textOf(b, start, end)); }
  number(_value: number, _digits: number, b: Uint8Array, start: number, end: number): void { this.texts.push(textOf(b, start, end)); }
  text(value: string): void { this.texts.push(value); }

  endRow(): void {
    const texts = this.texts;
    this.texts = [];
    if (this.first) {
      this.first = false;
      if (!texts.some((t) => t !== null && classifyCell(t, 0, t.length, this.decimalComma) === CELL_NUMBER)) return; // a header
    }
    texts.length = this.width;
    this.values.fill(NaN);
    for (let f = 0; f < this.width; f++) {
      const t = texts[f];
      if (t === undefined || t === '') texts[f] = null;
      const a = this.slot[f];
      if (a >= 0 && t) this.values[a] = classifyCell(t, 0, t.length, this.decimalComma) === CELL_NUMBER ? parsed.value : NaN;
    }
    this.onRow(texts, this.values);
  }
}
