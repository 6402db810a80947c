/**
 * The CLI's choice of columns: --columns checked against the file (messages name the flag), else every usable
 * numeric one; columns named by --categorical or --count join the fit when --columns leaves them out.
 */
import { defaultColumns, type ColumnInfo, type Table } from '../data';
import { CliError } from './args';
import { cliMessages } from './messages';

export interface ColumnRoles {
  categorical: string[];
  counts: string[];
}

/** Column names to fit. Throws CliError naming the flag for a name the file lacks or a column that cannot be fitted. */
export function chooseColumns(table: Table, fileName: string, requested: string[] | undefined, roles: ColumnRoles = { categorical: [], counts: [] }): string[] {
  const find = (name: string, flag: string): ColumnInfo => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new CliError(cliMessages.unknownColumn(fileName, name, flag, listNames(table)));
    return column;
  };
  for (const name of roles.categorical) {
    const column = find(name, '--categorical');
    if (column.levels === undefined) throw new CliError(cliMessages.notCategories(fileName, name, column.reason ?? levelsReason(column)));
  }
  for (const name of roles.counts) {
    const column = find(name, '--count');
    if (column.type !== 'numeric') throw new CliError(cliMessages.notCounts(fileName, name, `it holds ${column.type === 'empty' ? 'no value' : 'text, not numbers'}`));
  }
  const named = [...roles.categorical, ...roles.counts];
  if (requested === undefined) {
    const asRole = new Set(named);
    // Without roles named, the panel's default (a file without numbers: its text columns, a latent class model).
    const chosen = named.length === 0 ? defaultColumns(table.columns) : table.columns.filter((c) => c.usable && !asRole.has(c.name)).map((c) => c.name);
    const all = [...chosen, ...named];
    if (all.length === 0) {
      const described = table.columns.slice(0, 4).map((c) => `"${c.name}": ${c.reason ?? `a ${c.type} column`}`).join('; ');
      const more = table.columns.length > 4 ? `; and ${table.columns.length - 4} more` : '';
      throw new CliError(cliMessages.noUsableColumn(fileName, described + more));
    }
    return all;
  }
  const asRole = new Set(named);
  for (const name of requested) {
    const column = find(name, '--columns');
    if (asRole.has(name)) continue;
    if (column.type === 'numeric' ? !column.usable : column.levels === undefined) {
      throw new CliError(cliMessages.unusableColumn(fileName, name, column.reason ?? `is a ${column.type} column`));
    }
  }
  return [...requested, ...named.filter((name) => !requested.includes(name))];
}

function levelsReason(column: ColumnInfo): string {
  return column.type === 'numeric' ? 'holds numbers that are not whole, or more than 100 distinct values' : `is a ${column.type} column`;
}

function listNames(table: Table): string {
  const names = table.columns.slice(0, 10).map((c) => `"${c.name}"`).join(', ');
  return table.columns.length > 10 ? `${names} and ${table.columns.length - 10} more` : names;
}
