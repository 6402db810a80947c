/** Errors of the agglomeration layer: a code the fit worker can switch on, and the user-facing texts in one place. */

/** What went wrong: the caller cancelled, or the input cannot be agglomerated. */
export type AgglomerationErrorCode = 'cancelled' | 'badInput';

/** Thrown by the agglomeration functions; `code` says why. */
export class AgglomerationError extends Error {
  constructor(readonly code: AgglomerationErrorCode, message: string) {
    super(message);
    this.name = 'AgglomerationError';
  }
}

/** Every message the agglomeration can show, so tests can assert them. */
export const agglomerationMessages = {
  cancelled: (): string => 'The fit was cancelled.',
  noRows: (): string => 'There are no rows to agglomerate.',
  noColumns: (): string => 'There are no numeric columns to agglomerate on.',
  shortData: (n: number, d: number, length: number): string =>
    `Expected ${n} rows × ${d} columns (${n * d} values) but the data holds ${length}.`,
  notFinite: (row: number, column: number): string =>
    `Row ${row + 1}, column ${column + 1} is not a finite number: the hierarchical start needs complete numeric rows.`,
  allConstant: (): string =>
    'Every column is constant, so the hierarchical start has nothing to group the rows by.',
  badGroupCount: (g: number, n: number): string =>
    `Cannot cut the merge tree into ${g} groups: it needs a whole number from 1 to ${n} (the number of rows).`,
  /** A broken invariant of hcVVV's bookkeeping: a bug here, never the data's fault. */
  bookkeeping: (recorded: number, recomputed: number): string =>
    `Internal error in the hierarchical start: the chosen merge was recorded at cost ${recorded} but recomputes to ${recomputed}.`,
} as const;

/** Throws the 'cancelled' error when the caller's flag is up. */
export function throwIfCancelled(isCancelled: (() => boolean) | undefined): void {
  if (isCancelled?.() === true) throw new AgglomerationError('cancelled', agglomerationMessages.cancelled());
}

/** Checks the row-major n × d matrix the agglomeration reads: enough values, all finite. */
export function checkMatrix(x: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || n < 1) throw new AgglomerationError('badInput', agglomerationMessages.noRows());
  if (!Number.isInteger(d) || d < 1) throw new AgglomerationError('badInput', agglomerationMessages.noColumns());
  if (x.length < n * d) throw new AgglomerationError('badInput', agglomerationMessages.shortData(n, d, x.length));
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(x[i])) throw new AgglomerationError('badInput', agglomerationMessages.notFinite(Math.floor(i / d), i % d));
  }
}
