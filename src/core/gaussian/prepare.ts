/**
 * Turns the user's table into the Gaussian family's working rows, once for every K and model of a sweep: checks
 * the data, skips rows that cannot be used, orders rows (complete rows first, then incomplete rows grouped by
 * missing-value pattern), and moves the data to working units z = (x − shift) / scale (shift = column mean;
 * scale = sd when standardising, else 1). Centring changes nothing in the model and keeps the one-pass statistics
 * well conditioned.
 */
import type { FitNotice, NumericTable } from '../mixture/types';
import { cellCount, hasShape, readRow } from '../mixture/numericTable';
import type { GaussianDataOptions, MissingStrategy } from './types';
import { FitError, messages, notices } from '../mixture/errors';
import { patternKey } from './marginal';
import { finishColumnUnits } from './columnUnits';
import { seededRowOrder } from '../mixture/rowOrder';
import type { PatternGroup } from './missingPass';
import type { StreamedRows } from './stream/types';

/**
 * Whether a row with `observed` of its d fitted cells observed is fitted: with 'drop' only a complete row, with 'em'
 * any row with one observed cell (a row with every cell missing is skipped either way). The one rule for every path
 * (in memory, in passes, streamed, and the exports that name the rows used).
 */
export function rowIsUsed(observed: number, d: number, missing: MissingStrategy): boolean {
  return missing === 'drop' ? observed === d : observed > 0;
}

export interface GaussianData {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly nUsed: number;
  readonly nComplete: number;
  /** nUsed × nFeatures working values (NaN stays NaN), in working order (shared memory when threaded). */
  readonly x: Float64Array;
  /** Working row → input row. */
  readonly order: Int32Array;
  /** Incomplete rows [nComplete, nUsed) by pattern. */
  readonly groups: PatternGroup[];
  readonly shift: Float64Array;
  readonly scale: Float64Array;
  /** Σ over observed cells of log scale_a: log-likelihood in original units = working one − this. */
  readonly logJacobian: number;
  /** Per-column variance in working units (observed cells): re-seeding, and the scale of the degeneracy test. */
  readonly columnVariance: Float64Array;
  /** Columns with a single value (their variance can only come from regCovar). */
  readonly constantColumns: readonly number[];
  readonly nDropped: number;
  readonly standardized: boolean;
  readonly columnNames: readonly string[];
  readonly notices: FitNotice[];
  /** Allocates memory the pass executor can share (shared memory when threaded). */
  readonly allocate: (n: number) => Float64Array;
  /** For a sample (`sampleData`): the working row of the whole data each row is. */
  readonly parentRows?: Int32Array;
  /**
   * Set when the rows are read from a file in passes instead of held (`stream/`): `x` and `order` are then empty,
   * and this holds the rows the sample stage needs.
   */
  readonly streamed?: StreamedRows;
}

/** See the file comment. `allocate` gives memory the pass executor can share. */
export function prepareData(m: NumericTable, o: GaussianDataOptions, allocate: (n: number) => Float64Array): GaussianData {
  if (o.missing !== 'em' && o.missing !== 'drop') throw new FitError('bad-option', messages.badOption('missing', o.missing, "'em' or 'drop'"));
  const { rows: nRows, cols: d } = m;
  if (d < 1 || !hasShape(m)) throw new FitError('bad-input', messages.badShape(nRows, d, cellCount(m)));
  const columnNames = Array.from({ length: d }, (_, a) => o.columnNames?.[a] ?? `column ${a + 1}`);
  const row = new Float64Array(d);
  // Complete rows from the front of `used` in input order; incomplete ones (usually few) aside with their pattern.
  const used = new Int32Array(nRows);
  let nComplete = 0;
  const incomplete: { row: number; key: string }[] = [];
  let nAllMissing = 0, nAnyMissing = 0;
  for (let i = 0; i < nRows; i++) {
    readRow(m, i, row);
    let nMissing = 0;
    for (let a = 0; a < d; a++) {
      const v = row[a];
      if (Number.isNaN(v)) nMissing++;
      else if (!Number.isFinite(v)) throw new FitError('bad-input', messages.infiniteCell(i, columnNames[a]));
    }
    if (nMissing === 0) used[nComplete++] = i;
    else if (nMissing === d) nAllMissing++;
    else if (!rowIsUsed(d - nMissing, d, o.missing)) nAnyMissing++;
    else incomplete.push({ row: i, key: patternKey(row, 0, d) });
  }
  const noticeList: FitNotice[] = [];
  if (nAllMissing > 0) noticeList.push(notices.rowsSkipped(nAllMissing, 'all-missing', o.columnNames ? columnNames : []));
  if (nAnyMissing > 0) noticeList.push(notices.rowsSkipped(nAnyMissing, 'any-missing', columnNames));
  const nDropped = nAllMissing + nAnyMissing;
  const nUsed = nComplete + incomplete.length;
  if (nUsed === 0) throw new FitError('no-rows', messages.noRows(nRows, nDropped));
  // Stable sort keeps input order inside each pattern, so the result does not depend on anything but the data.
  incomplete.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : p.row - q.row));
  incomplete.forEach((r, j) => { used[nComplete + j] = r.row; });
  const order = used.subarray(0, nUsed);
  const groups: PatternGroup[] = [];
  for (let j = 0; j < incomplete.length; j++) {
    const w = nComplete + j;
    const last = groups[groups.length - 1];
    if (last && last.key === incomplete[j].key) groups[groups.length - 1] = { ...last, end: w + 1 };
    else groups.push({ key: incomplete[j].key, start: w, end: w + 1 });
  }

  // Column moments over observed cells (two passes: mean, then centred sum of squares).
  const shift = new Float64Array(d), columnVariance = new Float64Array(d);
  const count = new Float64Array(d);
  for (const i of order) { readRow(m, i, row); for (let a = 0; a < d; a++) { const v = row[a]; if (v === v) { shift[a] += v; count[a]++; } } }
  for (let a = 0; a < d; a++) {
    if (count[a] === 0) throw new FitError('bad-input', messages.emptyColumn(columnNames[a]));
    shift[a] /= count[a];
  }
  for (const i of order) { readRow(m, i, row); for (let a = 0; a < d; a++) { const v = row[a]; if (v === v) columnVariance[a] += (v - shift[a]) ** 2; } }
  const { scale, logJacobian, constantColumns } = finishColumnUnits(columnVariance, count, o.standardize);

  const x = allocate(nUsed * d);
  for (let w = 0; w < nUsed; w++) {
    readRow(m, order[w], row);
    for (let a = 0; a < d; a++) x[w * d + a] = (row[a] - shift[a]) / scale[a];
  }
  return {
    nRows, nFeatures: d, nUsed, nComplete, x, order, groups, shift, scale, logJacobian,
    columnVariance, constantColumns, nDropped, standardized: o.standardize, columnNames, notices: noticeList, allocate,
  };
}

/** Distinct rows, counted only up to `limit` (so typical data stops after a few rows). NaN equals NaN here. */
export function countDistinctRows(x: Float64Array, n: number, d: number, limit: number): number {
  const seen: number[] = [];
  for (let i = 0; i < n && seen.length < limit; i++) {
    const isNew = seen.every((j) => {
      for (let a = 0; a < d; a++) {
        const u = x[i * d + a], v = x[j * d + a];
        if (u !== v && !(u !== u && v !== v)) return true;
      }
      return false;
    });
    if (isNew) seen.push(i);
  }
  return seen.length;
}

/**
 * The seeded order in which a data set's working rows enter its samples (samples of one seed are its prefixes); for
 * a streamed data set, the prefix of it that was kept.
 */
export function permutation(data: GaussianData, seed: number): Int32Array {
  if (data.streamed) {
    if (data.streamed.seed !== seed) throw new Error(`permutation: the streamed rows were kept for seed ${data.streamed.seed}, not ${seed}`);
    return data.streamed.prefix;
  }
  return seededRowOrder(data, data.nUsed, seed);
}

/** Working row w in working units (a view; for a streamed data set, one of the rows it kept). */
export function workingRow(data: GaussianData, w: number): Float64Array {
  const d = data.nFeatures;
  return data.streamed ? data.streamed.row(w) : data.x.subarray(w * d, (w + 1) * d);
}

/**
 * A seeded random sample of `rows` working rows, as data of its own in the same working units (shift, scale and
 * the column variances of the whole, so a state fitted on the sample restores on the whole). Samples of one seed are
 * nested. Rows keep their working order, so complete rows still come first and missing patterns stay grouped.
 */
export function sampleData(data: GaussianData, rows: number, seed: number): GaussianData {
  const d = data.nFeatures;
  const chosen = Int32Array.from(permutation(data, seed).subarray(0, Math.min(rows, data.nUsed))).sort();
  const n = chosen.length;
  const x = new Float64Array(n * d);
  const order = new Int32Array(n);
  let nComplete = 0, logJacobian = 0;
  const groups: PatternGroup[] = [];
  let g = 0;
  for (let j = 0; j < n; j++) {
    const w = chosen[j];
    const row = workingRow(data, w);
    x.set(row, j * d);
    order[j] = data.streamed ? data.streamed.inputRow(w) : data.order[w];
    for (let a = 0; a < d; a++) if (row[a] === row[a]) logJacobian += Math.log(data.scale[a]);
    if (w < data.nComplete) { nComplete++; continue; }
    while (data.groups[g].end <= w) g++;
    const last = groups[groups.length - 1];
    if (last && last.key === data.groups[g].key) groups[groups.length - 1] = { ...last, end: j + 1 };
    else groups.push({ key: data.groups[g].key, start: j, end: j + 1 });
  }
  return {
    ...data, nRows: data.nRows, nUsed: n, nComplete, x, order, groups, logJacobian, nDropped: 0, notices: [],
    allocate: (length) => new Float64Array(length), parentRows: chosen, streamed: undefined,
  };
}
