/**
 * hyparquet's column-chunk decoder, used directly (its package exports `./src/*.js`): `parquetRead` wraps the same
 * synchronous decoding in promises, which a fit reading a file in passes (a synchronous `RowSource`) cannot await.
 * The version is pinned in package.json; the readers' tests cover every type, encoding and compression through it.
 */
declare module 'hyparquet/src/column.js' {
  import type { CompressionCodec, Compressors, DataReader, DecodedArray, ParquetParsers, ParquetType, SchemaElement, SchemaTree } from 'hyparquet';
  /** Decodes the pages of one column chunk (its bytes from the first page on) for rows [selectStart, selectEnd) of its row group. */
  export function readColumn(
    reader: DataReader,
    select: { groupStart: number; selectStart: number; selectEnd: number; groupRows: number },
    decoder: {
      pathInSchema: string[]; type: ParquetType; element: SchemaElement; schemaPath: SchemaTree[];
      codec: CompressionCodec; parsers: ParquetParsers; compressors?: Compressors; utf8?: boolean;
    },
  ): { data: DecodedArray[]; skipped: number };
}

declare module 'hyparquet/src/schema.js' {
  import type { SchemaTree } from 'hyparquet';
  /** The schema nodes from the root to the column named by `path`. */
  export function getTreePath(tree: SchemaTree, path: string[]): SchemaTree[];
}

declare module 'hyparquet/src/convert.js' {
  import type { ParquetParsers } from 'hyparquet';
  export const DEFAULT_PARSERS: ParquetParsers;
}
