import {
  CELL_MISSING,
  CELL_NUMBER,
  classifyCell,
  FMT_KEPT,
  FMT_MISSING,
  FMT_MISSING_WORD,
  FMT_SHORTEST,
  FMT_STRAY,
  formatNumber,
  isBooleanText,
  isWordCategory,
  parsed,
} from './cellValue';
import type { ColumnType } from './types';

/** A column is numeric when at most this share of its non-missing cells are text ("stray" cells). */
export const MAX_STRAY_SHARE = 0.1;
// Past this many stray cells a column that is mostly text switches to dictionary storage, so a text column of a
// large file does not keep a Map entry per cell. The switch is only a storage choice; `finish` decides the type.
const STRAYS_BEFORE_TEXT_MODE = 256;
/** Cells whose format differs from the column's one are kept aside up to one in FMT_SPARSE (at least FMT_SPARSE_MIN). */
const FMT_SPARSE = 256, FMT_SPARSE_MIN = 64;

/**
 * One column, filled cell by cell in row order, then finished once.
 *
 * Storage: numbers as a Float64Array plus one format byte per cell (so the original text can be rebuilt without
 * keeping a string per cell), or a single code while every cell has the same one (a machine-written column of
 * `-12.3456`s: 8 bytes a cell instead of 9); the few texts that would not round-trip sit in a Map. Mostly-text columns switch to a
 * dictionary: an Int32Array of codes into the list of distinct strings.
 */
export class Column {
  /** Cells pushed so far (= rows). */
  length = 0;
  /** Cells that held a number. */
  numbers = 0;
  /** Non-missing cells that held text. */
  strays = 0;
  /** Decided by `finish`. */
  type: ColumnType = 'empty';

  private cap: number;
  private values: Float64Array | null;
  /** Format code per cell; null while every cell so far has `uniformFmt` (or in text mode). */
  private fmt: Uint8Array | null = null;
  /** The code of every cell while `fmt` is null (but the exceptions); −1 before the first cell. */
  private uniformFmt = -1;
  /** While `fmt` is null: the few cells whose code is not `uniformFmt` (a "-0.0000" among 4-decimal numbers). */
  private fmtExceptions: Map<number, number> | null = null;
  /** Texts kept aside (numbers that do not round-trip, stray text); made on first use. */
  private kept: Map<number, string> | null = null;
  private codes: Int32Array | null = null;
  private dict: string[] = [];
  private dictIndex: Map<string, number> | null = null;

  /**
   * @param capacity cells to make room for; small by default, so a table of many columns and few rows stays small
   *   (storage doubles as cells come, and the CSV reader reserves the expected rows once it has seen some)
   * @param decimalComma read "5,1" as 5.1 (semicolon-separated files)
   */
  constructor(
    capacity = 8,
    private readonly decimalComma = false,
  ) {
    this.cap = Math.max(8, capacity);
    this.values = new Float64Array(this.cap);
  }

  /** Makes room for at least `n` cells (the reader estimates the row count from the file size). */
  reserve(n: number): void {
    if (n > this.cap) this.resize(n);
  }

  /** Appends the cell `s[start, end)` (raw CSV text). */
  pushRange(s: string, start: number, end: number): void {
    if (this.length === this.cap) this.resize(this.cap * 2);
    const kind = classifyCell(s, start, end, this.decimalComma);
    const r = this.length++;
    const values = this.values;
    if (values !== null) {
      if (kind === CELL_NUMBER) {
        values[r] = parsed.value;
        this.setFmt(r, parsed.fmt);
        this.numbers++;
        if (parsed.fmt === FMT_KEPT) this.keep(r, s.slice(parsed.start, parsed.end));
      } else if (kind === CELL_MISSING) {
        values[r] = NaN;
        if (isWordCategory(s, start, end)) {
          // "None" as written most often needs no text kept; another casing does.
          this.setFmt(r, FMT_MISSING_WORD);
          const word = s.slice(start, end);
          if (word !== 'None') this.keep(r, word);
        } else this.setFmt(r, FMT_MISSING);
      } else {
        values[r] = NaN;
        this.setFmt(r, FMT_STRAY);
        this.keep(r, s.slice(start, end));
        if (++this.strays > STRAYS_BEFORE_TEXT_MODE && this.strays > this.numbers) this.toTextMode();
      }
    } else {
      if (kind === CELL_MISSING) this.codes![r] = isWordCategory(s, start, end) ? this.intern(s.slice(start, end)) : -1;
      else {
        if (kind === CELL_NUMBER) this.numbers++;
        else this.strays++;
        this.codes![r] = this.intern(kind === CELL_NUMBER ? s.slice(parsed.start, parsed.end) : s.slice(start, end));
      }
    }
  }

  /**
   * Appends a plain decimal the tokenizer has read already; false (nothing appended) when the column keeps text
   * instead, or is full: then the caller pushes the cell's text.
   */
  pushDecimal(value: number, fractionDigits: number): boolean {
    const values = this.values;
    if (values === null || this.length === this.cap) return false;
    const r = this.length++;
    values[r] = value;
    const fmt = this.fmt;
    if (fmt !== null) fmt[r] = fractionDigits;
    else if (fractionDigits !== this.uniformFmt) this.setFmt(r, fractionDigits);
    this.numbers++;
    return true;
  }

  /** Appends a cell given as a whole string (quoted CSV field, JSON string). */
  pushText(text: string): void {
    this.pushRange(text, 0, text.length);
  }

  /** Appends a cell that is already a number (JSON); its text is `String(value)`. Infinities are stray text. */
  pushNumber(value: number): void {
    // JSON reads 1e400 as Infinity; like the CSV reader, keep it as text (a stray cell, so missing in a numeric column).
    if (this.values === null || !Number.isFinite(value)) return this.pushText(String(value));
    if (this.length === this.cap) this.resize(this.cap * 2);
    const r = this.length++;
    this.values[r] = value;
    this.setFmt(r, FMT_SHORTEST);
    this.numbers++;
  }

  /** Appends `n` missing cells. */
  pushMissing(n = 1): void {
    for (let k = 0; k < n; k++) this.pushRange('', 0, 0);
  }

  /** Bytes of storage held (for tests and budgets): typed arrays plus an estimate for kept texts. */
  get storageBytes(): number {
    const typed = (this.values?.byteLength ?? 0) + (this.fmt?.byteLength ?? 0) + (this.codes?.byteLength ?? 0);
    return typed + 64 * ((this.kept?.size ?? 0) + this.dict.length + (this.fmtExceptions?.size ?? 0));
  }

  /** Decides the type from the counts; converts storage to match. Call once, after the last cell. */
  finish(): void {
    const nonMissing = this.numbers + this.strays;
    const numeric = this.numbers > 0 && this.strays <= MAX_STRAY_SHARE * nonMissing;
    if (numeric) {
      if (this.values === null) this.toNumericMode();
      this.type = 'numeric';
    } else if (nonMissing === 0) {
      this.type = 'empty';
    } else {
      if (this.values !== null) this.toTextMode();
      this.type = this.dict.every(isBooleanText) ? 'boolean' : 'text';
    }
  }

  /** The cell's original text (numbers rebuilt exactly), or null when missing. */
  cell(r: number): string | null {
    if (this.values === null) {
      const code = this.codes![r];
      return code < 0 ? null : this.dict[code];
    }
    const f = this.fmtAt(r);
    if (f === FMT_MISSING || f === FMT_MISSING_WORD) return null;
    if (f === FMT_KEPT || f === FMT_STRAY) return this.kept!.get(r)!;
    return formatNumber(this.values[r], f);
  }

  /** The numeric value, NaN when missing or not a number (and for text columns). */
  number(r: number): number {
    return this.values === null ? NaN : this.values[r];
  }

  /** The numeric values (length `length`), or null for a text column. Missing = NaN. */
  numericValues(): Float64Array | null {
    return this.values === null ? null : this.values.subarray(0, this.length);
  }

  /** Text columns: dictionary codes (−1 = missing) and the distinct strings. */
  dictionary(): { codes: Int32Array; dict: string[] } | null {
    return this.codes === null ? null : { codes: this.codes.subarray(0, this.length), dict: this.dict };
  }

  /** Row indices and texts of the stray (non-number) cells of a numeric column, in row order. */
  strayCells(limit: number): { row: number; text: string }[] {
    const out: { row: number; text: string }[] = [];
    if (this.values === null || this.kept === null) return out;
    for (const [row, text] of this.kept) {
      if (this.fmtAt(row) === FMT_STRAY) out.push({ row, text });
    }
    return out.sort((a, b) => a.row - b.row).slice(0, limit);
  }

  /** Cell r's format code. */
  private fmtAt(r: number): number {
    return this.fmt !== null ? this.fmt[r] : this.fmtExceptions?.get(r) ?? this.uniformFmt;
  }

  /**
   * Records cell r's format code: one code for all cells, the few that differ aside (up to one in FMT_SPARSE of the
   * cells), then a byte per cell.
   */
  private setFmt(r: number, code: number): void {
    if (this.fmt !== null) {
      this.fmt[r] = code;
    } else if (this.uniformFmt === -1 && r === 0) {
      this.uniformFmt = code;
    } else if (code !== this.uniformFmt) {
      const exceptions = (this.fmtExceptions ??= new Map());
      if (exceptions.size < Math.max(FMT_SPARSE_MIN, this.cap / FMT_SPARSE)) {
        exceptions.set(r, code);
        return;
      }
      this.fmt = new Uint8Array(this.cap);
      this.fmt.fill(this.uniformFmt, 0, r);
      for (const [row, c] of exceptions) this.fmt[row] = c;
      this.fmtExceptions = null;
      this.fmt[r] = code;
    }
  }

  private keep(row: number, text: string): void {
    (this.kept ??= new Map()).set(row, text);
  }

  private intern(text: string): number {
    let code = this.dictIndex!.get(text);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(text);
      this.dictIndex!.set(text, code);
    }
    return code;
  }

  private resize(n: number): void {
    this.cap = n;
    if (this.values !== null) {
      const values = new Float64Array(n);
      values.set(this.values.subarray(0, this.length));
      this.values = values;
      if (this.fmt !== null) {
        const fmt = new Uint8Array(n);
        fmt.set(this.fmt.subarray(0, this.length));
        this.fmt = fmt;
      }
    } else {
      const codes = new Int32Array(n);
      codes.set(this.codes!.subarray(0, this.length));
      this.codes = codes;
    }
  }

  private toTextMode(): void {
    this.codes = new Int32Array(this.cap);
    this.dictIndex = new Map();
    for (let r = 0; r < this.length; r++) {
      const text = this.cell(r) ?? (this.fmtAt(r) === FMT_MISSING_WORD ? this.kept?.get(r) ?? 'None' : null);
      this.codes[r] = text === null ? -1 : this.intern(text);
    }
    this.values = null;
    this.fmt = null;
    this.uniformFmt = -1;
    this.fmtExceptions = null;
    this.kept = null;
  }

  private toNumericMode(): void {
    const codes = this.codes!;
    // Classify each distinct string once, then spread to the rows.
    const kinds = new Uint8Array(this.dict.length);
    const vals = new Float64Array(this.dict.length);
    const fmts = new Uint8Array(this.dict.length);
    this.dict.forEach((text, k) => {
      kinds[k] = classifyCell(text, 0, text.length, this.decimalComma);
      vals[k] = kinds[k] === CELL_NUMBER ? parsed.value : NaN;
      fmts[k] = kinds[k] === CELL_NUMBER ? parsed.fmt : kinds[k] === CELL_MISSING ? FMT_MISSING : FMT_STRAY;
    });
    this.values = new Float64Array(this.cap);
    this.fmt = null;
    this.uniformFmt = -1;
    this.fmtExceptions = null;
    this.kept = null;
    for (let r = 0; r < this.length; r++) {
      const code = codes[r];
      if (code < 0) {
        this.values[r] = NaN;
        this.setFmt(r, FMT_MISSING);
      } else {
        this.values[r] = vals[code];
        this.setFmt(r, fmts[code]);
        if (fmts[code] === FMT_KEPT || fmts[code] === FMT_STRAY) this.keep(r, this.dict[code]);
      }
    }
    this.codes = null;
    this.dict = [];
    this.dictIndex = null;
  }
}
