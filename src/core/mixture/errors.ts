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
  constantColumn: (column: number, value: number) =>
    `Column ${column + 1} is constant (every value is ${value}), so its variance is 0 and no Gaussian can be fitted ` +
    'with regCovar = 0. Remove the column, or set regCovar above 0 (e.g. 1e-6).',
  tooFewRows: (n: number, d: number, covarianceType: string) =>
    `Only ${plural(n, 'row')} for ${plural(d, 'column')}: a '${covarianceType}' covariance needs more rows than columns ` +
    "to be estimated. Use a constrained covariance ('diag' or 'spherical'), fewer columns, or more rows.",
  illDefinedCovariance: (component: number) =>
    `Fitting the mixture model failed because component ${component + 1} has an ill-defined covariance (for instance ` +
    'caused by a component collapsing onto a single point or a few identical rows). Try fewer components, a larger ' +
    "regCovar, a constrained covariance ('diag', 'spherical' or 'tied'), or standardising the data.",
  componentKeepsEmptying: (component: number, k: number) =>
    `Component ${component + 1} keeps losing all its rows even after being re-seeded: the data does not support ` +
    `${k} components. Use fewer components.`,
  allRunsFailed: (nInit: number, first: string) =>
    `All ${plural(nInit, 'restart')} failed. The first failure: ${first}`,
  cancelled: () => 'The fit was cancelled.',
  emptyGrid: () => 'Model selection needs at least one value in kValues and one covariance type.',
  badShape: (rows: number, cols: number, length: number) =>
    `The table is malformed: ${rows} rows × ${cols} columns needs ${rows * cols} values but has ${length}.`,
  infiniteCell: (row: number, column: number) =>
    `Row ${row + 1}, column ${column + 1} is infinite. Remove or correct that value (leave it empty to treat it as missing).`,
  emptyColumn: (column: number) =>
    `Column ${column + 1} has no values in the rows being fitted. Remove the column.`,
  standardizeSpherical: () =>
    "standardize cannot be combined with the 'spherical' covariance: a spherical covariance in standardised units is " +
    "not spherical in the original units. Use 'diag', or fit without standardize.",
} as const;

/** Notices: things the engine did on its own and reports in `FitResult.notices`. */
export const notices = {
  rowsSkipped: (n: number, why: 'all-missing' | 'any-missing') => ({
    code: 'rows-skipped',
    message: why === 'all-missing'
      ? `${plural(n, 'row')} with every value missing ${n === 1 ? 'was' : 'were'} skipped.`
      : `${plural(n, 'row')} with a missing value ${n === 1 ? 'was' : 'were'} dropped (missing: 'drop').`,
  }),
  componentReseeded: (run: number, iteration: number, component: number) => ({
    code: 'component-reseeded',
    message: `Restart ${run + 1}, iteration ${iteration}: component ${component + 1} lost all its rows and was re-seeded ` +
      'at the row the model explained worst. If this keeps happening, use fewer components.',
  }),
  componentCollapsed: (component: number) => ({
    code: 'component-collapsed',
    message: `Component ${component + 1} collapsed onto a single point: its covariance comes only from regCovar, which ` +
      'inflates the log-likelihood. Use fewer components or a larger regCovar.',
  }),
  componentFlat: (component: number) => ({
    code: 'component-flat',
    message: `Component ${component + 1} is flat: its rows lie on a line or plane (for example repeated or rounded values), ` +
      'so in that direction its variance comes only from regCovar, which inflates the log-likelihood and BIC. ' +
      "Prefer fewer components, a constrained covariance ('diag' or 'tied'), or a larger regCovar.",
  }),
  constantColumn: (column: number) => ({
    code: 'constant-column',
    message: `Column ${column + 1} is constant: its variance comes only from regCovar. Consider removing it.`,
  }),
  runsFailed: (failed: number, nInit: number) => ({
    code: 'runs-failed',
    message: `${failed} of ${nInit} restarts failed (ill-defined covariance) and were left out; the best of the others is shown.`,
  }),
  notConverged: (maxIter: number) => ({
    code: 'not-converged',
    message: `The best restart did not converge within maxIter = ${maxIter} iterations. Increase maxIter or tol, ` +
      'try other initialisations, or check for degenerate data.',
  }),
  refineFailed: (run: number, iteration: number) => ({
    code: 'refine-failed',
    message: `Restart ${run + 1} converged, but carrying it on to a tighter tolerance failed at iteration ${iteration} ` +
      '(ill-defined covariance); the restart is kept as it converged. A larger regCovar avoids this.',
  }),
  historyCapped: (kept: number) => ({
    code: 'history-capped',
    message: `Only the first ${plural(kept, 'iteration')} of parameters were kept for replay (memory cap).`,
  }),
} as const;
