/**
 * `prepare.ts` for a file read in passes instead of held: the same working rows, units and row order, found in two
 * passes over the file, keeping only the rows the sample stage needs.
 *
 * 1. 'count': which rows take part (complete first in input order, then incomplete ones grouped by missing-value
 *    pattern, as `prepareData` orders them), and the column means.
 * 2. 'sample': the column variances (about those means), and the rows of the seeded sample prefix, of the
 *    hierarchical start and of the scatter, by their working row.
 *
 * So the sample of a two-stage fit is the very sample the in-memory fit draws (`prepare.ts` `sampleData`), in the
 * same working units, and a streamed fit is the in-memory fit up to the order of its sums. The seeded row order is
 * made once (4 bytes a row) and dropped after the count.
 */
import type { FitNotice } from '../../mixture/types';
import type { GaussianDataOptions } from '../types';
import type { GaussianData } from '../prepare';
import type { PatternGroup } from '../missingPass';
import type { RowChunk, RowSource, StreamedRows } from './types';
import { FitError, messages, notices } from '../../mixture/errors';
import { seededRowOrder } from '../../mixture/rowOrder';
import { createRng } from '../../numeric/rng';
import { patternKey } from '../marginal';
import { HC_ROWS } from '../hierarchicalStart';
import { finishColumnUnits } from '../columnUnits';

/** What the passes need besides the data options. */
export interface StreamPrepareOptions extends GaussianDataOptions {
  /** Seed of the fit (the sample's row order, the scatter's rows). */
  seed: number;
  /** Rows of the largest sample any candidate draws (`mixture/fit.ts` sampleFor). */
  sampleRows: number;
  /** Rows kept for the scatter at most. */
  displayRows: number;
}

/** Rows kept for the scatter, in input order, in file units. */
export interface DisplayRows {
  /** rows × d, NaN = missing. */
  values: Float64Array;
  /** Input row of each. */
  inputRows: Int32Array;
  /** Line of each in the file (0 when the source does not say). */
  lines: Int32Array;
}

/** A prepared streamed data set, or (when the rows used are too few for a two-stage fit) every row in memory. */
export type StreamPrepared =
  | { kind: 'streamed'; data: GaussianData; display: DisplayRows }
  | { kind: 'in-memory'; rows: number; x: Float64Array; lines: Int32Array };

/** Where a row stands: used complete, used incomplete (with its pattern), or skipped. */
const COMPLETE = 0, INCOMPLETE = 1, ALL_MISSING = 2, ANY_MISSING = 3;

/** See the file comment. Throws FitError as `prepareData` does (no rows, an empty column, an infinite cell). */
export function prepareStream(source: RowSource, o: StreamPrepareOptions): StreamPrepared {
  const d = source.nFeatures;
  const columnNames = Array.from({ length: d }, (_, a) => o.columnNames?.[a] ?? `column ${a + 1}`);
  const shift = new Float64Array(d), count = new Float64Array(d);
  const patterns = new Map<string, number>();
  let nRows = 0, nComplete = 0, nAllMissing = 0, nAnyMissing = 0;
  source.scan('count', (c) => {
    forEachRow(c, d, o.missing, columnNames, (row, kind, key) => {
      nRows++;
      if (kind === ALL_MISSING) nAllMissing++;
      else if (kind === ANY_MISSING) nAnyMissing++;
      else {
        if (kind === COMPLETE) nComplete++;
        else patterns.set(key, (patterns.get(key) ?? 0) + 1);
        for (let a = 0; a < d; a++) { const v = row[a]; if (v === v) { shift[a] += v; count[a]++; } }
      }
    });
  });
  const nDropped = nAllMissing + nAnyMissing;
  const nUsed = nRows - nDropped;
  if (nUsed === 0) throw new FitError('no-rows', messages.noRows(nRows, nDropped));
  for (let a = 0; a < d; a++) {
    if (count[a] === 0) throw new FitError('bad-input', messages.emptyColumn(columnNames[a]));
    shift[a] /= count[a];
  }
  if (nUsed < 2 * o.sampleRows) return { kind: 'in-memory', rows: nRows, ...collectAll(source, nRows, d) };

  // Incomplete rows by pattern (sorted keys, input order inside one), after the complete rows: prepareData's order.
  const groups: PatternGroup[] = [];
  const groupOf = new Map<string, { start: number; next: number }>();
  let at = nComplete;
  for (const key of [...patterns.keys()].sort()) {
    const n = patterns.get(key) as number;
    groups.push({ key, start: at, end: at + n });
    groupOf.set(key, { start: at, next: at });
    at += n;
  }
  const { prefix, hcRows } = seededRows(nUsed, nComplete, o.seed, o.sampleRows);
  const slot = new Map<number, number>();
  for (const w of prefix) if (!slot.has(w)) slot.set(w, slot.size);
  for (const w of hcRows) if (!slot.has(w)) slot.set(w, slot.size);
  const kept = new Float64Array(slot.size * d), keptInput = new Int32Array(slot.size);
  const picks = displayPositions(nUsed, o.displayRows, o.seed);
  const display: DisplayRows = { values: new Float64Array(picks.length * d), inputRows: new Int32Array(picks.length), lines: new Int32Array(picks.length) };

  const columnVariance = new Float64Array(d);
  let input = 0, completeSeen = 0, position = 0, pick = 0;
  source.scan('sample', (c) => {
    let j = 0;
    forEachRow(c, d, o.missing, columnNames, (row, kind, key) => {
      const i = input++, r = j++;
      if (kind === ALL_MISSING || kind === ANY_MISSING) return;
      let w: number;
      if (kind === COMPLETE) w = completeSeen++;
      else { const g = groupOf.get(key) as { next: number }; w = g.next++; }
      for (let a = 0; a < d; a++) { const v = row[a]; if (v === v) columnVariance[a] += (v - shift[a]) ** 2; }
      const s = slot.get(w);
      if (s !== undefined) { kept.set(row, s * d); keptInput[s] = i; }
      if (pick < picks.length && picks[pick] === position) {
        display.values.set(row, pick * d);
        display.inputRows[pick] = i;
        display.lines[pick] = c.lines?.[r] ?? 0;
        pick++;
      }
      position++;
    });
  });

  const { scale, logJacobian, constantColumns } = finishColumnUnits(columnVariance, count, o.standardize);
  for (let j = 0; j < kept.length; j++) kept[j] = (kept[j] - shift[j % d]) / scale[j % d];
  const noticeList: FitNotice[] = [];
  if (nAllMissing > 0) noticeList.push(notices.rowsSkipped(nAllMissing, 'all-missing', o.columnNames ? columnNames : []));
  if (nAnyMissing > 0) noticeList.push(notices.rowsSkipped(nAnyMissing, 'any-missing', columnNames));
  const streamed: StreamedRows = {
    seed: o.seed, prefix, hcRows,
    row: (w) => { const s = slot.get(w) as number; return kept.subarray(s * d, (s + 1) * d); },
    inputRow: (w) => keptInput[slot.get(w) as number],
  };
  const data: GaussianData = {
    nRows, nFeatures: d, nUsed, nComplete, x: new Float64Array(0), order: new Int32Array(0), groups, shift, scale, logJacobian,
    columnVariance, constantColumns, nDropped, standardized: o.standardize, columnNames, notices: noticeList,
    allocate: (n) => new Float64Array(n), streamed,
  };
  return { kind: 'streamed', data, display };
}

/** Calls `fn` with each row of the chunk, what kind it is and (incomplete) its pattern key. */
function forEachRow(
  c: RowChunk, d: number, missing: 'em' | 'drop', names: readonly string[], fn: (row: Float64Array, kind: number, key: string) => void,
): void {
  for (let r = 0; r < c.rows; r++) {
    const row = c.x.subarray(r * d, (r + 1) * d);
    let nMissing = 0;
    for (let a = 0; a < d; a++) {
      const v = row[a];
      if (Number.isNaN(v)) nMissing++;
      else if (!Number.isFinite(v)) throw new FitError('bad-input', messages.infiniteCell(c.firstRow + r, names[a]));
    }
    if (nMissing === 0) fn(row, COMPLETE, '');
    else if (nMissing === d) fn(row, ALL_MISSING, '');
    else if (missing === 'drop') fn(row, ANY_MISSING, '');
    else fn(row, INCOMPLETE, patternKey(row, 0, d));
  }
}

/** The first `sampleRows` entries of the seeded order of nUsed working rows, and the hierarchical start's rows. */
function seededRows(nUsed: number, nComplete: number, seed: number, sampleRows: number): { prefix: Int32Array; hcRows: Int32Array } {
  const p = seededRowOrder({}, nUsed, seed);
  const prefix = p.slice(0, Math.min(sampleRows, nUsed));
  let hcRows: Int32Array;
  if (nComplete <= HC_ROWS) hcRows = Int32Array.from({ length: nComplete }, (_, i) => i);
  else {
    hcRows = new Int32Array(HC_ROWS);
    for (let j = 0, m = 0; m < HC_ROWS; j++) if (p[j] < nComplete) hcRows[m++] = p[j];
  }
  return { prefix, hcRows };
}

/** `m` of the positions 0…n−1 (Floyd's algorithm, seeded), ascending: which used rows the scatter shows. */
function displayPositions(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed, 0x5ca7);
  const chosen = new Set<number>();
  for (let j = n - m; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

/** Every row of the file in one array (a data set small enough to fit in memory after all). */
function collectAll(source: RowSource, rows: number, d: number): { x: Float64Array; lines: Int32Array } {
  const x = new Float64Array(rows * d), lines = new Int32Array(rows);
  let at = 0;
  source.scan('sample', (c) => {
    x.set(c.x.subarray(0, c.rows * d), at * d);
    if (c.lines) lines.set(c.lines.subarray(0, c.rows), at);
    at += c.rows;
  });
  return { x, lines };
}
