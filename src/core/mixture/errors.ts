/**
 * Every message the EM core shows a user, in one place so tests can assert the exact text (piscina's `Errors`).
 * Each says what happened and what to try.
 */

/** A fit that cannot go on; `code` is stable for programs, `message` is for people. */
export class FitError extends Error {
  constructor(public readonly code: FitErrorCode, message: string) {
    super(message);
    this.name = 'FitError';
  }
}

export type FitErrorCode =
  | 'bad-input'
  | 'bad-option'
  | 'no-rows'
  | 'too-many-components'
  | 'constant-column'
  | 'too-few-rows'
  | 'ill-defined-covariance'
  | 'empty-component'
  | 'cancelled';

/** Quotes a column name for a message. */
const col = (name: string): string => `"${name}"`;

const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

export const messages = {
  columnsMismatch: (got: number, want: number) =>
    `The data has ${plural(got, 'column')} but the model was fitted on ${want}. Pass the same columns as the fit.`,
  badOption: (name: string, value: unknown, want: string) =>
    `Option ${name} = ${String(value)} is not valid: it must be ${want}.`,
  noRows: (nRows: number, nDropped: number) =>
    nRows === 0
      ? 'The table has no rows to fit. Choose a file or columns with numeric data.'
      : `No row can be used: all ${plural(nRows, 'row')} were skipped (${nDropped} with missing values). ` +
        "Choose columns with fewer missing cells, or use missing: 'em' to fit rows with some cells missing.",
  tooManyComponents: (k: number, distinct: number) =>
    `Cannot fit ${plural(k, 'component')}: the data has only ${plural(distinct, 'distinct row')}, so some components ` +
    `would have nothing of their own to describe. Use at most ${distinct} components.`,
  constantColumn: (column: string) =>
    `Column ${col(column)} is constant (it holds a single value), so its variance is 0 and no Gaussian can be fitted ` +
    'without regularisation. Leave the column out, or set the regularisation above 0 (e.g. 1e-6).',
  tooFewRows: (n: number, d: number, model: string) =>
    `Only ${plural(n, 'row')} for ${plural(d, 'column')}: the ${model} covariance model needs more rows than columns ` +
    'to be estimated. Use a diagonal or spherical model (VVI, EEI, VII, EII), fewer columns, or more rows.',
  illDefinedCovariance: (component: number) =>
    `Fitting the mixture model failed because component ${component + 1} has an ill-defined covariance (for instance ` +
    'caused by a component collapsing onto a single point or a few identical rows). Try fewer components, a larger ' +
    'regularisation, a constrained covariance model (e.g. EEE, VVI or VII), or standardising the data.',
  unknownModel: (text: string, names: string) =>
    `"${text}" is not a covariance model. Use one of ${names}, or scikit-learn's full, tied, diag, spherical.`,
  standardizeModel: (model: string) =>
    `The ${model} model cannot be fitted on standardised columns: its constraint (on volume, shape or orientation) ` +
    'would not hold in the file\'s units once the columns are scaled back. Fit without standardising, or use a model ' +
    'that keeps its meaning under scaling (EEI, VEI, EVI, VVI, EEE, VEE, EVV, VVV).',
  componentKeepsEmptying: (component: number, k: number) =>
    `Component ${component + 1} keeps losing all its rows even after being re-seeded: the data does not support ` +
    `${k} components. Use fewer components.`,
  componentEmptied: (component: number, k: number) =>
    `Component ${component + 1} lost all its rows: the data does not support ${plural(k, 'component')} from this start. ` +
    'Other starts may; otherwise use fewer components.',
  allRunsFailed: (nInit: number, first: string) =>
    `All ${plural(nInit, 'start')} failed. The first failure: ${first}`,
  cancelled: () => 'The fit was cancelled.',
  emptyGrid: () => 'Model selection needs at least one number of components and one model.',
  badShape: (rows: number, cols: number, length: number) =>
    `The table is malformed: ${rows} rows × ${cols} columns needs ${rows * cols} values but has ${length}.`,
  infiniteCell: (row: number, column: string) =>
    `Row ${row + 1}, column ${col(column)} is infinite. Remove or correct that value (leave it empty to treat it as missing).`,
  emptyColumn: (column: string) =>
    `Column ${col(column)} has no values in the rows being fitted. Leave the column out.`,
  badComponents: (text: string) =>
    `"${text}" is not a number of components: use a whole number such as 3, or a range such as 1-6 (at most 100).`,
} as const;

/** Why a component makes a fit a degenerate maximum (see `gaussian/degenerate.ts`). */
export const issueTexts = {
  /** `columns`: set when the component has no more rows than the columns of a full covariance (d), the cause. */
  degenerate: (component: number, kind: 'spurious' | 'flat', rows: number, tied: readonly string[], columns?: number) => {
    const n = rows >= 10 ? Math.round(rows).toLocaleString('en-US') : rows.toPrecision(2);
    if (columns !== undefined) {
      return `Component ${component + 1} is ${kind === 'spurious' ? 'spurious' : 'flat'}: it rests on about ${n} rows, no more than its ` +
        `${columns} columns, and a full covariance needs more rows than columns (its rows always lie on a plane, so its ` +
        'likelihood is inflated without bound). Use a diagonal model (VVI, EEI, VII…), fewer columns or fewer components.';
    }
    const where = tied.length > 0
      ? `its rows share a single value in ${tied.map(col).join(', ')}`
      : 'its rows lie on a line or plane';
    return kind === 'spurious'
      ? `Component ${component + 1} is spurious: it rests on about ${n} rows and ${where}, so its likelihood is ` +
        'inflated without bound (a spurious maximum). Other starts, fewer components or a larger regularisation avoid it.'
      : `Component ${component + 1} is flat: ${where} (about ${n} rows, e.g. tied, zero or rounded values), so in that ` +
        'direction its variance comes only from the regularisation, which inflates the likelihood and BIC.';
  },
} as const;

/** Most column names a notice lists before "and N more". */
const LISTED_COLUMNS = 5;

/** "column x", "columns x, y", or "columns a, b, c, d, e and 3 more". */
function columnList(columns: readonly string[]): string {
  if (columns.length === 1) return `column ${columns[0]}`;
  const shown = columns.slice(0, LISTED_COLUMNS).join(', ');
  return `columns ${shown}${columns.length > LISTED_COLUMNS ? ` and ${columns.length - LISTED_COLUMNS} more` : ''}`;
}

/** Notices: things the engine did on its own and reports in `FitResult.notices`. */
export const notices = {
  /**
   * Rows left out of the fit: with every fitted cell missing (values in columns not fitted do not count, so the
   * message names the fitted columns when it knows them), or with any missing under `missing: 'drop'`.
   */
  rowsSkipped: (n: number, why: 'all-missing' | 'any-missing', columns: readonly string[]) => ({
    code: 'rows-skipped',
    message: why === 'all-missing'
      ? `${plural(n, 'row')} with ${columns.length === 1 ? 'the fitted value' : 'every fitted value'} missing${columns.length ? ` (${columnList(columns)})` : ''} ${n === 1 ? 'was' : 'were'} skipped.`
      : `${plural(n, 'row')} with a missing value ${n === 1 ? 'was' : 'were'} dropped (missing: 'drop').`,
  }),
  componentReseeded: (run: number, iteration: number, component: number) => ({
    code: 'component-reseeded',
    message: `Start ${run + 1}, iteration ${iteration}: component ${component + 1} lost all its rows and was re-seeded ` +
      'at the row the model explained worst. If this keeps happening, use fewer components.',
  }),
  constantColumn: (column: string) => ({
    code: 'constant-column',
    message: `Column ${col(column)} is constant: its variance comes only from the regularisation. Consider leaving it out.`,
  }),
  runsFailed: (failed: number, nInit: number) => ({
    code: 'runs-failed',
    message: `${failed} of ${plural(nInit, 'start')} failed (ill-defined covariance) and were left out; the best of the others is shown.`,
  }),
  degenerateRunsSetAside: (n: number) => ({
    code: 'degenerate-runs',
    message: `${plural(n, 'start')} ended at a degenerate maximum (a component spurious or flat) and ${n === 1 ? 'was' : 'were'} set aside for the best sound one.`,
  }),
  modelsSkipped: (models: readonly string[]) => ({
    code: 'models-skipped',
    message: `${models.join(', ')} cannot be fitted on standardised columns and ${models.length === 1 ? 'was' : 'were'} left out of the comparison.`,
  }),
  notConverged: (maxIter: number) => ({
    code: 'not-converged',
    message: `The best start did not converge within ${maxIter} iterations. Raise the iteration limit or the tolerance, ` +
      'try more starts, or check for degenerate data.',
  }),
  refineFailed: (run: number, iteration: number) => ({
    code: 'refine-failed',
    message: `Start ${run + 1} converged, but carrying it on to a tighter tolerance failed at iteration ${iteration} ` +
      '(ill-defined covariance); it is kept as it converged. A larger regularisation avoids this.',
  }),
  historyCapped: (kept: number) => ({
    code: 'history-capped',
    message: `Only the first ${plural(kept, 'iteration')} of parameters were kept for replay (memory cap).`,
  }),
} as const;
