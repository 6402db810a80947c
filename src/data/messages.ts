/**
 * Every user-facing text of the data readers, in one place so tests can assert them and wording stays consistent.
 * Each message names the file, says where (line, column) when that applies, and says what to do.
 */

import type { LimitSource } from './types';

/** Formats a byte count for people: "512 bytes", "3.4 MB", "1.2 GB" (decimal units, as file managers show). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(1)} GB`;
}

/** Formats a count with thousands separators: 10,000. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** How to raise the size limit, by where it was set. */
const RaiseLimit: Record<LimitSource, string> = {
  setting: 'Raise the setting emExplorer.maxFileSizeMB',
  cli: 'Pass a larger --max-file-size (in MB)',
};

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
    `${file}: no column holds numbers or categories (${described}): a text column needs 2 to 100 distinct values to be ` +
    'fitted as categories. Check that the delimiter and the decimal point are right, or choose another file.',
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
    `${file}: the file looks binary (it contains zero bytes), not text. Export the data as CSV, TSV, JSON, JSON Lines, Parquet or Arrow.`,
  utf16: (file: string) => `${file}: the file is UTF-16 text. Save it again as UTF-8 (for example "CSV UTF-8" in Excel).`,
  notUtf8: (file: string, line: number, byteOffset: number) =>
    `${file}, line ${line}: the file is not valid UTF-8 text (bad byte at offset ${byteOffset}). ` +
    'Save it again with UTF-8 encoding (for example "CSV UTF-8" in Excel).',
  tooLarge: (file: string, size: number, maxBytes: number, source: LimitSource = 'setting') =>
    `${file}: the file is ${formatBytes(size)}, over the limit of ${Math.round(maxBytes / 2 ** 20)} MB. ` +
    `${RaiseLimit[source]} to read it, or use a smaller sample of the file.`,
  gzipRatio: (file: string, ratio: number, unpacked: number, packed: number) =>
    `${file}: the file decompresses to more than ${ratio} times its size (over ${formatBytes(unpacked)} from ` +
    `${formatBytes(packed)}): a compression bomb, or data so repetitive that it is safer to decompress it yourself ` +
    '(for example with gunzip) and open the result.',
  tooLargeUnpacked: (file: string, maxBytes: number, source: LimitSource = 'setting') =>
    `${file}: the file decompresses to more than the limit of ${Math.round(maxBytes / 2 ** 20)} MB. ` +
    `${RaiseLimit[source]} to read it, or use a smaller sample of the file.`,
  tooManyColumns: (file: string, line: number, max: number) =>
    `${file}, line ${line}: the row has more than ${formatCount(max)} fields, the most EM Explorer reads. ` +
    'Keep only the columns you need (for example with cut or csvcut), transpose the file if its rows are the ' +
    'variables, or split it into narrower files.',
  tooManyKeys: (file: string, line: number, max: number) =>
    `${file}, line ${line}: the records have more than ${formatCount(max)} different keys, the most EM Explorer reads ` +
    'as columns. Keep only the keys you need (for example with jq), or split the file into files of similar records.',
  tooManyValues: (file: string, line: number, max: number) =>
    `${file}, line ${line}: the row holds more than ${formatCount(max)} values, the most EM Explorer reads as columns. ` +
    'Keep only the columns you need, transpose the data if its rows are the variables, or split it.',
  tooSparse: (file: string, line: number, keys: number, cells: number) =>
    `${file}, line ${line}: the records use ${formatCount(keys)} different keys but each holds only a few, so as a ` +
    `table they already need ${formatCount(cells)} cells, far more than the file holds values. Keep only the keys ` +
    'you need (for example with jq), or split the file into files of similar records.',
  fieldTooLong: (file: string, line: number, max: number) =>
    `${file}, line ${line}: a field here is longer than ${formatBytes(max)}, the longest EM Explorer reads ` +
    '(a quoted field that opens here may never close). Check the quotes on that line, or split long texts out of the table.',
  recordTooLong: (file: string, line: number, max: number) =>
    `${file}, line ${line}: a JSON record here is longer than ${formatBytes(max)}, the longest EM Explorer reads. ` +
    'Check that the file is one record per line (or per array element), or split the records into smaller ones.',
  notAFile: (file: string, kind: string) =>
    `${file}: this is ${kind}, not a regular file, so it cannot be read as a whole. Save the data to a file first, then open that.`,
  changed: (file: string) =>
    `${file}: the file changed while it was being read (its size or modification time moved), so what was read is ` +
    'neither the old nor the new version. Wait until whatever writes it has finished, then fit again.',
  badGzip: (file: string, detail: string) =>
    `${file}: the gzip data is damaged (${detail}). Test it with "gunzip -t", or compress the data file again.`,
  compressed: (file: string, kind: string) =>
    `${file}: the file is ${kind}, not text. Extract the data file from it first, then open that.`,
  jsonTooLarge: (file: string) =>
    `${file}: a JSON document this large cannot be read in one piece. Save it as JSON Lines (one object per line), which is read as it streams.`,
  noRowsColumnar: (file: string, nColumns: number) =>
    `${file}: the file has ${plural(nColumns, 'column')} but no rows. Choose a file that holds rows of data.`,
  damaged: (file: string, format: string, detail: string) =>
    `${file}: the ${format} file is damaged or incomplete (${detail}). Write it again from its source, or check that ` +
    'it was copied or downloaded whole.',
  unsupported: (file: string, format: string, what: string) =>
    `${file}: this ${format} file uses ${what}, which EM Explorer cannot read. Write it again without it ` +
    '(for example with pandas or pyarrow), or export the data as CSV.',
  featherV1: (file: string) =>
    `${file}: this is a Feather file of the first version (2016–2019), which EM Explorer cannot read. Write it again ` +
    'as Feather version 2 (pyarrow.feather.write_feather or pandas.DataFrame.to_feather do by default) or as Parquet.',
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
  skippedColumns: (file: string, skipped: { name: string; why: string }[]) =>
    `${file}: ${plural(skipped.length, 'column was', 'columns were')} left out because EM Explorer reads only numbers, ` +
    'texts, true/false, dates and times: ' +
    skipped.slice(0, 5).map((c) => `"${c.name}" (${c.why})`).join(', ') +
    (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '') +
    '.',
  strayValues: (file: string, column: string, count: number, line: number, value: string) =>
    `${file}, line ${line}, column "${column}": "${value}" ${isOutOfRange(value) ? OUT_OF_RANGE : 'is not a number'}. ` +
    `${plural(count, 'cell like this was', 'cells like this were')} read as missing values.`,
};

/** Why a column cannot be used by EM (ColumnInfo.reason). */
export const ReasonText = {
  text: 'holds text (categories), not numbers',
  boolean: 'holds true/false values, not numbers',
  oneLevel: 'holds a single value, so it carries no information for clustering',
  tooManyLevels: (distinct: number, max: number) => `holds ${distinct} distinct texts, more than the ${max} categories a column may have`,
  empty: 'every value is missing',
  constant: (value: number) => `every value is the same (${value}), so it carries no information for clustering`,
};

/** Names of the columnar formats in messages. */
export const FORMAT_NAME: Record<'parquet' | 'arrow', string> = { parquet: 'Parquet', arrow: 'Arrow' };

/** Names of the delimiters in notices. */
export const DelimiterName: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

const OUT_OF_RANGE = 'is beyond the range of numbers (about ±1.8e308)';

/** Whether a cell's text is a number too large for a double ("1e400"; JSON's parser gives "Infinity"). */
function isOutOfRange(text: string): boolean {
  const t = text.trim();
  if (t === 'Infinity' || t === '-Infinity') return true;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && !Number.isFinite(Number(t));
}

/**
 * The notice of a delimited file read with a delimiter other than its format's default (comma for .csv, tab for
 * .tsv) or with decimal commas, or undefined when there is nothing to say. Both readers (whole and streamed) use it,
 * and "Export as code" reads the delimiter and decimal commas back from it.
 */
export function delimiterNotice(fileName: string, format: string, delimiter: string, decimalComma: boolean): { code: 'delimiter'; message: string } | undefined {
  if (delimiter === (format === 'tsv' ? '\t' : ',') && !decimalComma) return undefined;
  return { code: 'delimiter', message: NoticeText.delimiter(fileName, DelimiterName[delimiter] ?? delimiter, decimalComma) };
}
