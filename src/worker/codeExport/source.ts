/**
 * How the readers read a file, recovered from the table they made: the delimiter, decimal commas and header come from
 * the notices the CSV reader writes (no notice: comma for .csv, tab for .tsv, decimal points; a header unless the
 * first row held a number), the fitted columns' positions from the table's column order.
 */
import type { Table } from '../../data';
import { DelimiterName, NoticeText } from '../../data/messages';
import type { CodeSource } from './types';

/**
 * The CodeSource of a table read from `fileName`, opened by the script at `path`.
 * @param columns the fitted columns' names, in the parameters' order
 */
export function codeSource(table: Table, fileName: string, path: string, columns: readonly string[]): CodeSource {
  const has = (code: string) => table.notices.some((n) => n.code === code);
  let delimiter = table.format === 'tsv' ? '\t' : ',';
  let decimalComma = false;
  const said = table.notices.find((n) => n.code === 'delimiter');
  if (said) {
    // Any delimiter, with or without decimal commas (a semicolon file written with decimal points has none; a tab or
    // pipe file may have them).
    for (const d of Object.keys(DelimiterName)) {
      for (const comma of [false, true]) {
        if (said.message === NoticeText.delimiter(fileName, DelimiterName[d], comma)) { delimiter = d; decimalComma = comma; }
      }
    }
  }
  const positions = columns.map((name) => {
    const at = table.columns.findIndex((c) => c.name === name);
    if (at < 0) throw new RangeError(`codeSource: the table has no column "${name}"`);
    return at;
  });
  return {
    fileName, path, format: table.format, delimiter, header: !has('no-header'), decimalComma, positions,
    nColumns: table.columns.length, renamed: has('renamed-columns'), longRows: has('long-rows'),
  };
}
