/**
 * The last fit's clusters against one column of the table: the column's groups, the clusters × groups table, the
 * adjusted Rand index and normalized mutual information, and each scatter sample row's group (to colour by it).
 * The fit never used the column unless the person ticked it: this only reads it.
 */
import { adjustedRandIndex, normalizedMutualInfo } from '../core/numeric/agreement';
import type { Table } from '../data';
import type { ComparisonDto } from '../protocol/model';
import { WorkerError, workerMessages } from './messages';
import type { FitOutcome } from './fitHooks';

/** A numeric column with more distinct values than categories allow is cut into this many quantile bins. */
export const COMPARE_BINS = 5;

/** Each row's group (−1 missing) and the groups' names. */
function groupsOf(table: Table, fileName: string, col: number): { codes: Int32Array; levels: string[]; binned: boolean } {
  const info = table.columns[col];
  if (info.levels !== undefined) {
    const c = table.categoryCodes(col);
    if (c) return { ...c, binned: false };
  }
  if (info.type === 'numeric' && info.stats.count > 0) return quantileBins(table, col);
  throw new WorkerError('cannot-compare', workerMessages.cannotCompare(fileName, info.name, info.reason ?? `it is a ${info.type} column`));
}

/** COMPARE_BINS bins of about equal counts (fewer when values repeat), labelled by their ranges. */
function quantileBins(table: Table, col: number): { codes: Int32Array; levels: string[]; binned: boolean } {
  const n = table.nRows;
  const values: number[] = [];
  for (let i = 0; i < n; i++) { const v = table.number(i, col); if (v === v) values.push(v); }
  values.sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < COMPARE_BINS; b++) {
    const edge = values[Math.floor((b * values.length) / COMPARE_BINS)];
    if (edge > values[0] && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  const bounds = [values[0], ...edges, values[values.length - 1]];
  const fmt = (v: number) => String(Number(v.toPrecision(4)));
  const levels = bounds.slice(0, -1).map((lo, b) => `${b === 0 ? '[' : '['}${fmt(lo)}, ${fmt(bounds[b + 1])}${b === bounds.length - 2 ? ']' : ')'}`);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = table.number(i, col);
    if (v !== v) { codes[i] = -1; continue; }
    let b = 0;
    while (b < edges.length && v >= edges[b]) b++;
    codes[i] = b;
  }
  return { codes, levels, binned: true };
}

export function compareWithColumn(table: Table, fileName: string, outcome: FitOutcome, column: string): ComparisonDto {
  const col = table.columns.findIndex((c) => c.name === column);
  if (col < 0) throw new WorkerError('unknown-column', workerMessages.unknownColumn(fileName, column));
  const { codes, levels, binned } = groupsOf(table, fileName, col);
  const { fit, dto } = outcome;
  const K = dto.params.nComponents, L = levels.length;
  const counts = Array.from({ length: K }, () => new Array<number>(L).fill(0));
  let nMissing = 0;
  fit.rowsUsed.forEach((row, j) => {
    const code = codes[row];
    if (code < 0) nMissing++;
    else counts[fit.labels[j]][code]++;
  });
  const nRows = fit.rowsUsed.length - nMissing;
  return {
    column, levels, binned,
    sampleCodes: dto.sample.rowIndex.map((row) => codes[row]),
    table: counts, nRows, nMissing,
    ari: adjustedRandIndex(counts), nmi: normalizedMutualInfo(counts),
  };
}
