/** What the panel says about one candidate of a sweep (pure, no DOM: unit-tested in node). */
import type { SelectionRowDto } from '../protocol/model';

/**
 * Why a sweep candidate is degenerate, for the user: "degenerate: " and each affected component's sentence (which
 * component, on how many rows, why, what to try); '' for a sound candidate. Plain text (it may name columns).
 */
export function degenerateReason(row: SelectionRowDto): string {
  if (!row.degenerate) return '';
  const issues = row.issues ?? [];
  return issues.length > 0 ? `degenerate: ${issues.map((i) => i.message).join(' ')}` : 'degenerate';
}

/**
 * The status cell of a candidate in the table of candidates: chosen, failed (and why), degenerate (which component
 * and why), not converged. Plain text: a degenerate component's reason may name columns of the file.
 */
export function candidateStatus(row: SelectionRowDto, chosen: boolean): string {
  if (row.failure) return `failed: ${row.failure}`;
  const degenerate = degenerateReason(row);
  const parts = [chosen ? 'chosen' : '', degenerate, !chosen && !degenerate && !row.converged ? 'not converged' : ''].filter((p) => p !== '');
  return parts.join('; ');
}
