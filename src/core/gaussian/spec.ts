/**
 * The Gaussian family on one prepared data set, for one covariance model: the `FamilySpec` the generic mixture
 * layer fits and selects with. Specs of one data set share its prepared rows, pass buffers and agglomeration tree.
 */
import type { FullModelStart } from './fullModelStart';
import type { FamilySpec, SubsetPartition } from '../mixture/family';
import type { FitNotice } from '../mixture/types';
import type { GaussianParams, ModelName } from './types';
import type { GaussianData } from './prepare';
import type { PassExecutor } from './executor';
import { FitError, messages, notices } from '../mixture/errors';
import { countDistinctRows, sampleData, workingRow } from './prepare';
import type { MissingStrategy } from './types';
import type { RowSource } from './stream/types';
import { createStreamPass } from './stream/streamPass';
import { restrictPartition } from '../mixture/starts';
import { createGaussianFamily, type GaussianState } from './family';
import { createSerialExecutor } from './executor';
import { MODEL_NAMES, modelInfo, nMixtureParameters } from './models/catalog';

/** Models whose constraint survives a change of scale of the columns (so a fit on standardised columns keeps its meaning). */
export const SCALE_INVARIANT: ReadonlySet<ModelName> = new Set<ModelName>(['EEI', 'VEI', 'EVI', 'VVI', 'EEE', 'VEE', 'EVV', 'VVV']);

/** The hierarchical start of a data set (`hierarchicalStart.ts`), when one is wired in. */
export type HierarchicalStart = (nComponents: number, seed: number, isCancelled: () => boolean, sphered: boolean) => SubsetPartition | undefined;

/** Checks that `model` can be fitted on `data` with `regCovar`; throws FitError with what to do otherwise. */
export function checkModel(data: GaussianData, model: ModelName, regCovar: number): void {
  if (!MODEL_NAMES.includes(model)) throw new FitError('bad-option', messages.unknownModel(String(model), MODEL_NAMES.join(', ')));
  if (!(regCovar >= 0) || !Number.isFinite(regCovar)) throw new FitError('bad-option', messages.badOption('regCovar', regCovar, 'a number ≥ 0'));
  if (data.standardized && !SCALE_INVARIANT.has(model)) throw new FitError('bad-option', messages.standardizeModel(model));
  if (regCovar === 0 && data.constantColumns.length > 0) {
    throw new FitError('constant-column', messages.constantColumn(data.columnNames[data.constantColumns[0]]));
  }
  if (modelInfo(model).layout === 'full' && data.nUsed <= data.nFeatures) {
    throw new FitError('too-few-rows', messages.tooFewRows(data.nUsed, data.nFeatures, model));
  }
}

/** Where a streamed data set's rows are read from, and which of them it uses. */
export interface StreamedSource {
  source: RowSource;
  missing: MissingStrategy;
}

/**
 * The spec of `model` on `data`. A streamed data set (`stream/prepareStream.ts`) needs `streamed`, where its rows
 * are read from: its families read the file for every E-step.
 */
export function createGaussianSpec(
  data: GaussianData, model: ModelName, regCovar: number, executor: PassExecutor = createSerialExecutor(), hierarchical?: HierarchicalStart,
  streamed?: StreamedSource, fullModel?: FullModelStart,
): FamilySpec<GaussianParams, GaussianState> {
  if (data.streamed && !streamed) throw new Error('createGaussianSpec: a streamed data set needs its source');
  checkModel(data, model, regCovar);
  const noticeList: FitNotice[] = [...data.notices];
  for (const a of data.constantColumns) noticeList.push(notices.constantColumn(data.columnNames[a]));
  return {
    kind: 'gaussian',
    variant: model,
    nRows: data.nRows,
    order: data.order,
    nDropped: data.nDropped,
    notices: noticeList,
    // The distance-based starts (k-means++, random points) measure distance as the model does: for spherical models
    // (EII, VII) in the columns' own units; for every other model each column in units of its standard deviation, so
    // a column in large units (a depth in metres beside a magnitude) does not decide every start alone.
    get startData() { return modelInfo(model).shape === 'I' ? { x: data.x, nFeatures: data.nFeatures } : startDataOf(data); },
    ...(hierarchical ? { hierarchical } : {}),
    // Only the models with an iterative M-step take the clusters of a VVV fit as a start (see `fullModelStart.ts`).
    ...(fullModel && modelInfo(model).iterative ? { fullModel } : {}),
    ...(data.streamed ? { streamed: { nUsed: data.nUsed } } : {}),
    create(K) {
      // A streamed data set counts distinct rows in the sample it kept (enough: the check stops at K).
      const kept = data.streamed ? keptRows(data) : data.x;
      const distinct = countDistinctRows(kept, kept.length / data.nFeatures, data.nFeatures, K);
      if (distinct < K) throw new FitError('too-many-components', messages.tooManyComponents(K, distinct));
      const stream = data.streamed && streamed ? createStreamPass(streamed.source, data, K, modelInfo(model).layout, streamed.missing) : undefined;
      return createGaussianFamily(data, model, regCovar, K, executor, stream);
    },
    nParameters: (K) => nMixtureParameters(model, K, data.nFeatures),
    // A sample is small: its passes run in this thread. Its hierarchical start is the whole data's (one tree, built on
    // a prefix of the same seeded row order, so its rows are in every sample of that seed).
    sample: (rows, seed) => {
      const part = sampleData(data, rows, seed);
      const parentRows = part.parentRows as Int32Array;
      const full = fullModel && restrictPartition((K, s, c) => fullModel(K, s, c), parentRows);
      return createGaussianSpec(
        part, model, regCovar, createSerialExecutor(), hierarchical && restrictPartition(hierarchical, parentRows), undefined,
        full && ((K, s, c) => full(K, s, c, false)),
      );
    },
  };
}


/** The rows a streamed data set kept for its sample, one after another. */
function keptRows(data: GaussianData): Float64Array {
  const d = data.nFeatures, prefix = data.streamed?.prefix ?? new Int32Array(0);
  const x = new Float64Array(prefix.length * d);
  prefix.forEach((w, j) => x.set(workingRow(data, w), j * d));
  return x;
}

const startCache = new WeakMap<GaussianData, { x: Float64Array; nFeatures: number }>();

/** The working rows with every column divided by its standard deviation (computed once per data set). */
function startDataOf(data: GaussianData): { x: Float64Array; nFeatures: number } {
  let out = startCache.get(data);
  if (!out) {
    const d = data.nFeatures;
    const inv = Float64Array.from(data.columnVariance, (v) => (v > 0 ? 1 / Math.sqrt(v) : 1));
    const x = new Float64Array(data.nUsed * d);
    for (let j = 0; j < x.length; j++) x[j] = data.x[j] * inv[j % d];
    out = { x, nFeatures: d };
    startCache.set(data, out);
  }
  return out;
}
