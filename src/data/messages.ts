/**
 * Every user-facing text of the data readers, in one place so tests can assert them and wording stays consistent.
 * Each message names the file, says where (line, column) when that applies, and says what to do.
 */

/** Formats a byte count for people: "512 bytes", "3.4 MB", "1.2 GB" (decimal units, as file managers show). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(1)} GB`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Error texts, by `DataErrorCode`. */
export const ErrorText = {
  unreadable: (file: string, reason: string) =>
    `${file}: the file could not be read (${reason}). Check that it exists and that you may read it.`,
  emptyFile: (file: string) => `${file}: the file is empty. Choose a file that holds a table of data.`,
  headerOnly: (file: string, nColumns: number) =>
    `${file}: the file has a header row (${plural(nColumns, 'column')}) but no data rows. Add rows of data below the header.`,
  noRecords: (file: string) => `${file}: the JSON holds no records. Add at least one row of data.`,
  noNumericColumn: (file: string, described: string) =>
    `${file}: no column holds numbers (${described}), so there is nothing to fit. ` +
    'Check that the delimiter and the decimal point are right, or choose a file with numeric columns.',
  unterminatedQuote: (file: string, line: number) =>
    `${file}, line ${line}: a quoted field opens here but is never closed. Add the closing double quote (") or remove the opening one.`,
  jsonSyntax: (file: string, line: number, column: number, problem: string) =>
    `${file}, line ${line}, column ${column}: the JSON is malformed (${problem}). Fix the file in an editor that checks JSON, then open it again.`,
  jsonSyntaxNoPlace: (file: string, problem: string) =>
    `${file}: the JSON is malformed (${problem}). Fix the file in an editor that checks JSON, then open it again.`,
  notATable: (file: string, found: string) =>
    `${file}: the JSON holds ${found}, not a table. Use an array of objects ([{"x": 1, "y": 2}, …]), an array of arrays, ` +
    'or an object of columns ({"x": [...], "y": [...]}).',
  jsonLineNotObject: (file: string, line: number, found: string) =>
    `${file}, line ${line}: the line holds ${found}, not an object. Each line of a JSON Lines file must be one JSON object ({"x": 1, "y": 2}).`,
  binary: (file: string) =>
    `${file}: the file looks binary (it contains zero bytes), not text. Export the data as CSV, TSV, JSON or JSON Lines.`,
  utf16: (file: string) => `${file}: the file is UTF-16 text. Save it again as UTF-8 (for example "CSV UTF-8" in Excel).`,
  notUtf8: (file: string, line: number, byteOffset: number) =>
    `${file}, line ${line}: the file is not valid UTF-8 text (bad byte at offset ${byteOffset}). ` +
    'Save it again with UTF-8 encoding (for example "CSV UTF-8" in Excel).',
  tooLarge: (file: string, size: number, maxBytes: number) =>
    `${file}: the file is ${formatBytes(size)}, over the limit of ${Math.round(maxBytes / 2 ** 20)} MB. ` +
    'Raise the setting emExplorer.maxFileSizeMB to read it, or use a smaller sample of the file.',
  jsonTooLarge: (file: string) =>
    `${file}: a JSON document this large cannot be read in one piece. Save it as JSON Lines (one object per line), which is read as it streams.`,
  internal: (file: string, detail: string) =>
    `${file}: the file could not be read because of an error in EM Explorer (${detail}). Please report this with the file attached if you can.`,
};

/** Texts of notices: things the reader fixed or decided on its own. */
export const NoticeText = {
  renamedColumns: (file: string, renamed: { from: string; to: string; column: number }[]) =>
    `${file}: ${plural(renamed.length, 'column name was', 'column names were')} empty or repeated and ${renamed.length === 1 ? 'was' : 'were'} renamed: ` +
    renamed
      .slice(0, 5)
      .map((r) => `column ${r.column} ${r.from === '' ? '(no name)' : `"${r.from}"`} → "${r.to}"`)
      .join(', ') +
    (renamed.length > 5 ? `, and ${renamed.length - 5} more` : '') +
    '.',
  shortRows: (file: string, line: number, expected: number, found: number, count: number) =>
    `${file}, line ${line}: expected ${expected} fields but found ${found}. ` +
    `${plural(count, 'row was', 'rows were')} shorter than the header; the missing cells were read as missing values.`,
  longRows: (file: string, line: number, expected: number, found: number, count: number) =>
    `${file}, line ${line}: expected ${expected} fields but found ${found}. ` +
    `${plural(count, 'row was', 'rows were')} longer than the header; the extra fields were ignored. Check the delimiter or the quoting.`,
  delimiter: (file: string, name: string, decimalComma: boolean) =>
    `${file}: read as ${name}-separated values${decimalComma ? ', with decimal commas (1,5 = 1.5)' : ''}.`,
  noHeader: (file: string, n: number) =>
    `${file}: the first row holds numbers, so it was read as data and the columns were named column1…column${n}.`,
  jsonKey: (file: string, key: string, n: number) =>
    `${file}: read the ${plural(n, 'record')} under the key "${key}" (the largest list of records in the file).`,
  unevenColumns: (file: string, longest: number) =>
    `${file}: the columns have different lengths; shorter ones were padded with missing values up to ${longest} rows.`,
  strayValues: (file: string, column: string, count: number, line: number, value: string) =>
    `${file}, line ${line}, column "${column}": "${value}" is not a number. ` +
    `${plural(count, 'cell like this was', 'cells like this were')} read as missing values.`,
};

/** Why a column cannot be used by EM (ColumnInfo.reason). */
export const ReasonText = {
  text: 'holds text (categories), not numbers',
  boolean: 'holds true/false values, not numbers',
  empty: 'every value is missing',
  constant: (value: number) => `every value is the same (${value}), so it carries no information for clustering`,
};

/** Names of the delimiters in notices. */
export const DelimiterName: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
