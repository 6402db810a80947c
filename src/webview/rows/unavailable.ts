/** Why a fit's rows cannot be listed in the panel, as text (pure, no DOM; unit-tested). */
import type { FitResultDto } from '../../protocol/model';
import { formatBytes } from '../format';
import { fileText } from '../progress';

/**
 * For a fit of a streamed file, what the rows view and the unusual rows say in place of their tables: the worker
 * holds only the file's head and the scatter's sample, not its rows (undefined for a fit of a table in memory).
 */
export function rowsUnavailableText(r: Pick<FitResultDto, 'streamed'>): string | undefined {
  if (!r.streamed) return undefined;
  const s = r.streamed;
  const why = s.decodedBytes !== undefined
    ? `the fitted columns (${formatBytes(s.decodedBytes)} decoded) were larger than the memory budget, so the file was read one row group at a time`
    : `the file (${fileText(s)}) was larger than the memory budget and was streamed`;
  const size = s.decodedBytes !== undefined ? 'fitted columns\u2019 decoded size' : s.tableBytes !== undefined ? 'size of its table' : 'file\u2019s size';
  return `Not available for this fit: ${why}, so its rows are not held in memory. Click a point in the scatter to show its row ` +
    'in the file; Export Clusters as CSV writes every row with its cluster. To list rows here, raise the setting ' +
    `emExplorer.memoryBudgetMB above the ${size} and fit again.`;
}
