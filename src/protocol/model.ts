/**
 * Data transfer objects shared by host, worker and webview. JSON-safe: numbers, strings, arrays, plain
 * objects (the webview channel is JSON; no typed arrays, no NaN: missing numbers are `null`).
 */
import type { CovarianceType, InitMethod, MissingStrategy, RunTrace, FitNotice } from '../core/mixture/types';
import type { ColumnInfo, DataFormat, DataNotice } from '../data/types';

export type { CovarianceType, InitMethod, MissingStrategy, RunTrace, FitNotice, ColumnInfo, DataFormat, DataNotice };

/** What the panel knows about the file before any fit. */
export interface DatasetDto {
  fileName: string;
  /** The file's URI as a string (the panel's identity). */
  uri: string;
  format: DataFormat;
  nRows: number;
  columns: ColumnInfo[];
  notices: DataNotice[];
  sizeBytes: number;
}

/** The options a person sets in the panel (or in settings / CLI flags). */
export interface FitSettingsDto {
  /** Column names to fit on. */
  columns: string[];
  /** Smallest and largest K; equal for a single K. With a range the best by BIC is chosen. */
  kMin: number;
  kMax: number;
  /** One structure, or every one of them (model selection over structures too). */
  covarianceType: CovarianceType | 'all';
  standardize: boolean;
  nInit: number;
  seed: number;
  maxIter: number;
  tol: number;
  regCovar: number;
  missing: MissingStrategy;
  init: InitMethod;
  /** Points drawn in the scatter at most. */
  maxPoints: number;
}

/** Gaussian parameters in the file's original units; covariances always expanded to full K × d × d. */
export interface ParamsDto {
  covarianceType: CovarianceType;
  nComponents: number;
  nFeatures: number;
  weights: number[];
  means: number[][];
  covariances: number[][][];
}

/** How well a model fits: total log-likelihood (natural log) and criteria (lower is better, scikit-learn's sign). */
export interface FitScoresDto {
  logLikelihood: number;
  bic: number;
  aic: number;
  icl: number;
  nParameters: number;
  iterations: number;
  converged: boolean;
}

/** One candidate of a model-selection sweep. */
export interface SelectionRowDto extends FitScoresDto {
  k: number;
  covarianceType: CovarianceType;
  /**
   * Parameters of this candidate (so the panel can show it when clicked); empty (nFeatures 0) when it failed, or
   * when a sweep of wide data would make them too large to send.
   */
  params: ParamsDto;
  /** Hard-assigned count per component over every row used (empty when the candidate failed). */
  counts: number[];
  /** Set when this candidate could not be fitted. */
  failure?: string;
  /** A component collapsed or is flat (likelihood inflated by the regularisation); chosen only if all are. */
  degenerate?: boolean;
}

/** The rows drawn in the scatter: a random sample of at most maxPoints. */
export interface SampleDto {
  /** Total rows used in the fit. */
  total: number;
  /** Index into the table's rows. */
  rowIndex: number[];
  /** 1-based source line. */
  line: number[];
  /** Values of the fitted columns (original units); imputed where the cell was missing. */
  values: number[][];
  /** Whether each value was imputed (missing in the file). */
  imputed: boolean[][];
  labels: number[];
  /** Responsibilities per row (K numbers). */
  resp: number[][];
}

/** The first two principal components of the fitted columns (original units), computed when the panel asks. */
export interface PcaDto {
  mean: number[];
  /** 2 × d, unit vectors. */
  axes: number[][];
  /** Share of the variance each axis explains. */
  explained: number[];
}

export interface FitResultDto extends FitScoresDto {
  columns: string[];
  settings: FitSettingsDto;
  params: ParamsDto;
  elapsedMs: number;
  nRowsUsed: number;
  nDropped: number;
  nImputedRows: number;
  /** Hard-assigned count per component. */
  counts: number[];
  runs: RunTrace[];
  /** The `run` number (RunTrace.run) of the restart that was kept. */
  bestRun: number;
  /** Parameters after iterations of the chosen run (for replay), original units; thinned for long runs. */
  history: ParamsDto[];
  /** The 1-based iteration of each `history` snapshot. */
  historyIterations: number[];
  selection?: SelectionRowDto[];
  /** Index into selection of the chosen model. */
  chosen?: number;
  sample: SampleDto;
  notices: FitNotice[];
  /** When the fit did not converge: what to try. */
  advice?: string;
}

/** Progress of the work in a panel. */
export type ProgressDto =
  | { phase: 'reading'; bytesRead: number; totalBytes: number }
  | {
      phase: 'fitting';
      /** Model index in a sweep (0-based) and sweep size (1 for a single model). */
      model: number;
      nModels: number;
      k: number;
      covarianceType: CovarianceType;
      run: number;
      nRuns: number;
      iteration: number;
      /** Total log-likelihood (natural log, summed over rows) after this iteration. */
      logLikelihood: number;
      /** The kept restart is being refined to a tighter tolerance after the restarts. */
      refining?: boolean;
    };

/** An error as data: a stable code and a message written for the user. */
export interface ErrorDto {
  code: string;
  message: string;
  line?: number;
  column?: string;
}
