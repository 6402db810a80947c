/**
 * What every kind of fit request (in memory, mixed, in passes, streamed) shares: the hooks it is run with, what it
 * returns for export and the panel's later requests, and the engine's progress hooks made from the panel's.
 */
import { componentCounts } from '../protocol/components';
import type { GaussianHooks, MixtureFit, NumericTable, PassExecutor } from '../core';
import type { FitResultDto, FitSettingsDto, ProgressDto } from '../protocol/model';

export interface RunFitHooks {
  isCancelled(): boolean;
  /** `force` marks a message that must not be throttled away (a new candidate or run). */
  onProgress(progress: ProgressDto, force: boolean): void;
  /** The pass executor for a table of this many rows (helper threads for large ones); undefined = this thread. */
  executorFor(rows: number): PassExecutor | undefined;
  /** False when nothing will draw the result (the CLI): no replay history is recorded. Default true. */
  forDisplay?: boolean;
  /** Fits holding at least this many bytes of working rows go through passes (`stream/tableFit.ts`); tests lower it. */
  passesMinBytes?: number;
}

/** The fit of the chosen model plus what export and the panel's later requests need. */
export interface FitOutcome {
  dto: FitResultDto;
  /** Per-row results in input order (rowsUsed, resp, labels, logDensity) and the parameters. */
  fit: MixtureFit<unknown>;
  /**
   * The numeric columns fitted (table indices), their values (NaN = missing; the table's own column arrays, not a
   * copy) and, when some were missing, imputed (rows × columns, row-major). A streamed fit, whose `x` holds only the
   * scatter's rows, says which fitted columns (0-based among them) have a missing cell among the rows used.
   */
  numeric: { columns: number[]; x: NumericTable; imputed?: Float64Array; missingColumns?: number[] };
  /** The categorical columns fitted: levels, each input row's codes (−1 missing) and, imputed, the most probable levels. */
  categorical: { columns: number[]; levels: string[][]; codes: Int32Array; imputed?: Int32Array };
  /**
   * A streamed fit's scatter rows: each one's row in the file and its line there (0 = not known). The rows of the
   * file are not held, so these and the head's are the only rows whose line the worker can name.
   */
  sampleLines?: { rows: Int32Array; lines: Int32Array };
}

/** The engine's hooks for a fit: cancel, and a progress message per iteration (forced at each new candidate or run). */
export function progressHooks(settings: FitSettingsDto, hooks: RunFitHooks): GaussianHooks {
  const counts = componentCounts(settings.components);
  let candidate = { index: 0, total: 1, nComponents: counts[0], model: settings.models[0] as string };
  let lastRun = -1;
  return {
    isCancelled: hooks.isCancelled,
    onModel: (index, total, nComponents, model) => {
      candidate = { index, total, nComponents, model };
      lastRun = -1;
    },
    onIteration: (report) => {
      hooks.onProgress({
        phase: 'fitting', candidate: candidate.index, nCandidates: candidate.total, nComponents: candidate.nComponents,
        model: candidate.model, run: report.run, nRuns: settings.nInit, iteration: report.iteration,
        logLikelihood: report.logLikelihood, stage: report.phase ?? 'restart',
      }, report.run !== lastRun);
      lastRun = report.run;
    },
  };
}

