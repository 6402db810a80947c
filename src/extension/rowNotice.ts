/**
 * Whether a row can be shown as a line of its data file in the editor, and what to say instead when it cannot: a gzip
 * file (the line is one of the decompressed text) or a Parquet or Arrow file (binary, no lines). Pure, unit-tested.
 */
import type { DatasetDto } from '../protocol/model';
import { hostMessages } from './messages';

/** The information message for row `row` (0-based) on line `line`, or undefined when the editor can show that line. */
export function rowNotice(name: string, format: DatasetDto['format'] | undefined, row: number, line: number): string | undefined {
  if (format === 'parquet' || format === 'arrow') return hostMessages.binaryRow(name, format === 'parquet' ? 'Parquet' : 'Arrow', row);
  if (/\.gz$/i.test(name)) return hostMessages.compressedRow(name, row, line);
  return undefined;
}
