/**
 * The data readers: bytes in, a typed Table or a DataError out. Pure (no `vscode`, no `node:*`), so the same code
 * runs in the fit worker, the CLI and plain-Node tests. The columnar readers (Parquet, Arrow) are in `./columnar`,
 * imported from there only, so the extension host's bundle does not carry them.
 */
export type {
  ColumnInfo,
  ColumnStats,
  ColumnType,
  DataErrorCode,
  DataFormat,
  DataNotice,
  LimitSource,
  PrepareHooks,
  ReadOptions,
  Table,
} from './types';
export { DataError, unreadableFile } from './dataError';
export { ErrorText, NoticeText, ReasonText, formatBytes } from './messages';
export { MISSING_TOKENS } from './cellValue';
export { createTableReader, readTable, DEFAULT_MAX_BYTES, READ_CHUNK_BYTES, type TableReader } from './tableReader';
export { detectFormat } from './detectFormat';
export { defaultColumns, isFittable } from './columnChoice';
export { compressionOf, isGzip } from './compression';
export { MAX_COLUMNS, MAX_FIELD_LENGTH, MAX_RECORD_LENGTH } from './limits';
export { detectDelimiter, usesDecimalComma } from './delimiter';
export { extractMatrix, numericColumns, type NumericMatrix, type NumericColumns } from './extractMatrix';
export { csvField, formatCsvRow, guardFormula, isFormulaLike } from './csvWrite';
