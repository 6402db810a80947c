/**
 * A Gaussian fit (one model or a sweep) of a file read in passes (`RowSource`) instead of held in memory. The
 * generic two-stage fit does the work: every start runs on the sample (the in-memory fit's own sample, kept by
 * `prepareStream.ts`), and the runs carried to every row take one pass over the file per EM iteration
 * (`streamPass.ts`), with the same tolerance rule. So the result is the in-memory fit's up to the order of the sums;
 * it has no per-row arrays (label the rows with another pass: `labelRows`), and the scatter gets a seeded sample of
 * rows with their responsibilities.
 */
import { fitMixture, sampleRowsFor, type FitHooks } from '../../mixture/fit';
import { selectModel, type Candidate, type SelectionHooks, type SelectionResult } from '../../mixture/select';
import { notices } from '../../mixture/errors';
import type { Matrix } from '../../mixture/types';
import type { GaussianParams, ModelName } from '../types';
import type { GaussianState } from '../family';
import { DEFAULT_GAUSSIAN_FIT_OPTIONS, fitGaussianMixture, selectGaussianModel, type GaussianFit, type GaussianSweepOptions } from '../fit';
import { createGaussianSpec, SCALE_INVARIANT } from '../spec';
import { hierarchicalStart } from '../hierarchicalStart';
import { createSerialExecutor, type PassExecutor } from '../executor';
import { nMixtureParameters } from '../models/catalog';
import { predictResp } from '../predict';
import { prepareStream, type DisplayRows } from './prepareStream';
import type { RowSource } from './types';

/** A sweep's options (one K and one model for a single fit), and how many rows the scatter shows at most. */
export type StreamedFitOptions = Partial<Omit<GaussianSweepOptions, 'nComponents' | 'models'>> & Pick<GaussianSweepOptions, 'nComponents' | 'models'> & { displayRows: number };

/** Rows shown in the scatter, with the fit's responsibilities and labels. */
export interface LabelledDisplayRows extends DisplayRows {
  resp: Float64Array;
  labels: Int32Array;
}

/** A streamed fit. */
export interface StreamedFit {
  /** The chosen fit (with a sweep, the best by BIC); streamed: no per-row arrays (`rowsUsed` empty). */
  best: GaussianFit;
  /** With a sweep: every candidate. */
  selection?: SelectionResult<GaussianParams>;
  /** false when the rows used turned out few enough for the sample: every row was then read into memory and fitted there. */
  streamed: boolean;
  /** Rows for the scatter. */
  display: LabelledDisplayRows;
  /** Rows per component (each row to its most probable component), over every row used. */
  counts: number[];
  /** The numeric rows when they were read into memory (not streamed). */
  inMemory?: Matrix;
  /** The columns (0-based) with a missing cell among the rows used. */
  missingColumns: number[];
}

/**
 * Fits `options.nComponents` × `options.models` (the best by BIC when there are several) to the rows of `source`.
 * @throws FitError as the in-memory fit does; whatever `source.scan` throws (cancel, a changed file)
 */
export function fitGaussianStreamed(source: RowSource, options: StreamedFitOptions, hooks: SelectionHooks<GaussianParams> & { executor?: PassExecutor } = {}): StreamedFit {
  const { nComponents: counts, models, displayRows, ...rest } = options;
  const o = { ...DEFAULT_GAUSSIAN_FIT_OPTIONS, ...rest };
  const d = source.nFeatures;
  const usable = o.standardize && models.length > 1 ? models.filter((m) => SCALE_INVARIANT.has(m)) : [...models];
  const sampleRows = Math.max(...counts.flatMap((K) => usable.map((m) => sampleRowsFor(nMixtureParameters(m, K, d)))));
  const prepared = prepareStream(source, { ...o, sampleRows, displayRows });
  const single = counts.length === 1 && models.length === 1;
  if (prepared.kind === 'in-memory') {
    const x: Matrix = { data: prepared.x, rows: prepared.rows, cols: d };
    const fitHooks = { ...hooks, executor: hooks.executor ?? createSerialExecutor() };
    const selection = single ? undefined : selectGaussianModel(x, { ...o, nComponents: counts, models }, fitHooks);
    const best = selection ? selection.best : fitGaussianMixture(x, { ...o, nComponents: counts[0], model: models[0] }, fitHooks);
    const missing = new Array<boolean>(d).fill(false);
    for (const i of best.rowsUsed) for (let a = 0; a < d; a++) if (Number.isNaN(x.data[i * d + a])) missing[a] = true;
    return {
      best, ...(selection ? { selection } : {}), streamed: false, display: displayOf(best, x, prepared.lines), counts: countLabels(best), inMemory: x,
      missingColumns: missing.flatMap((m, a) => (m ? [a] : [])),
    };
  }
  const data = prepared.data;
  const hierarchical = hierarchicalStart(data);
  const from = { source, missing: o.missing };
  const specs = new Map<ModelName, ReturnType<typeof createGaussianSpec>>();
  const specOf = (model: ModelName) => {
    let s = specs.get(model);
    if (!s) { s = createGaussianSpec(data, model, o.regCovar, createSerialExecutor(), hierarchical, from); specs.set(model, s); }
    return s;
  };
  let best: GaussianFit;
  let selection: SelectionResult<GaussianParams> | undefined;
  let hardCounts: number[];
  if (single) {
    const outcome = fitMixture(specOf(models[0]), { ...o, nComponents: counts[0] }, hooks as FitHooks<GaussianParams>);
    best = { ...outcome.fit, nImputedRows: data.nUsed - data.nComplete };
    hardCounts = outcome.counts;
  } else {
    const candidates: Candidate<GaussianParams, GaussianState>[] = counts.flatMap((K) => usable.map((model) => ({ nComponents: K, variant: model, spec: () => specOf(model) })));
    selection = selectModel(candidates, o, hooks);
    best = { ...selection.best, nImputedRows: data.nUsed - data.nComplete };
    hardCounts = selection.table[selection.bestIndex].counts ?? [];
    const skipped = models.filter((m) => !usable.includes(m));
    if (skipped.length > 0) best.notices.push(notices.modelsSkipped(skipped));
  }
  const x: Matrix = { data: prepared.display.values, rows: prepared.display.inputRows.length, cols: d };
  const { resp, labels } = predictResp(best.params, x);
  // A pattern key marks each missing column with '1' (see `patternKey`).
  const missingColumns = Array.from({ length: d }, (_, a) => a).filter((a) => data.groups.some((g) => g.key[a] === '1'));
  return { best, ...(selection ? { selection } : {}), streamed: true, display: { ...prepared.display, resp, labels }, counts: hardCounts, missingColumns };
}

function countLabels(fit: GaussianFit): number[] {
  const out = new Array<number>(fit.params.nComponents).fill(0);
  for (const k of fit.labels) out[k]++;
  return out;
}

/** The scatter's rows of a fit made in memory: every row used (the caller thins them as for any fit), with its line. */
function displayOf(fit: GaussianFit, x: Matrix, lines: Int32Array): LabelledDisplayRows {
  const d = x.cols, n = fit.rowsUsed.length;
  const values = new Float64Array(n * d);
  fit.rowsUsed.forEach((row, j) => values.set(x.data.subarray(row * d, (row + 1) * d), j * d));
  return { values, inputRows: Int32Array.from(fit.rowsUsed), lines: Int32Array.from(fit.rowsUsed, (row) => lines[row]), resp: fit.resp, labels: fit.labels };
}
