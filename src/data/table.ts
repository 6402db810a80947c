import type { Column } from './column';
import { describeColumn } from './columnInfo';
import { DataError } from './dataError';
import { ErrorText, NoticeText } from './messages';
import type { ColumnInfo, DataFormat, DataNotice, Table } from './types';

/** The Table the readers return: finished columns plus their descriptions. */
export class DataTable implements Table {
  readonly columns: ColumnInfo[];

  constructor(
    readonly format: DataFormat,
    private readonly store: Column[],
    names: string[],
    readonly nRows: number,
    readonly lineNumbers: Int32Array,
    readonly notices: DataNotice[],
  ) {
    this.columns = store.map((c, k) => describeColumn(names[k], c, lineNumbers));
  }

  cell(row: number, column: number): string | null {
    return this.store[column].cell(row);
  }

  number(row: number, column: number): number {
    return this.store[column].number(row);
  }

  /** A numeric column's values (NaN = missing) without copying, or null for other columns. */
  numericValues(column: number): Float64Array | null {
    return this.store[column].type === 'numeric' ? this.store[column].numericValues() : null;
  }

  /**
   * A column as categories: each row's level index (−1 = missing) and the levels, in numeric order when every level
   * reads as a number and in alphabetical order otherwise. Text and true/false columns use their distinct texts; a
   * numeric column its distinct values (as the file wrote them). Null when the column has no value.
   */
  categoryCodes(column: number): { codes: Int32Array; levels: string[] } | null {
    const c = this.store[column];
    const n = this.nRows;
    let raw: Int32Array, texts: string[];
    const dict = c.dictionary();
    if (dict !== null) {
      raw = dict.codes;
      texts = dict.dict;
    } else {
      const values = c.numericValues();
      if (values === null) return null;
      const index = new Map<number, number>();
      texts = [];
      raw = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v !== v) { raw[i] = -1; continue; }
        let code = index.get(v);
        if (code === undefined) { code = texts.length; index.set(v, code); texts.push(c.cell(i) ?? String(v)); }
        raw[i] = code;
      }
    }
    return rankLevels(raw, texts);
  }
}

/**
 * Codes in level order: each row's level index (−1 = missing) into the levels sorted in numeric order when every
 * one reads as a number and in alphabetical order otherwise. Null when there is no level.
 * @param raw each row's index into `texts` (−1 = missing)
 */
export function rankLevels(raw: Int32Array, texts: string[]): { codes: Int32Array; levels: string[] } | null {
  if (texts.length === 0) return null;
  const numeric = texts.every((t) => t.trim() !== '' && Number.isFinite(Number(t)));
  const order = texts.map((_, j) => j).sort((a, b) => (numeric ? Number(texts[a]) - Number(texts[b]) : texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0));
  const rank = new Int32Array(texts.length);
  order.forEach((j, r) => { rank[j] = r; });
  const n = raw.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = raw[i] < 0 ? -1 : rank[raw[i]];
  return { codes, levels: order.map((j) => texts[j]) };
}

/** Trims names; empty ones become `columnN`, repeated ones `name_2`, `name_3`…; one notice lists what changed. */
export function uniqueNames(fileName: string, raw: string[], notices: DataNotice[]): string[] {
  const trimmed = raw.map((n) => n.trim());
  const first = new Map<string, number>();
  trimmed.forEach((n, k) => {
    if (n !== '' && !first.has(n)) first.set(n, k);
  });
  // Every real name is reserved up front, so a made-up name never takes one that appears later.
  const reserved = new Set(first.keys());
  const renamed: { from: string; to: string; column: number }[] = [];
  const names = trimmed.map((n, k) => {
    if (n !== '' && first.get(n) === k) return n;
    const base = n === '' ? `column${k + 1}` : n;
    let suffix = 2;
    let candidate = n === '' ? base : `${base}_${suffix++}`;
    while (reserved.has(candidate)) candidate = `${base}_${suffix++}`;
    reserved.add(candidate);
    renamed.push({ from: n, to: candidate, column: k + 1 });
    return candidate;
  });
  if (renamed.length > 0) notices.push({ code: 'renamed-columns', message: NoticeText.renamedColumns(fileName, renamed) });
  return names;
}

/** Names column1…columnN for files without a header row. */
export function generatedNames(n: number): string[] {
  return Array.from({ length: n }, (_, k) => `column${k + 1}`);
}

/**
 * Finishes the columns and builds the Table; throws when nothing can be fitted (no rows, no numeric column).
 * @param lineNumbers at least nRows long; only the first nRows are used
 */
export function buildTable(
  fileName: string,
  format: DataFormat,
  names: string[],
  columns: Column[],
  nRows: number,
  lineNumbers: Int32Array,
  notices: DataNotice[],
): DataTable {
  if (nRows === 0) throw new DataError('no-rows', fileName, ErrorText.headerOnly(fileName, names.length));
  for (const c of columns) c.finish();
  const table = new DataTable(format, columns, names, nRows, lineNumbers.subarray(0, nRows), notices);
  requireFittable(fileName, table.columns);
  notices.push(...strayNotices(fileName, table.columns));
  return table;
}

/** Throws DataError `no-numeric-column` when no column holds numbers or categories. */
export function requireFittable(fileName: string, columns: ColumnInfo[]): void {
  if (columns.some((c) => c.type === 'numeric' || c.levels !== undefined)) return;
  const described = columns
    .slice(0, 4)
    .map((c) => `"${c.name}" ${c.reason ?? `is ${c.type}`}`)
    .join(', ');
  const more = columns.length > 4 ? `, and ${columns.length - 4} more` : '';
  throw new DataError('no-numeric-column', fileName, ErrorText.noNumericColumn(fileName, described + more));
}

/** One notice per numeric column that had non-number cells, with its first example. */
export function strayNotices(fileName: string, columns: ColumnInfo[]): DataNotice[] {
  const notices: DataNotice[] = [];
  for (const info of columns) {
    const ex = info.stats.strayExamples?.[0];
    if (ex !== undefined) {
      notices.push({
        code: 'stray-values',
        message: NoticeText.strayValues(fileName, info.name, info.stats.strayCount!, ex.line, ex.value),
      });
    }
  }
  return notices;
}
