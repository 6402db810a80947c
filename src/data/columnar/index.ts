/**
 * The columnar readers: Parquet (hyparquet) and Arrow IPC (flechette), read column by column into a ColumnarTable
 * that decodes only the columns a fit needs. Pure: file access comes in through `OpenBytes`.
 */
import { isArrow } from './arrowSource';
import { isParquet } from './parquetSource';

export { ColumnarTable } from './columnarTable';
export { openArrow, isArrow } from './arrowSource';
export { openParquet, isParquet } from './parquetSource';
export type { ByteRange, ColumnarSource, OpenBytes } from './types';

const BY_EXTENSION: Record<string, 'parquet' | 'arrow'> = { parquet: 'parquet', arrow: 'arrow', arrows: 'arrow', feather: 'arrow' };

/**
 * Whether a file is columnar and which format: by its extension, else by its first bytes ("PAR1", "ARROW1", or an
 * Arrow stream's continuation marker). Null for text files (and anything else).
 * @param head the file's first bytes (8 are enough)
 */
export function columnarFormat(fileName: string, head: Uint8Array): 'parquet' | 'arrow' | null {
  const dot = fileName.lastIndexOf('.');
  const byName = dot >= 0 ? BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] : undefined;
  if (byName !== undefined) return byName;
  if (isParquet(head)) return 'parquet';
  // Four 0xFF bytes never start UTF-8 text, so an Arrow stream's marker is sign enough.
  if (isArrow(head)) return 'arrow';
  return null;
}
