/**
 * The mixed-data family on one prepared table, for one covariance model of its numeric block: the `FamilySpec` the
 * generic layer fits and selects with. The starts see every column: numeric ones in standard-deviation units,
 * categorical ones as level indicators, counts in standard-deviation units (a missing cell as the column's mean).
 * Its hierarchical start is mclust's agglomeration of the numeric block (rows with every numeric cell observed),
 * one tree per table, seed and transform; without numeric columns there is none (on category indicators, with their
 * many ties, agglomeration is slow and its partitions start latent class models poorly).
 */
import type { FamilySpec, SubsetPartition } from '../mixture/family';
import type { FitNotice } from '../mixture/types';
import type { ModelName } from '../gaussian/types';
import type { MixedParams } from './types';
import { FitError, messages, notices } from '../mixture/errors';
import { seededRowOrder } from '../mixture/rowOrder';
import { restrictPartition } from '../mixture/starts';
import { agglomerate, cutTree, HC_ROWS, type Tree } from '../gaussian/hierarchicalStart';
import { MODEL_NAMES } from '../gaussian/models/catalog';
import { SCALE_INVARIANT } from '../gaussian/spec';
import { sampleMixed, type MixedData } from './prepare';
import { createMixedFamily, mixedParameterCount, type MixedState } from './family';

export function createMixedSpec(
  data: MixedData, model: ModelName, reg: number, parentStart?: FamilySpec<MixedParams, MixedState>['hierarchical'],
): FamilySpec<MixedParams, MixedState> {
  if (!MODEL_NAMES.includes(model)) throw new FitError('bad-option', messages.unknownModel(String(model), MODEL_NAMES.join(', ')));
  if (!(reg >= 0) || !Number.isFinite(reg)) throw new FitError('bad-option', messages.badOption('regCovar', reg, 'a number ≥ 0'));
  if (data.d > 0 && data.standardized && !SCALE_INVARIANT.has(model)) throw new FitError('bad-option', messages.standardizeModel(model));
  if (reg === 0 && data.constantColumns.length > 0) throw new FitError('constant-column', messages.constantColumn(data.numericNames[data.constantColumns[0]]));
  const noticeList: FitNotice[] = [...data.notices];
  for (const a of data.constantColumns) noticeList.push(notices.constantColumn(data.numericNames[a]));
  const hierarchical = parentStart ?? (data.d === 0 ? undefined : (K: number, seed: number, isCancelled: () => boolean, sphered: boolean): SubsetPartition | undefined => {
    const t = treeFor(data, seed, sphered ? 'SPH' : 'SVD', isCancelled);
    return t && t.rows.length >= K ? { rows: t.rows, labels: cutTree(t, K) } : undefined;
  });
  return {
    kind: 'mixed',
    variant: data.d > 0 ? model : 'latent class',
    nRows: data.nRows,
    order: data.order,
    nDropped: data.nDropped,
    notices: noticeList,
    get startData() { return startDataOf(data); },
    // Hard partitions of category indicators start latent class models poorly; random soft responsibilities
    // (scikit-learn's 'random') find their best maxima far more often, so they lead the cycle.
    // Mixed data and latent class models have many maxima: a small table screens a larger pool of starts.
    thoroughStarts: true,
    startCycle: data.levels.length > 0 ? ['random-resp', 'kmeans++', 'random-resp', 'random-points'] : undefined,
    ...(hierarchical ? { hierarchical } : {}),
    create(K) {
      const distinct = countDistinctStartRows(data, K);
      if (distinct < K) throw new FitError('too-many-components', messages.tooManyComponents(K, distinct));
      return createMixedFamily(data, model, reg, K);
    },
    nParameters: (K) => mixedParameterCount(data, model, K),
    sample: (rows, seed) => {
      const part = sampleMixed(data, rows, seed);
      return createMixedSpec(part, model, reg, hierarchical && restrictPartition(hierarchical, part.parentRows as Int32Array));
    },
  };
}

const startCache = new WeakMap<MixedData, { x: Float64Array; nFeatures: number }>();

/** Numeric columns and counts in standard-deviation units, categorical columns as level indicators (0 for a missing cell). */
export function startDataOf(data: MixedData): { x: Float64Array; nFeatures: number } {
  let out = startCache.get(data);
  if (out) return out;
  const N = data.nUsed, d = data.d, J = data.levels.length, C = data.countNames.length;
  const width = d + data.levels.reduce((s, l) => s + l.length, 0) + C;
  const x = new Float64Array(N * width);
  const invSd = Float64Array.from(data.columnVariance, (v) => (v > 0 ? 1 / Math.sqrt(v) : 1));
  const countSd = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = 0, n = 0;
    for (let i = 0; i < N; i++) { const v = data.counts[i * C + c]; if (v === v) { s += (v - data.countMeans[c]) ** 2; n++; } }
    countSd[c] = n > 0 && s > 0 ? Math.sqrt(s / n) : 1;
  }
  for (let i = 0; i < N; i++) {
    const row = i * width;
    for (let a = 0; a < d; a++) { const v = data.x[i * d + a]; x[row + a] = v === v ? v * invSd[a] : 0; }
    let at = row + d;
    for (let j = 0; j < J; j++) {
      const code = data.codes[i * J + j];
      if (code >= 0) x[at + code] = 1;
      at += data.levels[j].length;
    }
    for (let c = 0; c < C; c++) { const v = data.counts[i * C + c]; x[at + c] = v === v ? (v - data.countMeans[c]) / countSd[c] : 0; }
  }
  out = { x, nFeatures: width };
  startCache.set(data, out);
  return out;
}

/**
 * The working rows that differ as the starts see them (`startDataOf`: a missing number or count at its column's mean,
 * a missing category as no level), counted up to `limit`, read from the table itself: the start data of a large
 * table (one number per level of every categorical column, for every row) is never made when its starts run on a
 * sample.
 */
export function countDistinctStartRows(data: MixedData, limit: number): number {
  const N = data.nUsed, d = data.d, J = data.levels.length, C = data.countNames.length;
  const num = (i: number, a: number): number => { const v = data.x[i * d + a]; return v === v ? v : 0; };
  const count = (i: number, c: number): number => { const v = data.counts[i * C + c]; return v === v ? v : data.countMeans[c]; };
  const differ = (i: number, j: number): boolean => {
    for (let a = 0; a < d; a++) if (num(i, a) !== num(j, a)) return true;
    for (let c = 0; c < J; c++) if (data.codes[i * J + c] !== data.codes[j * J + c]) return true;
    for (let c = 0; c < C; c++) if (count(i, c) !== count(j, c)) return true;
    return false;
  };
  const seen: number[] = [];
  for (let i = 0; i < N && seen.length < limit; i++) if (seen.every((j) => differ(i, j))) seen.push(i);
  return seen.length;
}

const trees = new WeakMap<MixedData, Map<string, Tree | null>>();

function treeFor(data: MixedData, seed: number, use: 'SVD' | 'SPH', isCancelled: () => boolean): Tree | null {
  let byKey = trees.get(data);
  if (!byKey) { byKey = new Map(); trees.set(data, byKey); }
  const key = `${seed} ${use}`;
  let t = byKey.get(key);
  if (t === undefined) {
    // Rows whose numeric cells are all observed (pattern '' comes first in working order).
    const d = data.d, nComplete = data.groups[0]?.key === '' ? data.groups[0].end : 0;
    const rows = (nComplete <= HC_ROWS ? Int32Array.from({ length: nComplete }, (_, i) => i)
      : Int32Array.from(Array.from(seededRowOrder(data, data.nUsed, seed)).filter((w) => w < nComplete).slice(0, HC_ROWS))).sort();
    const x = new Float64Array(rows.length * d);
    rows.forEach((w, j) => x.set(data.x.subarray(w * d, (w + 1) * d), j * d));
    const built = agglomerate(x, rows.length, d, use, isCancelled);
    t = built && { rows, ...built };
    byKey.set(key, t);
  }
  return t;
}
