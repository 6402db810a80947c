/** The CLI's choice of columns: --columns checked against the file (messages name the flag), else every usable one. */
import type { Table } from '../data';
import { CliError } from './args';
import { cliMessages } from './messages';

/** Column names to fit. Throws CliError naming --columns for a name the file lacks or a column that cannot be fitted. */
export function chooseColumns(table: Table, fileName: string, requested: string[] | undefined): string[] {
  if (requested === undefined) {
    const usable = table.columns.filter((c) => c.usable).map((c) => c.name);
    if (usable.length === 0) {
      const described = table.columns.slice(0, 4).map((c) => `"${c.name}": ${c.reason ?? `a ${c.type} column`}`).join('; ');
      const more = table.columns.length > 4 ? `; and ${table.columns.length - 4} more` : '';
      throw new CliError(cliMessages.noUsableColumn(fileName, described + more));
    }
    return usable;
  }
  for (const name of requested) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new CliError(cliMessages.unknownColumn(fileName, name, listNames(table)));
    if (column.type !== 'numeric') throw new CliError(cliMessages.unusableColumn(fileName, name, column.reason ?? `is a ${column.type} column`));
  }
  return requested;
}

function listNames(table: Table): string {
  const names = table.columns.slice(0, 10).map((c) => `"${c.name}"`).join(', ');
  return table.columns.length > 10 ? `${names} and ${table.columns.length - 10} more` : names;
}
