/**
 * Export files: the original table plus cluster, p_1…p_K, uncertainty and the imputed value of every
 * missing fitted cell (CSV or JSON), or the fitted parameters as JSON. Text only; the host writes it.
 *
 * Safe by default: in CSV, a cell a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`, tab, CR, and not
 * a number) is written as text, `"'=…"` (OWASP's advice; `csvFormulaGuard: false` turns it off). In JSON, the
 * cells of numeric columns are numbers and those of true/false columns booleans, as a JSON reader expects.
 */
import { valueAt } from '../core';
import { formatCsvRow, type Table } from '../data';
import { modelSummary } from './modelSummary';
import type { FitOutcome } from './fitHooks';

export type ExportKind = 'labels-csv' | 'labels-json' | 'params-json';

export interface ExportOptions {
  /** Neutralise formula-like cells in CSV (on unless the person turned `emExplorer.csvFormulaGuard` off). */
  csvFormulaGuard: boolean;
}

export function exportText(table: Table, outcome: FitOutcome, kind: ExportKind, options: ExportOptions = { csvFormulaGuard: true }): string {
  if (kind === 'params-json') return paramsJson(outcome);
  const { header, rows } = labelledRows(table, outcome, kind === 'labels-json');
  if (kind === 'labels-csv') {
    const guard = options.csvFormulaGuard;
    const lines = [formatCsvRow(header, ',', guard)];
    for (const row of rows) lines.push(formatCsvRow(row.map((v) => (v === null ? null : String(v))), ',', guard));
    return lines.join('\n') + '\n';
  }
  const records = rows.map((row) => Object.fromEntries(header.map((h, j) => [h, row[j]])));
  return JSON.stringify(records, null, 1) + '\n';
}

/** The same object the CLI prints, plus the settings that produced it. */
function paramsJson(outcome: FitOutcome): string {
  return JSON.stringify({ ...modelSummary(outcome.dto), settings: outcome.dto.settings }, null, 2) + '\n';
}

type Cell = string | number | boolean | null;

/**
 * The table's cell as an export value: its text, or with `typed` (JSON) the number of a numeric column's number
 * cell and the boolean of a true/false column's cell. A numeric column's stray text stays text.
 */
function cellValue(table: Table, row: number, column: number, typed: boolean): Cell {
  const text = table.cell(row, column);
  if (!typed || text === null) return text;
  const type = table.columns[column].type;
  if (type === 'numeric') {
    const v = table.number(row, column);
    return Number.isFinite(v) ? v : text;
  }
  if (type === 'boolean') return text.trim().toLowerCase() === 'true';
  return text;
}

function labelledRows(table: Table, outcome: FitOutcome, typed: boolean): { header: string[]; rows: Cell[][] } {
  const { fit, numeric, categorical } = outcome;
  const { x, columns: columnIndices } = numeric;
  const K = fit.resp.length / Math.max(1, fit.rowsUsed.length);
  const d = x.cols;
  const J = categorical.columns.length;
  // Categorical columns with a missing cell among the rows used get an imputed column of their most probable level.
  const imputedCats: number[] = [];
  for (let c = 0; c < J && categorical.imputed; c++) {
    for (const row of fit.rowsUsed) if (categorical.codes[row * J + c] < 0) { imputedCats.push(c); break; }
  }
  const names = table.columns.map((c) => c.name);
  // Only fitted columns that had a missing cell get an imputed column.
  const imputedCols: number[] = [];
  for (let a = 0; a < d; a++) {
    for (let i = 0; i < x.rows; i++) if (Number.isNaN(valueAt(x, i, a))) { imputedCols.push(a); break; }
  }
  const taken = new Set(names);
  const unique = (base: string) => { let n = base; for (let j = 2; taken.has(n); j++) n = `${base}_${j}`; taken.add(n); return n; };
  const extra = [unique('cluster'), ...Array.from({ length: K }, (_, k) => unique(`p_${k + 1}`)), unique('uncertainty'),
    ...imputedCols.map((a) => unique(`${names[columnIndices[a]]}_imputed`)),
    ...imputedCats.map((c) => unique(`${names[categorical.columns[c]]}_imputed`))];
  const position = new Int32Array(table.nRows).fill(-1);
  fit.rowsUsed.forEach((row, j) => { position[row] = j; });
  const rows: Cell[][] = [];
  for (let i = 0; i < table.nRows; i++) {
    const row: Cell[] = names.map((_, c) => cellValue(table, i, c, typed));
    const j = position[i];
    if (j < 0) {
      row.push(...new Array<Cell>(extra.length).fill(null));
    } else {
      let max = 0;
      for (let k = 0; k < K; k++) max = Math.max(max, fit.resp[j * K + k]);
      row.push(fit.labels[j] + 1);
      for (let k = 0; k < K; k++) row.push(fit.resp[j * K + k]);
      row.push(1 - max);
      for (const a of imputedCols) row.push(Number.isNaN(valueAt(x, i, a)) && numeric.imputed ? numeric.imputed[i * d + a] : null);
      for (const c of imputedCats) {
        const code = categorical.codes[i * J + c], guess = categorical.imputed?.[i * J + c] ?? -1;
        row.push(code < 0 && guess >= 0 ? categorical.levels[c][guess] : null);
      }
    }
    rows.push(row);
  }
  return { header: [...names, ...extra], rows };
}
