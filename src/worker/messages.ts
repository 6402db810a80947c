/** Every message the worker writes for the user, in one place (tests assert these texts). */
import type { ErrorDto } from '../protocol/model';
import { MAX_COMPONENTS } from '../protocol/components';

export class WorkerError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'WorkerError';
  }
}

export const workerMessages = {
  notLoaded: () => 'No data file is loaded in this panel yet. Run "EM: Fit Mixture Model" on a data file.',
  noColumns: (file: string) =>
    `${file}: no columns are selected for the fit. Tick at least one column in the panel's column list.`,
  unknownColumn: (file: string, name: string) =>
    `${file}: there is no column named "${name}". The file may have changed; pick the columns again.`,
  notCounts: (file: string, name: string) =>
    `${file}: column "${name}" does not hold numbers, so it cannot be fitted as counts. Fit it as categories instead.`,
  badCount: (file: string, name: string, line: number, value: number) =>
    `${file}, line ${line}: column "${name}" holds ${value}, which is not a count (a whole number ≥ 0). ` +
    'Fit the column as numbers or as categories instead, or correct the value.',
  unusableColumn: (file: string, name: string, reason: string) =>
    `${file}: column "${name}" cannot be used for the fit: ${reason}`,
  cannotCompare: (file: string, name: string, reason: string) =>
    `${file}: the clusters cannot be compared with column "${name}": ${reason}. Choose a column of categories or numbers.`,
  badK: (value: unknown) =>
    `The number of components must be a whole number from 1 to ${MAX_COMPONENTS}, or a range such as 1-6 (got ${JSON.stringify(value)}).`,
  badModels: (value: unknown) =>
    `The covariance models must be a list of mclust's names (EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV) (got ${JSON.stringify(value)}).`,
  noResult: () => 'There is nothing to export yet: fit a model first.',
  modelTooLarge: (file: string, k: number, d: number, numbers: number, maxColumns: number) =>
    `${file}: a model of ${k} components over ${d.toLocaleString('en-US')} columns has ${numbers.toLocaleString('en-US')} ` +
    `parameters in full covariance matrices, more than EM Explorer can return. Fit at most ${maxColumns.toLocaleString('en-US')} ` +
    `columns with ${k} components, or fewer components.`,
  noSuchRow: (row: number, nRows: number) =>
    `There is no row ${row} in the data file (it has ${nRows.toLocaleString('en-US')} rows). The file may have been read again; fit it again.`,
  noSuchComponent: (k: number, K: number) =>
    `The model has ${K} components, so there is no component ${k + 1}. Fit again, or pick another component.`,
  streamedMixed: (file: string) =>
    `${file} is larger than the memory budget as a table, so it is streamed, and a streamed fit takes numeric columns only. ` +
    'Leave the categorical and count columns out, or raise the setting emExplorer.memoryBudgetMB (--memory-budget in the CLI) above its size as a table ' +
    '(the notice on the file gives it).',
  rowGroupMixed: (file: string, decodedMb: number, budgetMb: number) =>
    `${file}: the fitted columns take ${decodedMb.toLocaleString('en-US')} MB decoded, more than the memory budget ` +
    `(${budgetMb.toLocaleString('en-US')} MB), so the file is read one row group at a time, and such a fit takes numeric columns only. ` +
    'Leave the categorical and count columns out, fit fewer columns, or raise the setting emExplorer.memoryBudgetMB (--memory-budget in the CLI).',
  streamedFile: (file: string, sizeMb: number, tableMb: number, budgetMb: number, headRows: number) =>
    `${file} (${sizeMb.toLocaleString('en-US')} MB; about ${tableMb.toLocaleString('en-US')} MB as a table in memory) is larger than ` +
    `the memory budget (${budgetMb.toLocaleString('en-US')} MB): ` +
    `it is not held in memory but read again for every pass of the fit. The column list comes from its first ` +
    `${headRows.toLocaleString('en-US')} rows.`,
  streamedRows: (file: string) =>
    `${file} was read in passes (as a table it is larger than the memory budget), so its rows are not held in memory: the rows view, the ` +
    'unusual rows and comparing with a column need them. Raise the setting emExplorer.memoryBudgetMB above its size as a table (the ' +
    'result says it) and fit again.',
  streamedRowLine: (file: string, row: number, headRows: number) =>
    `${file} was streamed (it is larger than the memory budget), so the line of a row is known only for the rows drawn in the scatter ` +
    `and the first ${headRows.toLocaleString('en-US')} rows, and row ${row.toLocaleString('en-US')} is neither. Fit again to draw the scatter anew, ` +
    'or raise the setting emExplorer.memoryBudgetMB above its size as a table (the notice on the file gives it).',
  streamedExport: (file: string) =>
    `${file} was read in passes (as a table it is larger than the memory budget): its labelled rows are exported as CSV only, written as the file is read ` +
    '(a JSON export would not fit in memory either). Export the clusters as CSV, or the model (parameters) as JSON.',
  streamedExportFormat: (file: string) =>
    `${file} was streamed (it is larger than the memory budget), and the labelled export of a streamed file is written for CSV and TSV files ` +
    'only. Export the model (parameters) instead, or raise the setting emExplorer.memoryBudgetMB above its size as a table (the notice on ' +
    'the file gives it) and fit again.',
  cancelled: () => 'Cancelled.',
  internal: (detail: string) =>
    `EM Explorer hit an internal error: ${detail}. Please report it with the data file's shape (rows, columns).`,
};

/** Turns anything thrown by the readers, the engine or the worker into an ErrorDto for the user. */
export function toErrorDto(e: unknown): ErrorDto {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    const err = e as { code: unknown; message: string; line?: unknown; column?: unknown };
    const dto: ErrorDto = { code: String(err.code), message: err.message };
    if (typeof err.line === 'number') dto.line = err.line;
    if (typeof err.column === 'string') dto.column = err.column;
    return dto;
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: workerMessages.internal(detail) };
}
