/** What the comparison card says about the column compared with (pure, no DOM; unit-tested). */

/**
 * The note under the clusters × column table: what its rows and columns are, what the indices mean, and whether the
 * fit used the column, which matters: clusters fitted on a label column are no independent check against it.
 */
export function comparisonNote(column: string, binned: boolean, fitted: boolean): string {
  const use = fitted
    ? `${column} was used by the fit (it is ticked in the column list), so the clusters are no independent check against it: ` +
      'untick it and fit again to see how well the other columns alone find these groups.'
    : `${column} was not used by the fit: it is fitted only when ticked in the column list.`;
  return 'Rows: the clusters of the chosen model (each row in its most probable component). Columns: the values of ' +
    `${column}${binned ? ', cut into ranges of about equal counts' : ''}. The adjusted Rand index is 1 when the two groupings are the same up to ` +
    `names and about 0 when they agree no more than chance; normalized mutual information runs from 0 (independent) to 1. ${use}`;
}
