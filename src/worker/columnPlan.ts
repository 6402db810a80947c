/**
 * Which role each fitted column plays: numeric (a Gaussian block), categories or Poisson counts. A text or
 * true/false column is fitted as categories; a numeric column as categories or counts when the settings say so.
 */
import type { Table } from '../data';
import type { FitSettingsDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';

/** Table column indices by role, each in the order of `settings.columns`. */
export interface ColumnPlan {
  numeric: number[];
  categorical: number[];
  counts: number[];
}

export function planColumns(table: Table, fileName: string, settings: FitSettingsDto): ColumnPlan {
  if (settings.columns.length === 0) throw new WorkerError('no-columns', workerMessages.noColumns(fileName));
  const plan: ColumnPlan = { numeric: [], categorical: [], counts: [] };
  const asCategories = new Set(settings.categorical ?? []), asCounts = new Set(settings.counts ?? []);
  for (const name of settings.columns) {
    const index = table.columns.findIndex((c) => c.name === name);
    if (index < 0) throw new WorkerError('unknown-column', workerMessages.unknownColumn(fileName, name));
    const column = table.columns[index];
    if (asCounts.has(name)) {
      if (column.type !== 'numeric') throw new WorkerError('unusable-column', workerMessages.notCounts(fileName, name));
      plan.counts.push(index);
    } else if (asCategories.has(name) || column.type === 'text' || column.type === 'boolean') {
      if (column.levels === undefined) {
        throw new WorkerError('unusable-column', workerMessages.unusableColumn(fileName, name, column.reason ?? 'has too few or too many distinct values to be fitted as categories'));
      }
      plan.categorical.push(index);
    } else {
      if (column.type !== 'numeric' || !column.usable) {
        throw new WorkerError('unusable-column', workerMessages.unusableColumn(fileName, name, column.reason ?? `it is a ${column.type} column`));
      }
      plan.numeric.push(index);
    }
  }
  return plan;
}
