import { CELL_NUMBER, classifyCell } from './cellValue';
import { DELIMITER_CANDIDATES } from './delimiter';

/**
 * Writing CSV (exports, and the round-trip tests): RFC 4180 quoting, so what `readTable` reads back is the same.
 */

/**
 * A field, quoted when it holds the delimiter or any other character a reader may take for one (so delimiter
 * detection reads the file back the same way), a quote, a line break, or spaces at either end.
 */
export function csvField(value: string, delimiter = ','): string {
  const needsQuotes =
    value.includes(delimiter) ||
    DELIMITER_CANDIDATES.some((d) => value.includes(d)) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    (value.length > 0 && (value.trim() !== value));
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * One row without its line end; `null` is a missing cell (written empty). A row of one empty cell is written `""`,
 * since a blank line would be skipped on reading. With `guardFormulas`, cells a spreadsheet would run as formulas
 * are neutralised (`guardFormula`).
 */
export function formatCsvRow(fields: (string | null)[], delimiter = ',', guardFormulas = false): string {
  if (fields.length === 1 && (fields[0] === null || fields[0] === '')) return '""';
  return fields.map((f) => (f === null ? '' : guardFormulas && isFormulaLike(f) ? guardFormula(f) : csvField(f, delimiter))).join(delimiter);
}

/** The characters a spreadsheet may take as the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Whether a cell starts like a formula and is not simply a number ("-5", "+1e3" stay numbers). */
export function isFormulaLike(value: string): boolean {
  return value.length > 0 && FORMULA_START.has(value[0]) && classifyCell(value, 0, value.length) !== CELL_NUMBER;
}

/**
 * The cell neutralised as OWASP advises: a leading single quote, so a spreadsheet shows it as text instead of
 * running it, and the whole cell in double quotes (inner quotes doubled).
 */
export function guardFormula(value: string): string {
  return `"'${value.replace(/"/g, '""')}"`;
}
