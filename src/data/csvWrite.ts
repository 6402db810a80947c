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
 * since a blank line would be skipped on reading.
 */
export function formatCsvRow(fields: (string | null)[], delimiter = ','): string {
  if (fields.length === 1 && (fields[0] === null || fields[0] === '')) return '""';
  return fields.map((f) => (f === null ? '' : csvField(f, delimiter))).join(delimiter);
}
