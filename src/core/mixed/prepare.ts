/**
 * A mixed-data table in the family's working form, once for every K and model of a sweep: rows with no fitted
 * cell observed (or any missing cell, under 'drop') skipped; rows ordered by their numeric missing pattern (so the
 * numeric block's pass reuses one set of factors per pattern); numeric columns centred (and standardised when asked),
 * categorical codes and counts carried along. Checks the codes and the counts (whole numbers ≥ 0).
 */
import type { FitNotice } from '../mixture/types';
import type { PatternGroup } from '../gaussian/missingPass';
import type { MixedInput } from './types';
import { FitError, messages, notices } from '../mixture/errors';
import { mixedMessages } from './messages';
import { patternKey } from '../gaussian/marginal';
import { finishColumnUnits } from '../gaussian/columnUnits';
import { seededRowOrder } from '../mixture/rowOrder';

export interface MixedData {
  readonly nRows: number;
  readonly nUsed: number;
  /** Working row → input row. */
  readonly order: Int32Array;
  /** Numeric block: columns, working values (nUsed × d, NaN = missing) and its missing patterns covering every row. */
  readonly d: number;
  readonly x: Float64Array;
  readonly groups: PatternGroup[];
  readonly shift: Float64Array;
  readonly scale: Float64Array;
  readonly logJacobian: number;
  readonly columnVariance: Float64Array;
  /** Numeric columns with a single value (their variance can only come from the regularisation). */
  readonly constantColumns: readonly number[];
  readonly numericNames: readonly string[];
  /** nUsed × J codes (−1 missing) and the levels of each column. */
  readonly codes: Int32Array;
  readonly categoricalNames: readonly string[];
  readonly levels: readonly (readonly string[])[];
  /** nUsed × C counts (NaN missing), each column's mean over observed cells, and Σ log x! over observed cells. */
  readonly counts: Float64Array;
  readonly countNames: readonly string[];
  readonly countMeans: Float64Array;
  readonly standardized: boolean;
  readonly nDropped: number;
  readonly notices: FitNotice[];
  /** For a sample (`sampleMixed`): the working row of the whole data each row is. */
  readonly parentRows?: Int32Array;
}

export function prepareMixed(input: MixedInput, o: { missing: 'em' | 'drop'; standardize: boolean }): MixedData {
  const n = input.rows;
  const d = input.numeric?.cols ?? 0;
  const J = input.categorical.names.length, C = input.counts.names.length;
  const num = input.numeric?.data ?? new Float64Array(0);
  if (input.numeric && input.numeric.data.length !== n * d) throw new FitError('bad-input', messages.badShape(n, d, input.numeric.data.length));
  if (input.categorical.codes.length !== n * J || input.counts.values.length !== n * C) throw new FitError('bad-input', messages.badShape(n, J + C, -1));
  if (d + J + C === 0) throw new FitError('bad-input', messages.noRows(0, 0));
  const numericNames = Array.from({ length: d }, (_, a) => input.numericNames?.[a] ?? `column ${a + 1}`);
  for (let j = 0; j < J; j++) {
    const L = input.categorical.levels[j].length;
    if (L < 1) throw new FitError('bad-input', mixedMessages.noLevels(input.categorical.names[j]));
    for (let i = 0; i < n; i++) {
      const c = input.categorical.codes[i * J + j];
      if (c < -1 || c >= L) throw new FitError('bad-input', mixedMessages.badCode(input.categorical.names[j], i));
    }
  }
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < n; i++) {
      const v = input.counts.values[i * C + c];
      if (v === v && !(v >= 0 && Number.isInteger(v))) throw new FitError('bad-input', mixedMessages.badCount(input.counts.names[c], i, v));
    }
  }
  // The rows kept, and the id of each one's numeric missing pattern (ids in order of first appearance).
  const keptRows = new Int32Array(n), keptKey = new Int32Array(n);
  const keyIds = new Map<string, number>(), keys: string[] = [];
  let nKept = 0, nEmpty = 0, nAny = 0;
  for (let i = 0; i < n; i++) {
    let observed = 0, missing = 0;
    for (let a = 0; a < d; a++) {
      const v = num[i * d + a];
      if (v === v) {
        if (!Number.isFinite(v)) throw new FitError('bad-input', messages.infiniteCell(i, numericNames[a]));
        observed++;
      } else missing++;
    }
    for (let j = 0; j < J; j++) {
      if (input.categorical.codes[i * J + j] >= 0) observed++;
      else missing++;
    }
    for (let c = 0; c < C; c++) {
      if (Number.isNaN(input.counts.values[i * C + c])) missing++;
      else observed++;
    }
    if (observed === 0) { nEmpty++; continue; }
    if (o.missing === 'drop' && missing > 0) { nAny++; continue; }
    const key = d > 0 ? patternKey(num, i * d, d) : '';
    let id = keyIds.get(key);
    if (id === undefined) { id = keys.length; keyIds.set(key, id); keys.push(key); }
    keptRows[nKept] = i;
    keptKey[nKept++] = id;
  }
  const noticeList: FitNotice[] = [];
  if (nEmpty > 0) noticeList.push(notices.rowsSkipped(nEmpty, 'all-missing',
    // Named only when every fitted column has its name (numeric names are optional in the core's input).
    d > 0 && !input.numericNames ? [] : [...numericNames, ...input.categorical.names, ...input.counts.names]));
  if (nAny > 0) noticeList.push(notices.rowsSkipped(nAny, 'any-missing', []));
  if (nKept === 0) throw new FitError('no-rows', messages.noRows(n, nEmpty + nAny));
  // Complete numeric rows ('' sorts first), then each pattern together in the order of their keys, input order
  // inside: a counting sort by the rank of each row's key (no object per row).
  const N = nKept;
  const byKey = keys.map((key, id) => ({ key, id })).sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  const rank = new Int32Array(keys.length), size = new Int32Array(keys.length);
  byKey.forEach((k, r) => { rank[k.id] = r; });
  for (let w = 0; w < N; w++) size[rank[keptKey[w]]]++;
  const groups: PatternGroup[] = [];
  const fill = new Int32Array(keys.length);
  let at = 0;
  byKey.forEach((k, r) => { groups.push({ key: k.key, start: at, end: at + size[r] }); fill[r] = at; at += size[r]; });
  const order = new Int32Array(N);
  for (let w = 0; w < N; w++) order[fill[rank[keptKey[w]]]++] = keptRows[w];

  const shift = new Float64Array(d), columnVariance = new Float64Array(d), count = new Float64Array(d);
  for (const i of order) for (let a = 0; a < d; a++) { const v = num[i * d + a]; if (v === v) { shift[a] += v; count[a]++; } }
  for (let a = 0; a < d; a++) {
    if (count[a] === 0) throw new FitError('bad-input', messages.emptyColumn(numericNames[a]));
    shift[a] /= count[a];
  }
  for (const i of order) for (let a = 0; a < d; a++) { const v = num[i * d + a]; if (v === v) columnVariance[a] += (v - shift[a]) ** 2; }
  const { scale, logJacobian, constantColumns } = finishColumnUnits(columnVariance, count, o.standardize);
  const x = new Float64Array(N * d), codes = new Int32Array(N * J), counts = new Float64Array(N * C);
  const countMeans = new Float64Array(C), countSeen = new Float64Array(C);
  order.forEach((i, w) => {
    for (let a = 0; a < d; a++) x[w * d + a] = (num[i * d + a] - shift[a]) / scale[a];
    for (let j = 0; j < J; j++) codes[w * J + j] = input.categorical.codes[i * J + j];
    for (let c = 0; c < C; c++) {
      const v = input.counts.values[i * C + c];
      counts[w * C + c] = v;
      if (v === v) { countMeans[c] += v; countSeen[c]++; }
    }
  });
  for (let c = 0; c < C; c++) countMeans[c] = countSeen[c] > 0 ? countMeans[c] / countSeen[c] : 0;
  return {
    nRows: n, nUsed: N, order, d, x, groups, shift, scale, logJacobian, columnVariance, constantColumns, numericNames,
    codes, categoricalNames: input.categorical.names, levels: input.categorical.levels,
    counts, countNames: input.counts.names, countMeans, standardized: o.standardize, nDropped: nEmpty + nAny, notices: noticeList,
  };
}

/** A seeded random sample of `rows` working rows (nested for one seed), in the same working units. */
export function sampleMixed(data: MixedData, rows: number, seed: number): MixedData {
  const { d } = data, J = data.categoricalNames.length, C = data.countNames.length;
  const chosen = Int32Array.from(seededRowOrder(data, data.nUsed, seed).subarray(0, Math.min(rows, data.nUsed))).sort();
  const n = chosen.length;
  const x = new Float64Array(n * d), codes = new Int32Array(n * J), counts = new Float64Array(n * C), order = new Int32Array(n);
  const groups: PatternGroup[] = [];
  let g = 0, logJacobian = 0;
  chosen.forEach((w, j) => {
    x.set(data.x.subarray(w * d, (w + 1) * d), j * d);
    codes.set(data.codes.subarray(w * J, (w + 1) * J), j * J);
    counts.set(data.counts.subarray(w * C, (w + 1) * C), j * C);
    order[j] = data.order[w];
    for (let a = 0; a < d; a++) if (data.x[w * d + a] === data.x[w * d + a]) logJacobian += Math.log(data.scale[a]);
    while (data.groups[g].end <= w) g++;
    const last = groups[groups.length - 1];
    if (last && last.key === data.groups[g].key) groups[groups.length - 1] = { ...last, end: j + 1 };
    else groups.push({ key: data.groups[g].key, start: j, end: j + 1 });
  });
  return { ...data, nUsed: n, order, x, groups, codes, counts, logJacobian, nDropped: 0, notices: [], parentRows: chosen };
}
