/**
 * Data transfer objects shared by host, worker and webview. JSON-safe: numbers, strings, arrays, plain
 * objects (the webview channel is JSON; no typed arrays, no NaN: missing numbers are `null`).
 */
import type { ComponentIssue, FamilyKind, FitNotice, RunOrigin, RunTrace, SearchSummary, StartMethod, StartStrategy, StartsSummary } from '../core/mixture/types';
import type { ComponentRange } from './components';
import type { MissingStrategy, ModelName } from '../core/gaussian/types';
import type { ColumnInfo, DataFormat, DataNotice } from '../data/types';

export type { ComponentIssue, ComponentRange, FitNotice, MissingStrategy, ModelName, RunOrigin, RunTrace, SearchSummary, StartMethod, StartStrategy, StartsSummary, ColumnInfo, DataFormat, DataNotice };

/** The languages a fit can be handed over in as a script ("Export Fit as Code"). */
export type CodeLanguage = 'python' | 'r' | 'pyspark';

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
  /** Column names to fit on. A text or true/false column among them is fitted as categories. */
  columns: string[];
  /** Columns (among `columns`) holding numbers to fit as categories (codes, grades) instead of as numbers. */
  categorical: string[];
  /** Columns (among `columns`) of whole numbers ≥ 0 to fit as Poisson counts. */
  counts: string[];
  /** Numbers of components to fit; with more than one, the best by BIC is chosen. */
  components: ComponentRange;
  /** Covariance models to fit (mclust's names, in mclust's order); with more than one, the best by BIC is chosen. */
  models: ModelName[];
  standardize: boolean;
  /** Starts of EM per model. */
  nInit: number;
  seed: number;
  maxIter: number;
  tol: number;
  regCovar: number;
  missing: MissingStrategy;
  init: StartStrategy;
  /** Points drawn in the scatter at most. */
  maxPoints: number;
}

/**
 * Covariances as the model has them: 'full' every component's d × d matrix; 'diag' every component's d variances
 * (the matrix is diagonal). Expanded to matrices only where something is drawn.
 */
export type CovarianceDto =
  | { layout: 'full'; matrices: number[][][] }
  | { layout: 'diag'; variances: number[][] };

/** A Gaussian mixture in the file's original units. */
export interface GaussianParamsDto {
  kind: 'gaussian';
  model: ModelName;
  nComponents: number;
  nFeatures: number;
  weights: number[];
  means: number[][];
  covariance: CovarianceDto;
}

/**
 * A mixture of numeric, categorical and count columns (`core/mixed`): the numeric block is a Gaussian of a covariance
 * model (absent without numeric columns), each categorical column has per-component level probabilities, each count
 * column per-component Poisson rates.
 */
export interface MixedParamsDto {
  kind: 'mixed';
  nComponents: number;
  weights: number[];
  gaussian?: { model: ModelName; nFeatures: number; means: number[][]; covariance: CovarianceDto };
  /** One per categorical column: its levels and K × L probabilities (each row sums to 1). */
  categorical: { column: string; levels: string[]; probabilities: number[][] }[];
  /** One per count column: K rates. */
  counts: { column: string; rates: number[] }[];
}

/** Fitted parameters of any family, keyed on `kind` (so a new family cannot fall through a switch silently). */
export type ParamsDto = GaussianParamsDto | MixedParamsDto;

/** Compiles only while `ParamsDto` has exactly the engine's family kinds: a new family needs its DTO here. */
type SameKinds<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustHold<T extends true> = T;
export type ParamsDtoCoversEveryFamily = MustHold<SameKinds<ParamsDto['kind'], FamilyKind>>;

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
  nComponents: number;
  /** The family's variant: the covariance model for Gaussian mixtures. */
  model: string;
  /**
   * Parameters of this candidate (so the panel can show it when clicked); absent when it failed, or when a sweep of
   * wide data would make them too large to send.
   */
  params?: ParamsDto;
  /** Hard-assigned count per component over every row used (empty when the candidate failed). */
  counts: number[];
  /** Wall time of this candidate (its fit and, when it was refined, its refinement). */
  elapsedMs: number;
  /** How its starts went (absent when it failed). */
  starts?: StartsSummary;
  /** Set when this candidate could not be fitted. */
  failure?: string;
  /** Every run ended at a degenerate maximum (see `issues`); chosen only if every candidate is. */
  degenerate?: boolean;
  issues?: ComponentIssue[];
  /** Carried on to the tight tolerance (only candidates that might be chosen are). */
  refined?: boolean;
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
  /**
   * Without numeric columns (a latent class model): a 2-D map of the rows from their membership probabilities, each
   * component at a corner of a regular polygon (the ends of a line for K = 2) and each row at its probability-weighted
   * mean of the corners, spread a little so equal rows do not hide one another.
   */
  map?: number[][];
  /** The map's corner of each component (with `map`). */
  mapCorners?: number[][];
  /** Mixed models: the sampled rows' categories (level index per categorical column, −1 where missing). */
  categories?: number[][];
  /** Mixed models: the sampled rows' counts (one per count column, null where missing). */
  counts?: (number | null)[][];
}

/**
 * The first two principal components of the fitted columns, computed when the panel asks: of the standardised
 * columns (a correlation-matrix PCA), so no column dominates by its units alone.
 */
export interface PcaDto {
  mean: number[];
  /** 2 × d: a row's score on PC j is Σ_a axes[j][a] · (x_a − mean_a), x in the file's units (loadings / std). */
  axes: number[][];
  /** 2 × d unit vectors: the components' loadings on the standardised columns. */
  loadings?: number[][];
  /** The columns were standardised first (always, since the PCA note of issue 11). */
  standardized?: boolean;
  /** Share of the variance each axis explains. */
  explained: number[];
}

/**
 * The fit's clusters against one column of the file (which the fit need not have used): the column's groups (its
 * categories; a numeric column of many values in quantile bins), the clusters × groups table over the rows used with
 * the column observed, and how well the two partitions agree.
 */
export interface ComparisonDto {
  column: string;
  /** The column's groups, in their order (categories sorted; bins from low to high). */
  levels: string[];
  /** Whether the groups are ranges of a numeric column. */
  binned: boolean;
  /** The group of each scatter sample row (SampleDto.rowIndex order), −1 where the cell is missing. */
  sampleCodes: number[];
  /** K × levels counts: rows of each cluster (the chosen model's hard assignment) in each group. */
  table: number[][];
  /** Rows counted (used by the fit and observed in the column), and rows used but missing there. */
  nRows: number;
  nMissing: number;
  /** Adjusted Rand index and normalized mutual information (arithmetic normalisation) of clusters vs groups. */
  ari: number;
  nmi: number;
}

export interface FitResultDto extends FitScoresDto {
  columns: string[];
  /**
   * Set when the file was larger than the memory budget and streamed: read again for every pass (counting rows,
   * collecting the sample, each EM iteration over every row), with each pass's wall time. The scatter then draws a
   * sample of the rows.
   */
  streamed?: {
    /** The file's size. */
    sizeBytes: number;
    /** Of a text file: the memory it would take as a table, estimated from its head (it or the file exceeded the budget). */
    tableBytes?: number;
    /** Of a Parquet file read by row groups: the fitted columns' size decoded (which is what exceeded the budget). */
    decodedBytes?: number;
    passes: { purpose: 'count' | 'sample' | 'em' | 'label'; seconds: number }[];
  };
  /**
   * Wall time of the fit job (reading the file excluded): decoding the fitted columns of a Parquet or Arrow file, every
   * candidate of a sweep, refinement and result building.
   */
  totalMs: number;
  /**
   * Set by the host when this Fit first read the file (again: it had changed, or was not read yet): the wall time of
   * that read, which the person waited for too. The job took `readMs + totalMs`.
   */
  readMs?: number;
  /** How the chosen model's starts went: how sure the fit is. */
  starts: StartsSummary;
  /** Components that make the chosen model degenerate (empty for a sound fit). */
  issues: ComponentIssue[];
  settings: FitSettingsDto;
  params: ParamsDto;
  elapsedMs: number;
  nRowsUsed: number;
  nDropped: number;
  nImputedRows: number;
  /** Hard-assigned count per component. */
  counts: number[];
  /** The runs the chart draws: every run, or (when `runsTotal` is set) the kept one and those that ended highest. */
  runs: RunTrace[];
  /** Set when there were more runs (starts and moves) than `runs` holds. */
  runsTotal?: number;
  /** The `run` number (RunTrace.run) of the restart that was kept. */
  bestRun: number;
  /** Parameters after iterations of the chosen run (for replay), original units; thinned for long runs. */
  history: ParamsDto[];
  /** The 1-based iteration of each `history` snapshot. */
  historyIterations: number[];
  /** Snapshots up to this iteration were taken on a random sample of the rows (the first stage of a large fit); 0 without. */
  historyOnSample?: number;
  selection?: SelectionRowDto[];
  /** Index into selection of the chosen model. */
  chosen?: number;
  /** 'bic': chosen by BIC among sound candidates (a degenerate one only when all are). */
  criterion?: 'bic';
  sample: SampleDto;
  notices: FitNotice[];
  /** When the fit did not converge: what to try. */
  advice?: string;
}

/** Progress of the work in a panel. */
export type ProgressDto =
  | { phase: 'reading'; bytesRead: number; totalBytes: number }
  /** A pass over a streamed file: the pass's number, why it reads the file (see `FitResultDto.streamed`), how far it is. */
  | { phase: 'streaming'; pass: number; purpose: 'count' | 'sample' | 'em' | 'label'; bytesRead: number; totalBytes: number }
  | {
      phase: 'fitting';
      /** Candidate index in a sweep (0-based) and sweep size (1 for a single model). */
      candidate: number;
      nCandidates: number;
      nComponents: number;
      /** The candidate's covariance model (family variant). */
      model: string;
      run: number;
      nRuns: number;
      iteration: number;
      /** Total log-likelihood (natural log, summed over rows) after this iteration. */
      logLikelihood: number;
      /** Which part of the run: screening (short EM), the run to tol, or refinement of a kept run to the tight tolerance. */
      stage: 'screen' | 'restart' | 'refine';
    };

/** An error as data: a stable code and a message written for the user. */
export interface ErrorDto {
  code: string;
  message: string;
  line?: number;
  column?: string;
}
